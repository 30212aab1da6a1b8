public import Orders
internal import Profiles

/// A feed as JSON (RFC 8259), one item a line so that a million-item feed streams:
///
/// ```json
/// {"retailer":"bestbuy","generatedAt":"2026-12-06T09:30:00Z","mode":"delta","perNode":false,"items":[
/// {"sku":"HP-10001","itemId":"HP-10001","upc":"084512100014","quantity":12},
/// {"sku":"HP-10002","itemId":"BB-2","node":"EWR1","name":"Towel","quantity":0}
/// ]}
/// ```
///
/// `upc`, `node` and `name` appear only when the line has them; `futureQuantity` and `availableOn` (the day the
/// first of it is due) only when stock is on its way, which `quantity` never counts. Strings are UTF-8, with `"`, `\` and every control
/// character escaped (`\n`, `\u0001`, …).
public struct JSONFeedWriter: Sendable {
    public init() {}

    public func write(_ lines: some Sequence<ATSLine>, header: FeedHeader, to sink: inout some FeedSink)
        throws(FeedError)
    {
        var output = FeedOutput(sink)
        defer { sink = output.sink }
        output.append("{\"retailer\":")
        Self.string(header.retailer.rawValue, &output)
        output.append(",\"generatedAt\":\"\(FeedTimestamp.iso8601(header.instant))\",\"mode\":\"")
        output.append(header.mode.rawValue)
        output.append("\",\"perNode\":\(header.perNode),\"items\":[")
        var first = true
        for line in lines {
            output.append(first ? "\n{\"sku\":" : ",\n{\"sku\":")
            first = false
            Self.string(line.sku.rawValue, &output)
            output.append(",\"itemId\":")
            Self.string(line.itemID, &output)
            if let upc = line.upc {
                output.append(",\"upc\":")
                Self.string(upc, &output)
            }
            if let node = line.node {
                output.append(",\"node\":")
                Self.string(node.rawValue, &output)
            }
            if let name = line.name {
                output.append(",\"name\":")
                Self.string(name, &output)
            }
            output.append(",\"quantity\":\(line.quantity)")
            if let future = line.futureQuantity, let day = line.availableOn {
                output.append(",\"futureQuantity\":\(future),\"availableOn\":\"\(day)\"")
            }
            output.append("}")
            try output.flushIfFull()
        }
        output.append("\n]}\n")
        try output.flush()
    }

    public func write(_ content: FeedContent, to sink: inout some FeedSink) throws(FeedError) {
        try write(content.lines, header: content.header, to: &sink)
    }

    private static let hex = Array("0123456789abcdef".utf8)

    static func string(_ text: String, _ output: inout FeedOutput<some FeedSink>) {
        output.append(byte: UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append("\\\"")
            case UInt8(ascii: "\\"): output.append("\\\\")
            case 0x0A: output.append("\\n")
            case 0x0D: output.append("\\r")
            case 0x09: output.append("\\t")
            case 0x00..<0x20:
                output.append("\\u00")
                output.append(byte: hex[Int(byte >> 4)])
                output.append(byte: hex[Int(byte & 0x0F)])
            default: output.append(byte: byte)
            }
        }
        output.append(byte: UInt8(ascii: "\""))
    }
}
