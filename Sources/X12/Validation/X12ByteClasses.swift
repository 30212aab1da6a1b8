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

    private let element: UInt8
    private let component: UInt8
    /// The repetition separator, or 0x100 (no byte) when the interchange has none.
    private let repetition: UInt16

    init(_ delimiters: X12Delimiters) {
        element = delimiters.element
        component = delimiters.component
        repetition = delimiters.repetition.map { UInt16($0) } ?? 0x100
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

    /// For the sixteen bytes from `at` that come before `to`, bit `n` set in `separators` where `bytes[at + n]` is
    /// the element separator, and in `others` where it has any other class (component, repetition, control): the
    /// classes `subscript` gives, as masks. In one step (`dg_classify16`) where sixteen bytes are left in the
    /// buffer; byte by byte in its last sixteen.
    @inline(__always)
    func classify16(_ bytes: UnsafeBufferPointer<UInt8>, at: Int, to: Int) -> (separators: UInt32, others: UInt32) {
        guard at &+ 16 <= bytes.count, let base = bytes.baseAddress else {
            return classifyByteByByte(bytes, at: at, count: min(16, to &- at))
        }
        let classes = dg_classify16(
            base + at, element, component, repetition < 0x100 ? UInt8(truncatingIfNeeded: repetition) : component)
        let count = to &- at
        let valid: UInt32 = count < 16 ? (1 << UInt32(count)) &- 1 : 0xFFFF
        return (classes & valid, classes >> 16 & valid)
    }

    /// `classify16` for the `count` bytes from `at`, in the buffer's last sixteen.
    @inline(never)
    private func classifyByteByByte(_ bytes: UnsafeBufferPointer<UInt8>, at: Int, count: Int)
        -> (separators: UInt32, others: UInt32)
    {
        var separators: UInt32 = 0
        var others: UInt32 = 0
        for offset in 0..<count {
            let byteClass = self[bytes[at &+ offset]]
            if byteClass & Self.separator != 0 {
                separators |= 1 << UInt32(offset)
            } else if byteClass != 0 {
                others |= 1 << UInt32(offset)
            }
        }
        return (separators, others)
    }
}
