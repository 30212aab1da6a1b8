import Foundation
import Orders
import Store
import Testing

@Suite("SQLite store")
struct SQLiteStoreTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dropgate-store-\(UUID())")

    init() throws { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }

    var path: String { folder.appendingPathComponent("dropgate.sqlite").path }

    func order(_ po: String, interchange: String = "000000001") -> PurchaseOrder {
        PurchaseOrder(
            retailer: "walmart", poNumber: PONumber(po),
            lines: [OrderLine(lineNumber: "1", sku: "HP-10001", quantity: 2)],
            source: OrderSource(format: .x12, interchangeControl: interchange, setControl: "0001"))
    }

    func intake(_ order: PurchaseOrder, node: DCID = "EWR1", quantity: Decimal = 2, shipBy: Date) -> OrderIntake {
        OrderIntake(
            order: order, retailer: "walmart", documentID: nil, receivedAt: shipBy,
            decision: DecisionRecord(outcome: "ship", nodes: [node], shipBy: shipBy, decidedAt: shipBy, explanationJSON: "{}"),
            reservations: [Reservation(node: node, sku: "HP-10001", quantity: quantity)])
    }

    @Test("a resent PO is a duplicate and reserves nothing a second time")
    func duplicateIsRecognised() throws {
        let store = try SQLiteStore(path: path)
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        guard case .recorded(let first) = try store.record(intake(order("4792183650"), shipBy: now)) else {
            Issue.record("first intake was not recorded")
            return
        }
        let again = try store.record(intake(order("4792183650", interchange: "000000002"), shipBy: now))
        #expect(again == .duplicate(of: first))
        #expect(try store.reservedQuantities()["EWR1"]?["HP-10001"] == 2)
        #expect(try store.orders().count == 1)
    }

    @Test("reservations add up by node and SKU, and capacity counts orders and units per ship day")
    func reservationsAndCapacity() throws {
        let store = try SQLiteStore(path: path)
        let day = Date(timeIntervalSince1970: 1_795_000_000)
        _ = try store.record(intake(order("A"), quantity: 2, shipBy: day))
        _ = try store.record(intake(order("B"), quantity: 3, shipBy: day))
        _ = try store.record(intake(order("C"), node: "ORD1", quantity: 1, shipBy: day + 86_400 * 3))
        #expect(try store.reservedQuantities()["EWR1"]?["HP-10001"] == 5)
        let used = try store.capacityUsed(shippingBetween: day - 3600, and: day + 3600)
        #expect(used["EWR1"]?.orders == 2)
        #expect(used["EWR1"]?.units == 5)
        #expect(used["ORD1"] == nil)
    }

    @Test("control numbers survive reopening the database and wrap at their limit")
    func controlNumbersAreDurable() throws {
        do {
            let store = try SQLiteStore(path: path)
            #expect(try store.nextControlNumber(partner: "walmart", kind: "ISA13", limit: 3) == 1)
            #expect(try store.nextControlNumber(partner: "walmart", kind: "ISA13", limit: 3) == 2)
            #expect(try store.nextControlNumber(partner: "amazon", kind: "ISA13", limit: 3) == 1)
        }
        let reopened = try SQLiteStore(path: path)
        #expect(try reopened.nextControlNumber(partner: "walmart", kind: "ISA13", limit: 3) == 3)
        #expect(try reopened.nextControlNumber(partner: "walmart", kind: "ISA13", limit: 3) == 1)
    }

    @Test("an inbound document is kept byte for byte with its status and problems")
    func documentsAreKept() throws {
        let store = try SQLiteStore(path: path)
        let bytes: [UInt8] = Array("ISA*garbage".utf8) + [0, 0xFF, 0x1A]
        let id = try store.keep(InboundDocument(receivedAt: Date(), origin: "inbox/bad.x12", format: .x12, bytes: bytes))
        try store.mark(id, status: .unreadable, problems: ["bad.x12:byte 0: ISA is 11 bytes, expected 106"])
        try store.keep(OutboundDocument(kind: "TA1", retailer: nil, orderID: nil, inReplyTo: id, createdAt: Date(), name: "ta1.x12", bytes: [1]))
        // Read it back with the sqlite3 command-line shell: the file is plain SQLite anyone can inspect.
        let output = try sqlite3(path, "SELECT hex(bytes), status, problems FROM inbound_document WHERE id = \(id.rawValue)")
        #expect(output == "\(bytes.map { String(format: "%02X", $0) }.joined())|unreadable|bad.x12:byte 0: ISA is 11 bytes, expected 106")
    }

    private func sqlite3(_ path: String, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [path, sql]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
