import Feeds
import Foundation
import OrderX12
import Orders
import Profiles
import TestSupport
import Testing
import X12

/// Every sample retailer's feed, computed from `fixtures/inventory.csv` and rendered in its profile's format and in
/// every other, each read back by a reader of its own and compared with the computed figures.
@Suite("Sample retailers' feeds from the sample inventory")
struct SampleFeedsTests {
    static let world: SampleWorld? = try? SampleWorld.load()
    static let now = Date(timeIntervalSince1970: 1_796_549_400)
    static let retailers: [RetailerID] = ["amazon", "bestbuy", "homedepot", "walmart"]

    func content(_ retailer: RetailerID) throws -> (profile: RetailerProfile, content: FeedContent) {
        let world = try #require(Self.world)
        let profile = try #require(world.profiles[retailer])
        let calculator = try ATSCalculator(
            profile: profile, network: world.profiles.network, catalog: world.profiles.catalog)
        return (profile, calculator.content(of: world.inventory, at: Self.now))
    }

    static func expected(_ content: FeedContent) -> [ATSLine.Key: Int] {
        Dictionary(uniqueKeysWithValues: content.lines.map { ($0.key, $0.quantity) })
    }

    @Test("every sample profile with a feed names a format, and the sample figures are what stock says")
    func figures() throws {
        let world = try #require(Self.world)
        #expect(world.profiles.sortedProfiles.filter { $0.feed != nil }.map(\.id) == Self.retailers)
        let (_, walmart) = try content("walmart")
        // HP-10001 at EWR1: 118 on hand, 10 safety; nothing reserved in the file.
        #expect(walmart.lines.first { $0.sku == "HP-10001" && $0.node == "EWR1" }?.quantity == 108)
        #expect(walmart.lines.count == world.profiles.catalog.items.count * 6, "a row per item per Walmart node")
        let (_, amazon) = try content("amazon")
        #expect(amazon.lines.allSatisfy { $0.quantity > 0 }, "Amazon's full feed leaves zeroes out")
        #expect(amazon.lines.count < amazon.snapshot.lines.count)
    }

    @Test("the X12 846 validates, passes bots, and reads back as exactly the computed figures", arguments: retailers)
    func x12(_ retailer: RetailerID) throws {
        let (profile, content) = try content(retailer)
        let identity = profile.identity
        let format = X12ReplyFormat(
            version: X12Version(identity.x12Version ?? "004010"),
            delimiters: Self.delimiters(identity.delimiters), lineBreak: identity.delimiters?.lineEnding.bytes ?? [0x0A]
        )
        let envelope = InventoryAdvice.Envelope(
            sender: PartnerIdentity(qualifier: "ZZ", id: "HARBORPINE"),
            receiver: identity.interchange.first
                ?? PartnerIdentity(qualifier: "ZZ", id: retailer.rawValue.uppercased()),
            receiverGroupID: identity.group.first)
        let world = try #require(Self.world)
        let advice = InventoryAdvice(
            reference: "ATS\(retailer.rawValue.uppercased())1", instant: content.header.instant,
            nodeNames: Dictionary(uniqueKeysWithValues: world.profiles.network.nodes.map { ($0.id, $0.name) }),
            maxItemsPerSet: 500)
        var counter = X12ControlNumberCounter()
        let bytes = try advice.interchange(content.lines, envelope: envelope, format: format, counter: &counter)
        let document = try X12Document(bytes: bytes)
        let report = X12Validator().validate(document)
        #expect(report.errors.isEmpty, "\(report.errors.prefix(5).map(\.debugDescription))")
        let independent = try IndependentX12Reader.check(bytes)
        #expect(independent.passed, "\(independent)")
        #expect(InventoryAdviceReadBack.quantities(document) == Self.expected(content))
    }

    @Test("CSV with the profile's columns reads back as the computed figures", arguments: retailers)
    func csv(_ retailer: RetailerID) throws {
        let (profile, content) = try content(retailer)
        var columns = try #require(profile.feed?.columns)
        if !columns.contains("node") { columns.append("node") }
        if !columns.contains("item_id") { columns.append("item_id") }
        var sink = MemoryFeedSink()
        try CSVFeedWriter(columns: columns).write(content, to: &sink)
        let rows = try FeedRenderTests.parseCSV(String(decoding: sink.bytes, as: UTF8.self))
        #expect(rows.first == columns)
        let index = (
            id: try #require(columns.firstIndex(of: "item_id")), node: try #require(columns.firstIndex(of: "node")),
            quantity: try #require(columns.firstIndex(of: "quantity"))
        )
        var figures: [ATSLine.Key: Int] = [:]
        for row in rows.dropFirst() {
            figures[ATSLine.Key(itemID: row[index.id], node: row[index.node].isEmpty ? nil : DCID(row[index.node]))] =
                Int(row[index.quantity])
        }
        #expect(figures == Self.expected(content))
        #expect(rows.count == content.lines.count + 1)
    }

    @Test("JSON reads back as the computed figures", arguments: retailers)
    func json(_ retailer: RetailerID) throws {
        let (_, content) = try content(retailer)
        var sink = MemoryFeedSink()
        try JSONFeedWriter().write(content, to: &sink)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(sink.bytes)) as? [String: Any])
        let items = try #require(object["items"] as? [[String: Any]])
        var figures: [ATSLine.Key: Int] = [:]
        for item in items {
            let key = ATSLine.Key(
                itemID: item["itemId"] as? String ?? "", node: (item["node"] as? String).map(DCID.init))
            figures[key] = item["quantity"] as? Int
        }
        #expect(figures == Self.expected(content))
    }

    @Test("XML is well-formed and reads back as the computed figures", arguments: retailers)
    func xml(_ retailer: RetailerID) throws {
        let (_, content) = try content(retailer)
        var sink = MemoryFeedSink()
        try XMLFeedWriter().write(content, to: &sink)
        let text = String(decoding: sink.bytes, as: UTF8.self)
        try FeedRenderTests.xmllint(text)
        var figures: [ATSLine.Key: Int] = [:]
        for item in try FeedRenderTests.parseXML(text) {
            figures[ATSLine.Key(itemID: item["itemId"] ?? "", node: item["node"].map(DCID.init))] =
                item["quantity"].flatMap { Int($0) }
        }
        #expect(figures == Self.expected(content))
    }

    static func delimiters(_ profile: Profiles.Delimiters?) -> X12Delimiters {
        guard let profile, let element = profile.element.utf8.first, let component = profile.component.utf8.first,
            let segment = profile.segment.utf8.first
        else { return .standard }
        return X12Delimiters(
            element: element, component: component, segment: segment, repetition: profile.repetition?.utf8.first)
    }
}

/// What an 846 says, read back with our X12 reader: the QTY 33 of each LIN's item id under its set's N1 SF node.
enum InventoryAdviceReadBack {
    static func quantities(_ document: X12Document) -> [ATSLine.Key: Int] {
        var result: [ATSLine.Key: Int] = [:]
        var node: DCID?
        var item: String?
        for index in 0..<document.segmentCount {
            let segment = document.segment(index)
            switch segment.id {
            case "ST": node = nil
            case "N1" where segment.element(1)?.text == "SF": node = segment.element(4).map { DCID($0.text) }
            case "LIN": item = segment.element(3)?.text
            case "QTY" where segment.element(1)?.text == "33":
                if let item, let quantity = segment.element(2).flatMap({ Int($0.text) }) {
                    result[ATSLine.Key(itemID: item, node: node)] = quantity
                }
            default: break
            }
        }
        return result
    }
}
