import Feeds
import Foundation
import Orders
import Profiles
import TestSupport
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite("CSV, JSON and XML feeds: columns, quoting and escaping")
struct FeedRenderTests {
    static let header = FeedHeader(
        retailer: "bestbuy", instant: Date(timeIntervalSince1970: 1_796_549_400), mode: .full, perNode: true)

    /// Ids and names with everything a writer must escape: markup, quotes, separators, line breaks, control
    /// characters XML 1.0 forbids (in the name only), and non-ASCII.
    static let awkward: [ATSLine] = [
        ATSLine(
            sku: "HP-1&2", itemID: "<A&B> \"q\" 'a'", itemIDKind: .retailer, upc: "084512100014",
            name: "Towel, \"Deluxe\"\r\n& <Bath>\u{1}\u{8}\t Ünïcödé 毛巾 🛁", node: "EWR1", quantity: 12),
        ATSLine(sku: "HP-3", itemID: "Crème brûlée", name: "plain", node: "ORD1", quantity: 0),
    ]

    func render(_ write: (inout MemoryFeedSink) throws -> Void) rethrows -> String {
        var sink = MemoryFeedSink()
        try write(&sink)
        return String(decoding: sink.bytes, as: UTF8.self)
    }

    @Test("CSV: the profile's columns as the header, RFC 4180 quoting, CRLF line ends")
    func csv() throws {
        let writer = try CSVFeedWriter(columns: ["item_id", "sku", "node", "quantity", "name", "upc", "updated_at"])
        let text = try render { try writer.write(Self.awkward, header: Self.header, to: &$0) }
        let expected =
            "item_id,sku,node,quantity,name,upc,updated_at\r\n"
            + "\"<A&B> \"\"q\"\" 'a'\",HP-1&2,EWR1,12,\"Towel, \"\"Deluxe\"\"\r\n& <Bath>\u{1}\u{8}\t Ünïcödé 毛巾 🛁\","
            + "084512100014,2026-12-06T09:30:00Z\r\n"
            + "Crème brûlée,HP-3,ORD1,0,plain,,2026-12-06T09:30:00Z\r\n"
        #expect(text == expected)
        #expect(try Self.parseCSV(text).map(\.count) == [7, 7, 7])
        #expect(try Self.parseCSV(text)[1][4] == Self.awkward[0].name)
    }

    @Test("CSV: a column we do not know is refused before anything is written")
    func unknownColumn() {
        #expect(throws: FeedError.self) { _ = try CSVFeedWriter(columns: ["sku", "qty"]) }
    }

    @Test("JSON: parses back to the same ids, names and quantities")
    func json() throws {
        let text = try render { try JSONFeedWriter().write(Self.awkward, header: Self.header, to: &$0) }
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["retailer"] as? String == "bestbuy")
        #expect(object["generatedAt"] as? String == "2026-12-06T09:30:00Z")
        #expect(object["mode"] as? String == "full")
        let items = try #require(object["items"] as? [[String: Any]])
        #expect(items.count == 2)
        #expect(items[0]["itemId"] as? String == Self.awkward[0].itemID)
        #expect(items[0]["name"] as? String == Self.awkward[0].name)
        #expect(items[0]["sku"] as? String == "HP-1&2")
        #expect(items[0]["node"] as? String == "EWR1")
        #expect(items[0]["quantity"] as? Int == 12)
        #expect(items[1]["itemId"] as? String == "Crème brûlée")
        #expect(items[1]["upc"] == nil)
        #expect(items[1]["quantity"] as? Int == 0)
    }

    @Test("XML: well-formed (xmllint), and reads back with markup and non-ASCII intact, forbidden controls as U+FFFD")
    func xml() throws {
        let text = try render { try XMLFeedWriter().write(Self.awkward, header: Self.header, to: &$0) }
        #expect(text.contains("<itemId>&lt;A&amp;B&gt; \"q\" 'a'</itemId>"))
        #expect(text.contains("&#xD;"), "CR survives as a reference")
        #expect(!text.contains("\u{1}"))
        try Self.xmllint(text)
        let items = try Self.parseXML(text)
        #expect(items.count == 2)
        #expect(items[0]["itemId"] == Self.awkward[0].itemID)
        #expect(items[0]["sku"] == "HP-1&2")
        #expect(items[0]["name"] == "Towel, \"Deluxe\"\r\n& <Bath>\u{FFFD}\u{FFFD}\t Ünïcödé 毛巾 🛁")
        #expect(items[1]["itemId"] == "Crème brûlée")
        #expect(items.map { $0["quantity"] } == ["12", "0"])
    }

    @Test("XML: an id holding a character XML 1.0 cannot carry is refused, not altered")
    func xmlForbiddenInID() {
        let line = ATSLine(sku: "HP-\u{1}", quantity: 1)
        #expect(throws: FeedError.self) {
            _ = try render { try XMLFeedWriter().write([line], header: Self.header, to: &$0) }
        }
    }

    // MARK: - Independent readers

    /// RFC 4180 fields, quotes and CRLF inside quotes included.
    static func parseCSV(_ text: String) throws -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(text.unicodeScalars)[...]
        while let c = characters.popFirst() {
            if quoted {
                if c == "\"" {
                    if characters.first == "\"" {
                        field.unicodeScalars.append("\"")
                        characters.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                row.append(field)
                field = ""
            } else if c == "\r", characters.first == "\n" {
                characters.removeFirst()
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            } else {
                field.unicodeScalars.append(c)
            }
        }
        return rows
    }

    static func xmllint(_ text: String) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("dropgate-feed-\(UUID()).xml")
        try Data(text.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try ChildProcess.run(["/usr/bin/env", "xmllint", "--noout", file.path])
        #expect(result.status == 0, "xmllint: \(result.errorText)")
    }

    /// Each `item` element's children as text, read by Foundation's XMLParser (libxml2's SAX reader).
    static func parseXML(_ text: String) throws -> [[String: String]] {
        final class Reader: NSObject, XMLParserDelegate {
            var items: [[String: String]] = []
            var text = ""
            func parser(
                _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String]
            ) {
                if name == "item" { items.append([:]) }
                text = ""
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?)
            {
                if name != "item", name != "inventoryFeed", !items.isEmpty { items[items.count - 1][name] = text }
            }
        }
        let reader = Reader()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = reader
        #expect(parser.parse(), "\(String(describing: parser.parserError))")
        return reader.items
    }
}

@Suite("What a profile's feed may ask of the writers")
struct FeedRulesTests {
    @Test("a CSV feed with a column the writer does not know, or without quantity, is reported at feed.columns")
    func csvColumns() throws {
        let world = try #require(try? SampleWorld.load())
        var profile = try #require(world.profiles["bestbuy"])
        #expect(ProfileRule.feedWriters.findings(profile).isEmpty, "JSON: no columns to check")
        profile.feed?.format = .csv
        profile.feed?.columns = ["item_id", "qty"]
        let findings = ProfileRule.feedWriters.findings(profile)
        #expect(findings.map(\.keyPath) == ["feed.columns", "feed.columns"])
        #expect(findings.first?.message.contains("'qty'") == true)
        profile.feed?.columns = ["sku", "item_id", "upc", "node", "quantity", "name", "description", "updated_at"]
        #expect(ProfileRule.feedWriters.findings(profile).isEmpty)
    }

    @Test("a retailer that assigns the node must get a per-node feed; every sample profile passes")
    func assignedNodes() throws {
        let world = try #require(try? SampleWorld.load())
        for profile in world.profiles.sortedProfiles {
            #expect(ProfileRule.feedWriters.findings(profile).isEmpty, "\(profile.id)")
        }
        var walmart = try #require(world.profiles["walmart"])
        walmart.feed?.perNode = false
        #expect(ProfileRule.feedWriters.findings(walmart).map(\.keyPath) == ["feed.per-node"])
    }
}
