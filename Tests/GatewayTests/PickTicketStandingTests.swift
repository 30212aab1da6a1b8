import Foundation
import Gateway
import Orders
import Store
import Testing

/// Issue 21: a pick ticket as it stands on the floor shows what is still to pick of each line (planned less what
/// shipped and was cancelled at its node), the planned units beside it, the bins, and lines in pick-walk order.
@Suite("pick tickets as they stand on the floor")
struct PickTicketStandingTests {
    /// The sample ticket at ONT1 (line 1 HP-10131, line 2 two HP-10194, line 3 HP-10001) with 5 units on line 1.
    func ticket() throws -> PickTicket {
        var (ticket, _) = try PickTicketTests.ticket()
        ticket.lines[0].quantity = 5
        return ticket
    }

    func shipment(at node: DCID, _ items: [(String, SKU, Decimal)]) -> ShipConfirmation {
        ShipConfirmation(
            node: node, shippedAt: SampleWorld.clock, method: ShipMethod(carrierSCAC: "FDEG"), service: "fedex-home",
            packages: [
                .init(
                    trackingNumber: "986578788855",
                    contents: items.map { .init(lineNumber: $0.0, sku: $0.1, quantity: $0.2) })
            ])
    }

    /// The ticket's store row at ONT1 with what the floor did and the bins.
    func entry(
        shipments: [ShipConfirmation] = [], cancelled: [String: Int] = [:], locations: [SKU: String] = [:]
    ) -> PickListEntry {
        PickListEntry(
            order: OrderID(1), state: .released, retailer: "walmart", poNumber: "4790000001", node: "ONT1",
            acknowledgeBy: nil, shipBy: nil, ticket: [], shipments: shipments, cancelled: cancelled,
            locations: locations.compactMapValues { BinLocation(checking: $0) })
    }

    @Test("2 of 5 left after 2 shipped and 1 cancelled there; a shipment from another node does not count")
    func left() throws {
        let standing = entry(
            shipments: [
                shipment(at: "ONT1", [("1", "HP-10131", 2)]), shipment(at: "EWR1", [("2", "HP-10194", 2)]),
            ],
            cancelled: ["1": 1]
        ).standing(try ticket())
        #expect(standing.lines.map(\.lineNumber) == ["1", "2", "3"])
        #expect(standing.lines.map(\.quantity) == [2, 2, 1])
        #expect(standing.lines.map(\.planned) == [5, nil, nil])
        #expect(!standing.isDone)
        let csv = PickTicketTests.parseCSV(standing.csvRows.joined(separator: "\r\n"))
        let quantity = try #require(PickTicket.csvColumns.firstIndex(of: "quantity"))
        let planned = try #require(PickTicket.csvColumns.firstIndex(of: "planned"))
        #expect(csv.first.map { [$0[quantity], $0[planned]] } == ["2", "5"])
    }

    @Test("a line with nothing left is done and goes last; a WMS gets only the rest; all done, the order is done")
    func done() throws {
        let partly = entry(shipments: [shipment(at: "ONT1", [("1", "HP-10131", 5)])]).standing(try ticket())
        #expect(partly.lines.map(\.lineNumber) == ["2", "3", "1"])
        #expect(partly.lines.last?.isDone == true)
        #expect(partly.lines.last?.planned == 5)
        #expect(partly.linesToPick.lines.map(\.lineNumber) == ["2", "3"])
        #expect(partly.linesToPick.csvRows.count == 2)
        let all = entry(
            shipments: [shipment(at: "ONT1", [("1", "HP-10131", 5), ("2", "HP-10194", 1)])],
            cancelled: ["2": 1, "3": 1]
        ).standing(try ticket())
        #expect(all.isDone)
        #expect(all.lines.allSatisfy { $0.quantity == 0 })
    }

    @Test("lines in bin order for a pick walk, those without a bin after them in ticket order")
    func binOrder() throws {
        let standing = entry(locations: ["HP-10194": "A-10", "HP-10001": "A-2"]).standing(try ticket())
        #expect(standing.lines.map(\.lineNumber) == ["3", "2", "1"])
        #expect(standing.lines.map(\.location?.rawValue) == ["A-2", "A-10", nil])
        #expect(standing.lines.allSatisfy { $0.planned == nil }, "nothing shipped: no planned figure beside")
        let csv = PickTicketTests.parseCSV(standing.csvRows.joined(separator: "\r\n"))
        let location = try #require(PickTicket.csvColumns.firstIndex(of: "location"))
        #expect(csv.map { String($0[location]) } == ["A-2", "A-10", ""])
    }

    @Test("a kit line partly shipped: its components scale with what is left of the kit, in bin order")
    func kit() throws {
        var ticket = try ticket()
        ticket.lines[0].sku = "HP-KIT-1"
        ticket.lines[0].components = [
            PickTicket.Component(sku: "HP-10009", upc: nil, description: "Hand towel", quantityPerKit: 1, quantity: 5),
            PickTicket.Component(sku: "HP-10002", upc: nil, description: "Bath towel", quantityPerKit: 2, quantity: 10),
        ]
        let standing = entry(
            shipments: [shipment(at: "ONT1", [("1", "HP-KIT-1", 2)])], cancelled: ["1": 1],
            locations: ["HP-10002": "B-1", "HP-10009": "C-1", "HP-10194": "B-2"]
        ).standing(ticket)
        let kit = try #require(standing.lines.first { $0.lineNumber == "1" })
        #expect(kit.quantity == 2)
        #expect(kit.planned == 5)
        #expect(kit.components?.map(\.sku) == ["HP-10002", "HP-10009"])
        #expect(kit.components?.map(\.quantity) == [4, 2])
        #expect(standing.lines.map(\.lineNumber) == ["1", "2", "3"], "the kit walks by its first component's bin")
        let csv = PickTicketTests.parseCSV(standing.csvRows.joined(separator: "\r\n"))
        let quantity = try #require(PickTicket.csvColumns.firstIndex(of: "quantity"))
        let planned = try #require(PickTicket.csvColumns.firstIndex(of: "planned"))
        #expect(csv.prefix(3).map { "\($0[quantity]) of \($0[planned])" } == ["2 of 5", "4 of 10", "2 of 5"])
    }
}
