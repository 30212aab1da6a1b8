public import Orders

/// A feed as CSV (RFC 4180): a header row of the profile's column names, one row a line, CRLF line ends, a field
/// quoted when it holds a comma, a quote, CR or LF (a quote inside doubled). UTF-8 without a byte-order mark.
public struct CSVFeedWriter: Sendable {
    /// The columns a profile's `columns:` may name.
    public enum Column: String, Hashable, Sendable, CaseIterable {
        /// Our SKU.
        case sku
        /// What the retailer knows the item by: its own id from `item-ids`, else the UPC of a UPC-keyed feed, else
        /// our SKU.
        case itemID = "item_id"
        /// The catalog's UPC; empty when unknown.
        case upc
        /// The node of a per-node figure; empty in a summed feed.
        case node
        /// Units available to sell.
        case quantity
        /// The catalog's description (`name` and `description` are the same column).
        case name
        case description
        /// The feed's instant, ISO 8601 in UTC.
        case updatedAt = "updated_at"
    }

    public var columns: [Column]

    /// Throws `FeedError.Kind.unsupportedColumn` for a name not in `Column`.
    public init(columns names: [String]) throws(FeedError) {
        var columns: [Column] = []
        for name in names {
            guard let column = Column(rawValue: name) else { throw FeedError(.unsupportedColumn(name), url: "") }
            columns.append(column)
        }
        self.columns = columns
    }

    public init(columns: [Column]) { self.columns = columns }

    /// Writes the header row, then a row for each line, to `sink`.
    public func write(_ lines: some Sequence<ATSLine>, header: FeedHeader, to sink: inout some FeedSink)
        throws(FeedError)
    {
        var output = FeedOutput(sink)
        defer { sink = output.sink }
        row(columns.map(\.rawValue), &output)
        let updatedAt = FeedTimestamp.iso8601(header.instant)
        var fields: [String] = []
        fields.reserveCapacity(columns.count)
        for line in lines {
            fields.removeAll(keepingCapacity: true)
            for column in columns {
                switch column {
                case .sku: fields.append(line.sku.rawValue)
                case .itemID: fields.append(line.itemID)
                case .upc: fields.append(line.upc ?? "")
                case .node: fields.append(line.node?.rawValue ?? "")
                case .quantity: fields.append(String(line.quantity))
                case .name, .description: fields.append(line.name ?? "")
                case .updatedAt: fields.append(updatedAt)
                }
            }
            row(fields, &output)
            try output.flushIfFull()
        }
        try output.flush()
    }

    /// Writes `content`'s lines.
    public func write(_ content: FeedContent, to sink: inout some FeedSink) throws(FeedError) {
        try write(content.lines, header: content.header, to: &sink)
    }

    private func row(_ fields: [String], _ output: inout FeedOutput<some FeedSink>) {
        for (index, field) in fields.enumerated() {
            if index > 0 { output.append(byte: UInt8(ascii: ",")) }
            Self.append(field, &output)
        }
        output.append(byte: 0x0D)
        output.append(byte: 0x0A)
    }

    static func append(_ field: String, _ output: inout FeedOutput<some FeedSink>) {
        let needsQuotes = field.utf8.contains {
            $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0D || $0 == 0x0A
        }
        guard needsQuotes else { return output.append(field) }
        output.append(byte: UInt8(ascii: "\""))
        for byte in field.utf8 {
            if byte == UInt8(ascii: "\"") { output.append(byte: byte) }
            output.append(byte: byte)
        }
        output.append(byte: UInt8(ascii: "\""))
    }
}
