public import Orders
internal import Profiles

/// A feed as XML 1.0, UTF-8, one `item` element a line:
///
/// ```xml
/// <?xml version="1.0" encoding="UTF-8"?>
/// <inventoryFeed retailer="walmart" generatedAt="2026-12-06T09:30:00Z" mode="full" perNode="true">
/// <item><sku>HP-10001</sku><itemId>HP-10001</itemId><upc>084512100014</upc><node>EWR1</node><quantity>12</quantity></item>
/// </inventoryFeed>
/// ```
///
/// Escaping: `&` `<` `>` become entity references everywhere, `"` too in attributes, CR becomes `&#xD;` (a parser
/// would otherwise turn it into LF), and in attributes TAB and LF become `&#x9;` and `&#xA;` (which attribute
/// normalisation would turn into spaces). Non-ASCII is written as UTF-8. XML 1.0 forbids the other C0 control
/// characters and U+FFFE/U+FFFF outright, even as character references (section 2.2, production `Char`): in a
/// name (free text) each becomes U+FFFD REPLACEMENT CHARACTER; in an id (SKU, item id, UPC, node, retailer), which
/// must reach the retailer exactly, the render fails with `FeedError.Kind.unrepresentable` rather than send an id
/// the retailer cannot match.
public struct XMLFeedWriter: Sendable {
    public init() {}

    public func write(_ lines: some Sequence<ATSLine>, header: FeedHeader, to sink: inout some FeedSink)
        throws(FeedError)
    {
        var output = FeedOutput(sink)
        defer { sink = output.sink }
        output.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<inventoryFeed retailer=\"")
        try Self.text(header.retailer.rawValue, field: "retailer", attribute: true, &output)
        output.append("\" generatedAt=\"\(FeedTimestamp.iso8601(header.instant))\" mode=\"\(header.mode.rawValue)\"")
        output.append(" perNode=\"\(header.perNode)\">\n")
        for line in lines {
            output.append("<item><sku>")
            try Self.text(line.sku.rawValue, field: "SKU", &output)
            output.append("</sku><itemId>")
            try Self.text(line.itemID, field: "item id", &output)
            output.append("</itemId>")
            if let upc = line.upc {
                output.append("<upc>")
                try Self.text(upc, field: "UPC", &output)
                output.append("</upc>")
            }
            if let node = line.node {
                output.append("<node>")
                try Self.text(node.rawValue, field: "node", &output)
                output.append("</node>")
            }
            if let name = line.name {
                output.append("<name>")
                try Self.text(name, field: nil, &output)
                output.append("</name>")
            }
            output.append("<quantity>\(line.quantity)</quantity></item>\n")
            try output.flushIfFull()
        }
        output.append("</inventoryFeed>\n")
        try output.flush()
    }

    public func write(_ content: FeedContent, to sink: inout some FeedSink) throws(FeedError) {
        try write(content.lines, header: content.header, to: &sink)
    }

    /// Whether XML 1.0 allows `scalar` in a document at all (production `Char`).
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x1_0000...0x10_FFFF: true
        default: false
        }
    }

    /// Writes `text` escaped; `field` names an id (nil: free text, whose forbidden characters become U+FFFD).
    static func text(
        _ text: String, field: String?, attribute: Bool = false, _ output: inout FeedOutput<some FeedSink>
    ) throws(FeedError) {
        // The common case, ASCII letters, digits and punctuation that need nothing, is copied whole.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x26 && $0 != 0x3C && $0 != 0x3E && $0 != 0x22 }) {
            return output.append(text)
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output.append("&amp;")
            case "<": output.append("&lt;")
            case ">": output.append("&gt;")
            case "\"" where attribute: output.append("&quot;")
            case "\r": output.append("&#xD;")
            case "\t" where attribute: output.append("&#x9;")
            case "\n" where attribute: output.append("&#xA;")
            case _ where !isAllowed(scalar):
                guard field == nil else { throw FeedError(.unrepresentable(field: field ?? ""), url: "") }
                output.append("\u{FFFD}")
            default:
                Unicode.UTF8.encode(scalar) { output.append(byte: $0) }
            }
        }
    }
}
