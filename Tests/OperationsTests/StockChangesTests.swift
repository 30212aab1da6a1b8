import Foundation
import Operations
import Orders
import Profiles
import Testing

@Suite("stock changes for a replay (CSV)")
struct StockChangesTests {
    static let network = ReplayWorld.profiles.network

    @Test("on hand, units or a share of safety stock, a node's every SKU, either left as recorded")
    func reads() throws {
        let changes = try StockChanges(
            csv: "dc,sku,on_hand,safety_stock\nEWR1,*,,10%\nEWR1,HP-10001,40,\nORD1,HP-10002,,3\n", file: "what-if.csv",
            network: Self.network)
        #expect(changes.change(at: "EWR1", of: "HP-10001")?.onHand == 40)
        #expect(changes.change(at: "EWR1", of: "HP-10001")?.safetyStock == nil)
        #expect(changes.change(at: "EWR1", of: "HP-10009")?.safetyStock == .percent(10))
        #expect(changes.change(at: "ORD1", of: "HP-10002")?.safetyStock == .units(3))
        #expect(changes.change(at: "ORD1", of: "HP-10001") == nil)
        #expect(StockChanges.SafetyStock.percent(10).units(of: 41) == 5)
        #expect(StockChanges.SafetyStock.percent(10).units(of: 40) == 4)
        #expect(StockChanges.SafetyStock.percent(10).units(of: 0) == 0)
    }

    @Test(
        "each bad row names the file, line and column and what was expected",
        arguments: [
            ("XYZ9,HP-10001,4,0", "not a node of the network"),
            ("EWR1,,4,0", "sku is empty"),
            ("EWR1,HP-10001,-4,0", "on_hand '-4'"),
            ("EWR1,HP-10001,4,150%", "percentage from 0% to 100%"),
            ("EWR1,HP-10001,4,lots", "safety_stock 'lots'"),
            ("EWR1,HP-10001,,", "changes nothing"),
        ])
    func refuses(row: String, message: String) {
        do {
            _ = try StockChanges(
                csv: "dc,sku,on_hand,safety_stock\n\(row)\n", file: "what-if.csv", network: Self.network)
            Issue.record("\(row) was read")
        } catch {
            #expect(error.file == "what-if.csv")
            #expect(error.line == 2)
            #expect(error.message.contains(message), "\(error)")
        }
    }
}
