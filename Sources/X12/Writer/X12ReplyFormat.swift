/// How a document to one partner is written: its release (GS08, ISA12, the transaction set's table), its delimiters
/// and what follows each segment terminator. One value decides all of them, so that a reply cannot mix releases:
/// ISA11 is the repetition separator from ISA12 00402 on and `U` before it.
public struct X12ReplyFormat: Hashable, Sendable {
    /// GS08 as written: `004010`, `005010`, `005010X231A1`.
    public var version: X12Version
    /// The separators; `repetition` is set exactly when the release has one.
    public private(set) var delimiters: X12Delimiters
    /// Bytes after each terminator: `[]` one line, LF, or CR LF.
    public var lineBreak: [UInt8]

    /// `delimiters.repetition` is kept for a release of 00402 or later (or the first of `^ ! { } \ |` that clashes
    /// with no other separator when there is none), and dropped before it.
    public init(version: X12Version, delimiters: X12Delimiters, lineBreak: [UInt8]) {
        self.version = version
        self.lineBreak = lineBreak
        var delimiters = delimiters
        if version.hasRepetitionSeparator {
            if delimiters.repetition == nil {
                let taken = [delimiters.element, delimiters.component, delimiters.segment]
                delimiters.repetition = Array("^!{}\\|".utf8).first { !taken.contains($0) }
            }
        } else {
            delimiters.repetition = nil
        }
        self.delimiters = delimiters
    }

    /// ISA11: the repetition separator from 00402 on, `U` (U.S. EDI community) before it.
    public var repetitionOrStandards: String {
        delimiters.repetition.map { String(decoding: [$0], as: UTF8.self) } ?? "U"
    }

    public var writer: X12Writer { X12Writer(delimiters: delimiters, lineBreak: lineBreak) }
}

extension X12Version {
    /// ISA12 for an interchange in this release: its first five digits (004010 → 00401, 005010 → 00501); nil when
    /// the version is not a six-digit release.
    public var interchangeVersion: String? {
        // Asked for every reply written: its bytes, not its characters' Unicode properties.
        base.utf8.count == 6 && base.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
            ? String(base.prefix(5)) : nil
    }

    /// Whether ISA11 is a repetition separator (ISA12 00402 and later) rather than `U`; an ISA12 value itself
    /// (`00401`) answers too.
    public var hasRepetitionSeparator: Bool { (interchangeVersion ?? String(rawValue.prefix(5))) >= "00402" }
}
