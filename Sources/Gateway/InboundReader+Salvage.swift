import X12

extension InboundReader {
    /// What is left to read of X12 input whose reading stopped at `failure`, so that the document can still be
    /// answered and its sound interchanges processed: `document` holds every interchange before the failure point,
    /// and `cut` is where the salvaged bytes end (problems found past it belong to the cut, not to the input).
    struct Salvage {
        var document: X12Document
        var cut: Int
        var note: String
    }

    /// Two cases, both after a readable ISA:
    /// - bytes after the last IEA that are not another interchange: the interchanges before them are read whole;
    /// - an interchange that cannot be read past some byte (a segment over the length limit, an ISA inside a set
    ///   declaring clashing delimiters): it is cut right after its ISA, which gives it a TA1 rejecting it, and the
    ///   interchanges before it are read whole.
    ///
    /// Nil when no ISA before the failure can be read: then nothing can be answered.
    static func salvage(_ bytes: [UInt8], after failure: X12Error) -> Salvage? {
        let end = min(max(failure.byteOffset, 0), bytes.count)
        if case .unexpectedDataAfterInterchange = failure.kind {
            guard let document = try? X12Document.read(Array(bytes[..<end])) else { return nil }
            return Salvage(
                document: document, cut: end,
                note: "byte \(end): the \(document.interchanges.count) interchange(s) before it are read; "
                    + "the bytes from there on are not an interchange and are left out")
        }
        var before = end
        while let start = lastISA(in: bytes, before: before) {
            if let isaEnd = endOfISA(in: bytes, at: start),
                let document = try? X12Document.read(Array(bytes[..<isaEnd])),
                let header = document.interchanges.last?.header
            {
                return Salvage(
                    document: document, cut: isaEnd,
                    note: "byte \(start): interchange \(header.controlNumber) cannot be read past byte \(end): "
                        + "none of it is processed, and it is answered with a TA1 that rejects it")
            }
            before = start
        }
        return nil
    }

    /// The offset of the last `ISA` before `limit` that starts a segment: at the start of the input (after a
    /// byte-order mark or white space), or after a byte that can end a segment, followed by a byte that can
    /// separate elements.
    static func lastISA(in bytes: [UInt8], before limit: Int) -> Int? {
        var index = min(limit - 1, bytes.count - 4)
        while index >= 0 {
            defer { index -= 1 }
            guard bytes[index] == 0x49, bytes[index + 1] == 0x53, bytes[index + 2] == 0x41,
                !isAlphanumeric(bytes[index + 3]), bytes[index + 3] != 0x20
            else { continue }
            var previous = index - 1
            while previous >= 0, [0x0A, 0x0D, 0x20].contains(bytes[previous]) { previous -= 1 }
            if previous < 0 || (previous == 2 && bytes[0..<3] == [0xEF, 0xBB, 0xBF])
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
    static func endOfISA(in bytes: [UInt8], at start: Int) -> Int? {
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
