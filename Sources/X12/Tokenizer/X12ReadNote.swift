/// Something the reader stepped over that the standard does not allow but real files carry, as mainstream
/// translators do: whitespace between a segment terminator and the next segment ID, padding after an interchange
/// (a DOS end-of-file byte 0x1A, NULs, spaces, blank lines). A warning, not an `X12Error`: the interchange is read
/// and answered as if the bytes were not there.
///
/// One line break (LF, CR or CR LF) after a terminator is the usual one-segment-a-line layout and is no note.
public struct X12ReadNote: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable {
        /// Whitespace (space, tab, CR, LF) after a segment terminator, before the next segment ID.
        case whitespaceBetweenSegments = "whitespace between segments"
        /// Filler (whitespace, NUL, 0x1A) after an interchange's IEA and its line break.
        case paddingAfterInterchange = "padding after IEA"
    }

    public var kind: Kind
    /// Offset of the first byte skipped (the first place, for whitespace between segments).
    public var byteOffset: Int
    /// The bytes skipped there, at most `keptBytes` of them; `skippedCount` says how many there were.
    public var skipped: [UInt8]
    public var skippedCount: Int
    /// How many places of this interchange had such whitespace (1 for padding): one note an interchange, not one a
    /// segment, so that a file laid out with blank lines or indents gives a line, not thousands.
    public var places: Int
    /// The interchange it was found in (whitespace) or after (padding), 0-based.
    public var interchange: Int

    static let keptBytes = 16

    public init(
        _ kind: Kind, at byteOffset: Int, skipped: [UInt8], skippedCount: Int? = nil, places: Int = 1,
        interchange: Int
    ) {
        self.kind = kind
        self.byteOffset = byteOffset
        self.skipped = Array(skipped.prefix(Self.keptBytes))
        self.skippedCount = skippedCount ?? skipped.count
        self.places = places
        self.interchange = interchange
    }

    /// `skipped 2 spaces, CR, LF between segments (and at 41 more places in interchange 1)`; a long run names its
    /// length and first bytes: `skipped 45 bytes: 16 spaces, …`.
    public var description: String {
        var text = "skipped \(Self.describe(skipped))"
        if skippedCount > skipped.count { text = "skipped \(skippedCount) bytes: \(Self.describe(skipped)), …" }
        switch kind {
        case .whitespaceBetweenSegments:
            text += " between segments"
            if places > 1 { text += " (and at \(places - 1) more places in interchange \(interchange + 1))" }
        case .paddingAfterInterchange:
            text += " after the IEA of interchange \(interchange + 1)"
        }
        return text
    }

    /// `FILE:byte N: note: …`, beside `X12Error.diagnosticLine(file:)`.
    public func diagnosticLine(file: String) -> String { "\(file):byte \(byteOffset): note: \(description)" }

    /// Runs of one byte named and counted: `2 spaces, CR, LF`, `0x1A, 3 NULs`.
    static func describe(_ bytes: [UInt8]) -> String {
        var parts: [String] = []
        var index = 0
        while index < bytes.count {
            var end = index + 1
            while end < bytes.count, bytes[end] == bytes[index] { end += 1 }
            let run = end - index
            let (one, many) = name(bytes[index])
            parts.append(run == 1 ? one : "\(run) \(many)")
            index = end
        }
        return parts.isEmpty ? "nothing" : parts.joined(separator: ", ")
    }

    private static func name(_ byte: UInt8) -> (String, String) {
        switch byte {
        case 0x20: return ("space", "spaces")
        case 0x09: return ("tab", "tabs")
        case 0x0D: return ("CR", "CRs")
        case 0x0A: return ("LF", "LFs")
        case 0x00: return ("NUL", "NULs")
        case 0x1A: return ("0x1A (^Z)", "0x1A (^Z)")
        default:
            let hex = "0x" + String(byte, radix: 16, uppercase: true)
            return (hex, hex)
        }
    }
}

/// The whitespace places of one interchange, gathered while its segments are scanned (window by window: a place
/// is never cut by a window's end, see `X12SegmentScanner.scan`) and made into one note at its end.
struct X12SpacingTally: Sendable {
    var first: Int? = nil
    var skipped: [UInt8] = []
    var skippedCount = 0
    var places = 0

    /// One more place, at `offset`, of `bytes`.
    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) {
        places += 1
        if first == nil {
            first = offset
            skipped = Array(bytes.prefix(X12ReadNote.keptBytes))
            skippedCount = bytes.count
        }
    }

    /// `other`'s places, found after these, with offsets moved by `base`.
    mutating func add(_ other: X12SpacingTally, base: Int) {
        guard let otherFirst = other.first else { return }
        if first == nil {
            first = otherFirst + base
            skipped = other.skipped
            skippedCount = other.skippedCount
        }
        places += other.places
    }

    func note(interchange: Int) -> X12ReadNote? {
        guard let first else { return nil }
        return X12ReadNote(
            .whitespaceBetweenSegments, at: first, skipped: skipped, skippedCount: skippedCount, places: places,
            interchange: interchange)
    }
}
