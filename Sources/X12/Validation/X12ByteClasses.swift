import CByteScan

/// What each byte value is in one interchange's syntax, as bit flags: the validator classifies a byte once instead
/// of comparing it with every delimiter again. Plain values, no table: making one per set (a stream validates set
/// by set) allocates nothing.
struct X12ByteClasses: Sendable {
    static let separator: UInt8 = 1
    static let component: UInt8 = 2
    static let repetition: UInt8 = 4
    /// Below 0x20: not allowed in AN and ID values.
    static let control: UInt8 = 8

    let delimiters: X12Delimiters
    private let element: UInt8
    private let component: UInt8
    /// The repetition separator, or 0x100 (no byte) when the interchange has none.
    private let repetition: UInt16
    /// Each delimiter repeated in all eight bytes of a word (the repetition falls back to the component).
    private let separatorWord: UInt64
    private let componentWord: UInt64
    private let repetitionWord: UInt64

    init(_ delimiters: X12Delimiters) {
        self.delimiters = delimiters
        element = delimiters.element
        component = delimiters.component
        repetition = delimiters.repetition.map { UInt16($0) } ?? 0x100
        separatorWord = UInt64(delimiters.element) &* 0x0101_0101_0101_0101
        componentWord = UInt64(delimiters.component) &* 0x0101_0101_0101_0101
        repetitionWord = UInt64(delimiters.repetition ?? delimiters.component) &* 0x0101_0101_0101_0101
    }

    /// The byte's class. A delimiter can be a control byte too: it keeps both flags, except the element
    /// separator, which is only a separator (it wins when scanning).
    @inline(__always)
    subscript(byte: UInt8) -> UInt8 {
        if byte == element { return Self.separator }
        var flags: UInt8 = byte < 0x20 ? Self.control : 0
        if byte == component { flags |= Self.component }
        if UInt16(byte) == repetition { flags |= Self.repetition }
        return flags
    }

    /// Bit 7 of byte `n` set where `bytes[at + n]` has a class other than 0, for the bytes before `to` of the
    /// eight from `at`. One word load with exact per-byte tests (no carry crosses a byte): high bit set where a byte
    /// is zero after the XOR with a delimiter, or below 0x20. Near the end of the buffer, byte by byte.
    @inline(__always)
    func marked(in bytes: UnsafeBufferPointer<UInt8>, at: Int, to: Int) -> UInt64 {
        let count = min(8, to &- at)
        if at &+ 8 <= bytes.count, let base = bytes.baseAddress {
            let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
            let high: UInt64 = 0x8080_8080_8080_8080
            @inline(__always) func zeros(_ x: UInt64) -> UInt64 { ~(((x & low) &+ low) | x) & high }
            let word = UInt64(littleEndian: UnsafeRawPointer(base).loadUnaligned(fromByteOffset: at, as: UInt64.self))
            let control = ~(((word & low) &+ 0x6060_6060_6060_6060) | word) & high
            let marked =
                zeros(word ^ separatorWord) | zeros(word ^ componentWord) | zeros(word ^ repetitionWord) | control
            return count == 8 ? marked : marked & ((1 << UInt64(count &* 8)) &- 1)
        }
        var marked: UInt64 = 0
        for offset in 0..<count where self[bytes[at &+ offset]] != 0 { marked |= 0x80 << UInt64(offset &* 8) }
        return marked
    }

    /// For the sixteen bytes at `pointer` (all inside the caller's buffer), bit `n` set in `separators` where byte
    /// `n` is the element separator, and in `others` where it has any other class: `classify(_:)` on sixteen bytes
    /// at once, one bit per byte.
    @inline(__always)
    func classify16(_ pointer: UnsafePointer<UInt8>) -> (separators: UInt32, others: UInt32) {
        let classes = dg_classify16(
            pointer, element, component, repetition < 0x100 ? UInt8(truncatingIfNeeded: repetition) : component)
        return (classes & 0xFFFF, classes >> 16)
    }

    /// For the eight bytes `word` holds (little-endian), bit 7 of byte `n` set in `separators` where byte `n` is the
    /// element separator, and in `others` where it has any other class (component, repetition, control): the
    /// classes `subscript` gives, as masks. Exact per byte, as `marked`.
    @inline(__always)
    func classify(_ word: UInt64) -> (separators: UInt64, others: UInt64) {
        let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let high: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func zeros(_ x: UInt64) -> UInt64 { ~(((x & low) &+ low) | x) & high }
        let control = ~(((word & low) &+ 0x6060_6060_6060_6060) | word) & high
        let separators = zeros(word ^ separatorWord)
        let others = (zeros(word ^ componentWord) | zeros(word ^ repetitionWord) | control) & ~separators
        return (separators, others)
    }
}
