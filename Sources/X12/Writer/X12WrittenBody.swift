/// A transaction set's body (the segments between ST and SE) written straight into bytes with the delimiters of the
/// interchange that will carry it, a segment at a time and an element at a time: no value array, no segment value
/// and no second pass to clean free text, which made up most of what writing an ASN cost.
///
/// Written as `X12Writer.append(_:to:)` writes a segment: trailing empty elements dropped, a code or identifier
/// holding a delimiter refused (the first such value is kept in `problem`, and `finished()` throws it), and free
/// text with the delimiters in it made spaces, as `X12OutgoingSegment.replacingDelimiters` does.
public struct X12WrittenBody: Hashable, Sendable {
    public let delimiters: X12Delimiters
    public let lineBreak: [UInt8]
    /// The segments written so far, each ended with the segment terminator and the line break.
    public private(set) var bytes: [UInt8] = []
    /// How many segments `bytes` holds (SE01 counts two more: ST and SE).
    public private(set) var segmentCount = 0
    /// The first value that could not be written (a delimiter in a code or identifier), where it would have started.
    public private(set) var problem: X12Error?
    /// Empty elements seen since the last value: written only when a value follows, so trailing ones never are.
    private var pendingEmpty = 0
    /// The position (from 1) of the element written last in the segment begun last.
    private var position = 0
    /// The positions of that segment that hold free text.
    private var freeText: [Int]?

    public init(delimiters: X12Delimiters, lineBreak: [UInt8], capacity: Int = 1024) {
        self.delimiters = delimiters
        self.lineBreak = lineBreak
        bytes.reserveCapacity(capacity)
    }

    /// Starts a segment: its ID, and the positions (X12's, from 1) of its elements that hold free text (a name, an
    /// address, a routing), nil for none. Elements follow, then `end()`.
    public mutating func begin(_ id: String, freeText: [Int]?) {
        pendingEmpty = 0
        position = 0
        self.freeText = freeText
        appendChecked(id)
    }

    /// The next element, empty when nil or "". A code or identifier holding a delimiter is refused; in free text
    /// any delimiter becomes a space.
    public mutating func element(_ value: String?) {
        position += 1
        guard let value, !value.isEmpty else {
            pendingEmpty += 1
            return
        }
        separate()
        if let freeText, freeText.contains(position) {
            appendFreeText(value)
        } else {
            appendChecked(value)
        }
    }

    /// The next element, written by `write` straight into the body (a number's digits, with no string made for
    /// it); refused, as a code is, when what it wrote holds a delimiter, and empty when it wrote nothing.
    public mutating func element(writing write: (inout [UInt8]) -> Void) {
        position += 1
        let mark = bytes.count
        separate()
        let start = bytes.count
        write(&bytes)
        if bytes.count == start {
            // Its separators wait with it, for a value that may follow.
            bytes.removeSubrange(mark...)
            pendingEmpty = start - mark
        } else if bytes[start...].contains(where: delimiters.isDelimiter) {
            bytes.removeSubrange(start...)
            fail(at: start)
        }
    }

    /// Ends the segment begun last.
    public mutating func end() {
        bytes.append(delimiters.segment)
        if delimiters.segment != 0x0A { bytes.append(contentsOf: lineBreak) }
        segmentCount += 1
    }

    /// The body, or the first value that could not be written.
    public func finished() throws(X12Error) -> X12WrittenBody {
        if let problem { throw problem }
        return self
    }

    /// Free text: copied whole when it holds no delimiter (nearly all does), else byte by byte with each ASCII
    /// delimiter made a space.
    private mutating func appendFreeText(_ text: String) {
        var value = text
        value.withUTF8 { text in
            guard text.contains(where: delimiters.isDelimiter) else {
                bytes.append(contentsOf: text)
                return
            }
            for byte in text {
                if byte < 0x80, delimiters.isDelimiter(byte) {
                    bytes.append(0x20)
                } else {
                    guard !delimiters.isDelimiter(byte) else {
                        fail(at: bytes.count)
                        return
                    }
                    bytes.append(byte)
                }
            }
        }
    }

    /// The separators owed: one for each empty element before this value, and this value's own.
    private mutating func separate() {
        while pendingEmpty > 0 {
            bytes.append(delimiters.element)
            pendingEmpty -= 1
        }
        bytes.append(delimiters.element)
    }

    /// A code or identifier, copied whole; one holding a delimiter is not written, and is the body's problem.
    private mutating func appendChecked(_ text: String) {
        var value = text
        value.withUTF8 { text in
            guard !text.contains(where: delimiters.isDelimiter) else {
                fail(at: bytes.count)
                return
            }
            bytes.append(contentsOf: text)
        }
    }

    private mutating func fail(at offset: Int) {
        if problem == nil { problem = X12Error(.invalidCharacter, at: offset) }
    }
}
