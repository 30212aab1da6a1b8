/// What each byte value is in one interchange's syntax, as bit flags: the validator looks a byte up once instead of
/// comparing it with every delimiter.
struct X12ByteClasses: Sendable {
    static let separator: UInt8 = 1
    static let component: UInt8 = 2
    static let repetition: UInt8 = 4
    /// Below 0x20: not allowed in AN and ID values.
    static let control: UInt8 = 8

    let delimiters: X12Delimiters
    private let table: [UInt8]

    init(_ delimiters: X12Delimiters) {
        self.delimiters = delimiters
        var table = [UInt8](repeating: 0, count: 256)
        for byte in 0..<0x20 { table[byte] = Self.control }
        // A delimiter can be a control byte too: keep both flags, the separator wins when scanning.
        table[Int(delimiters.component)] |= Self.component
        if let repetition = delimiters.repetition { table[Int(repetition)] |= Self.repetition }
        table[Int(delimiters.element)] = Self.separator
        self.table = table
    }

    subscript(byte: Int) -> UInt8 { table[byte] }
}
