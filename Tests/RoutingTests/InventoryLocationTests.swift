import Orders
import Routing
import Testing

/// Issue 21: the inventory file's optional `location` column, the bin a node keeps a SKU in.
@Suite("inventory files: the bin column")
struct InventoryLocationTests {
    @Test("a file with the column gives each row its bin, an empty cell none; a file without it still reads")
    func reads() throws {
        let rows = try Stock.figures(
            inventoryCSV: "dc,sku,on_hand,safety_stock,location\nEWR1,HP-10001,5,1,A-12-03\nEWR1,HP-10002,4,0,\n",
            file: "inventory.csv")
        #expect(rows.map(\.location?.rawValue) == ["A-12-03", nil])
        #expect(rows.map(\.onHand) == [5, 4])
        let plain = try Stock.figures(inventoryCSV: "dc,sku,on_hand,safety_stock\nEWR1,HP-10001,5,1\n")
        #expect(plain == [InventoryRow(node: "EWR1", sku: "HP-10001", onHand: 5, safetyStock: 1)])
        let first = try Stock.figures(inventoryCSV: "location,dc,sku,on_hand,safety_stock\n B-1 ,EWR1,HP-10001,5,1\n")
        #expect(first.first?.location?.rawValue == "B-1", "anywhere in the header, spaces around it trimmed")
    }

    @Test(
        "a bin that is not one is refused with the file and line, like the other columns",
        arguments: ["A;12", "\"A,12\"", String(repeating: "Z", count: 33), "bin<1>"])
    func refused(location: String) throws {
        let text = "dc,sku,on_hand,safety_stock,location\nEWR1,HP-10001,5,1,A-1\nEWR1,HP-10002,4,0,\(location)\n"
        #expect {
            _ = try Stock.figures(inventoryCSV: text, file: "stock/inventory.csv")
        } throws: { error in
            let text = "\(error)"
            return text.hasPrefix("stock/inventory.csv:3: location '") && text.contains("is not a bin")
        }
        #expect(throws: (any Error).self) { try Stock.parse(inventoryCSV: text, file: "stock/inventory.csv") }
    }
}
