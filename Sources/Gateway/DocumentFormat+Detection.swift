public import Orders

extension DocumentFormat {
    /// What an inbound document is, told from its first bytes, never from its name: X12 starts with `ISA` (after
    /// an optional byte-order mark and white space), XML with `<`. Which XML (cXML or a retailer's own) the
    /// reader tells later.
    public init(detecting bytes: some Collection<UInt8>) {
        var rest = bytes[...]
        if rest.starts(with: [0xEF, 0xBB, 0xBF]) { rest = rest.dropFirst(3) }
        rest = rest.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        if rest.starts(with: Array("ISA".utf8)) {
            self = .x12
        } else if rest.first == UInt8(ascii: "<") {
            self = .xml
        } else {
            self = .unknown
        }
    }
}
