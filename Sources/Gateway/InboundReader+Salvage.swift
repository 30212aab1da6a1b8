import X12

extension InboundReader {
    /// What is left to read of X12 input whose reading stopped at `failure`, so that the document can still be
    /// answered and its sound interchanges processed: `survey` is of every interchange before the failure point,
    /// and `cut` is where the salvaged bytes end (problems found past it belong to the cut, not to the input).
    struct Salvage {
        var survey: X12Survey
        var cut: Int
        var note: String
    }

    /// Two cases, both after a readable ISA:
    /// - bytes after the last IEA that are not another interchange: the interchanges before them are read whole;
    /// - an interchange that cannot be read past some byte (a segment over the length limit, an ISA inside a set
    ///   declaring clashing delimiters): it is cut right after its ISA, which gives it a TA1 rejecting it, and the
    ///   interchanges before it are read whole.
    ///
    /// `surveying` reads the input up to a cut. Nil when no ISA before the failure can be read: then nothing can be
    /// answered.
    static func salvage(
        _ file: InboundFile, after failure: X12Error, surveying: (Int) -> X12Survey
    ) -> Salvage? {
        let end = min(max(failure.byteOffset, 0), file.count)
        if case .unexpectedDataAfterInterchange = failure.kind {
            let survey = surveying(end)
            guard survey.failure == nil else { return nil }
            return Salvage(
                survey: survey, cut: end,
                note: "byte \(end): the \(survey.interchangeCount) interchange(s) before it are read; "
                    + "the bytes from there on are not an interchange and are left out")
        }
        var bytes = InboundBlocks(file)
        var before = end
        while let start = lastISA(in: &bytes, before: before) {
            if let isaEnd = endOfISA(in: &bytes, at: start) {
                let survey = surveying(isaEnd)
                if survey.failure == nil, let header = survey.lastHeader {
                    return Salvage(
                        survey: survey, cut: isaEnd,
                        note: "byte \(start): interchange \(header.controlNumber) cannot be read past byte \(end): "
                            + "none of it is processed, and it is answered with a TA1 that rejects it")
                }
            }
            before = start
        }
        return nil
    }

    /// The offset of the last `ISA` before `limit` that starts a segment: at the start of the input (after a
    /// byte-order mark or white space), or after a byte that can end a segment, followed by a byte that can
    /// separate elements.
    static func lastISA(in bytes: inout InboundBlocks, before limit: Int) -> Int? {
        var index = min(limit - 1, bytes.count - 4)
        while index >= 0 {
            defer { index -= 1 }
            guard bytes[index] == 0x49, bytes[index + 1] == 0x53, bytes[index + 2] == 0x41,
                !isAlphanumeric(bytes[index + 3]), bytes[index + 3] != 0x20
            else { continue }
            var previous = index - 1
            while previous >= 0, [0x0A, 0x0D, 0x20].contains(bytes[previous]) { previous -= 1 }
            if previous < 0 || (previous == 2 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
                || (!isAlphanumeric(bytes[previous]) && bytes[previous] != bytes[index + 3])
            {
                return index
            }
        }
        return nil
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    /// The offset after the segment terminator of the ISA at `start`: the terminator follows ISA16, the byte after
    /// the sixteenth element separator (the ISA's fourth byte). Nil when the ISA is cut short.
    static func endOfISA(in bytes: inout InboundBlocks, at start: Int) -> Int? {
        let separator = bytes[start + 3]
        var found = 0
        var index = start + 3
        while index < min(bytes.count, start + X12ReadOptions().maximumISALength) {
            if bytes[index] == separator {
                found += 1
                if found == 16 { return index + 3 <= bytes.count ? index + 3 : nil }
            }
            index += 1
        }
        return nil
    }
}

/// A document's bytes by offset, read a block at a time and the last block kept: the salvage looks back from a
/// failure, byte by byte, in a file it does not hold.
struct InboundBlocks {
    static let blockSize = 1 << 16
    let file: InboundFile
    var count: Int { file.count }
    private var blockStart = -1
    private var block: [UInt8] = []

    init(_ file: InboundFile) {
        self.file = file
    }

    /// The byte at `offset` (0 past the end, which callers never ask for).
    subscript(offset: Int) -> UInt8 {
        mutating get {
            if offset < blockStart || offset >= blockStart + block.count {
                blockStart = offset - offset % Self.blockSize
                block = file.bytes(blockStart..<min(blockStart + Self.blockSize, file.count))
            }
            let index = offset - blockStart
            return index < block.count ? block[index] : 0
        }
    }
}
