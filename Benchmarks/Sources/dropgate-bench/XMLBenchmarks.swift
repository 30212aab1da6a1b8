import Foundation
import FoundationXML
import OrderXML
import Orders

/// cXML OrderRequests to canonical orders, against libxml2's own streaming parse (`xmllint --stream --noout`,
/// the floor) and Foundation's `XMLParser` building the same orders (what a Swift developer would reach for).
enum XMLBenchmarks {
    /// A batch file of `count` cXML documents (the sample inbox's Best Buy order, renumbered) under one root.
    static func batch(orders count: Int, template: String) -> Data {
        let body = template.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("<?xml") && !$0.hasPrefix("<!DOCTYPE") }.joined(separator: "\n")
        var data = Data("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<batch>\n".utf8)
        for index in 0..<count {
            data.append(Data(body.replacingOccurrences(of: "8841207-A", with: "BB\(index)").utf8))
        }
        data.append(Data("</batch>\n".utf8))
        return data
    }

    static func templateOrder() throws -> String {
        try String(contentsOfFile: "fixtures/inbox/bestbuy-20261124-0905.xml", encoding: .utf8)
    }

    static func run(into table: inout BenchmarkTable, orders count: Int) throws {
        let data = batch(orders: count, template: try templateOrder())
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dropgate-bench-\(UUID()).xml").path
        _ = FileManager.default.createFile(atPath: path, contents: data)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let size = Measure.megabytes(data.count)
        print("XML: \(count) cXML orders, \(String(format: "%.1f", size)) MB")

        var decoded = 0
        let ours = try Measure.bestSeconds(runs: 3) {
            decoded = 0
            for result in try OrderXMLDecoder().orders(inFile: path) {
                _ = try result.get()
                decoded += 1
            }
        }
        precondition(decoded == count, "decoded \(decoded) of \(count)")
        let xmllint = Measure.bestProcessSeconds(["xmllint", "--stream", "--noout", path])
        var foundationOrders = 0
        let foundation = Measure.bestSeconds(runs: 3) { foundationOrders = FoundationOrderBuilder.orders(inFile: path) }
        precondition(foundationOrders == count, "XMLParser built \(foundationOrders) of \(count)")

        if let xmllint {
            table.add(
                Figure(
                    name: "cXML → canonical orders", value: size / ours, unit: "MB/s", target: 0.5 * size / xmllint,
                    reference: .init(name: "xmllint --stream --noout", value: size / xmllint)))
        } else {
            print("  xmllint is missing (apt-get install libxml2-utils): its reference is left out")
        }
        table.add(
            Figure(
                name: "cXML → canonical orders", value: size / ours, unit: "MB/s", target: 2 * size / foundation,
                reference: .init(name: "Foundation XMLParser building orders", value: size / foundation)))
    }

    /// The peak memory of decoding `count` orders, measured in a child process so nothing else counts.
    static func memoryProbe(orders count: Int) throws -> Double {
        let data = batch(orders: count, template: try templateOrder())
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dropgate-bench-\(UUID()).xml").path
        _ = FileManager.default.createFile(atPath: path, contents: data)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try ChildProbe.peakMB(["--probe-xml", path])
    }

    static func probe(path: String) throws {
        var decoded = 0
        for result in try OrderXMLDecoder().orders(inFile: path) {
            _ = try result.get()
            decoded += 1
        }
        print(Measure.peakResidentMB)
    }
}

/// Foundation's `XMLParser` over a stream, building the same canonical orders (header, ship-to, lines with SKU,
/// quantity and price), as a developer would write it.
final class FoundationOrderBuilder: NSObject, XMLParserDelegate {
    private var orders = 0
    private var text = ""
    private var current: PurchaseOrder?
    private var line: OrderLine?
    private var path: [String] = []

    static func orders(inFile path: String) -> Int {
        guard let stream = InputStream(fileAtPath: path) else { return 0 }
        let parser = XMLParser(stream: stream)
        let builder = FoundationOrderBuilder()
        parser.delegate = builder
        _ = parser.parse()
        return builder.orders
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        path.append(name)
        text = ""
        switch name {
        case "OrderRequestHeader":
            current = PurchaseOrder(
                poNumber: PONumber(attributes["orderID"] ?? ""),
                dates: OrderDates(ordered: attributes["orderDate"].flatMap { CalendarDate(parsing: $0) }),
                source: OrderSource(format: .cXML))
        case "ItemOut":
            line = OrderLine(
                lineNumber: attributes["lineNumber"] ?? "", quantity: Decimal(string: attributes["quantity"] ?? "") ?? 0
            )
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        switch name {
        case "SupplierPartID": line?.sku = SKU(value)
        case "BuyerPartID": line?.buyerItemID = value
        case "Description" where line != nil: line?.description = value
        case "Money" where path.contains("UnitPrice"):
            line?.unitPrice = Decimal(string: value).map { Money($0, .usd) }
        case "Name" where path.contains("ShipTo"):
            current?.parties.append(Party(role: .shipTo, name: value))
        case "ItemOut":
            if let line { current?.lines.append(line) }
            line = nil
        case "OrderRequest":
            if current != nil { orders += 1 }
            current = nil
        default: break
        }
        path.removeLast()
        text = ""
    }
}
