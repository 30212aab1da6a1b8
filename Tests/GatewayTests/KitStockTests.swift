import Orders
import Profiles
import Routing
import Testing

@testable import Gateway

/// Kits as routing sees them: derived from their components' stock, and kept true to it while a batch is decided.
@Suite("Kit stock: a kit's figure is its scarcest component's")
struct KitStockTests {
    static let catalog: ItemCatalog? = try? KitWorld().profiles.catalog

    func stock(_ rows: [(DCID, SKU, Int)]) -> Stock {
        var stock = Stock()
        for (node, sku, quantity) in rows { stock.set(quantity, of: sku, at: node) }
        return stock
    }

    /// What `NetworkState.apply` and then `KitStock.settle` do with a shipment of `lines` from `node`.
    static func ship(_ lines: [(SKU, Int)], from node: DCID, kits: KitStock, in stock: inout Stock) {
        let shipped = lines.enumerated().map { ShipmentLine(lineNumber: "\($0 + 1)", sku: $1.0, quantity: $1.1) }
        for line in shipped { stock.take(line.quantity, of: line.sku, at: node) }
        kits.settle(shipped, at: node, in: &stock)
    }

    @Test("the store is asked for components in place of kits")
    func stockedSKUs() throws {
        let catalog = try #require(Self.catalog)
        #expect(
            KitStock.stockedSKUs(for: ["HP-KIT-1", "HP-10002"], catalog: catalog)
                == ["HP-10001", "HP-10009", "HP-10002"])
    }

    @Test("a kit's figure per node is the least of component ÷ quantity per kit, rounded down")
    func derive() throws {
        let catalog = try #require(Self.catalog)
        var stock = stock([
            ("EWR1", "HP-10001", 9), ("EWR1", "HP-10009", 5), ("EWR1", "HP-10002", 0),
            ("ORD1", "HP-10001", 1), ("ORD1", "HP-10009", 40), ("ORD1", "HP-10002", 7),
        ])
        KitStock(catalog: catalog, skus: ["HP-KIT-1", "HP-KIT-2", "HP-10001"]).derive(in: &stock)
        #expect(stock.available("HP-KIT-1", at: "EWR1") == 2, "min(9 ÷ 2, 5 ÷ 2)")
        #expect(stock.available("HP-KIT-1", at: "ORD1") == 0, "1 ÷ 2")
        #expect(stock.available("HP-KIT-2", at: "EWR1") == 0)
        #expect(stock.available("HP-KIT-2", at: "ORD1") == 1)
        #expect(stock.available("HP-10001", at: "EWR1") == 9, "components keep their own figures")
    }

    @Test("a kit shipped takes its components and lowers every kit that shares them")
    func settleKit() throws {
        let catalog = try #require(Self.catalog)
        var state = NetworkState(
            stock: stock([("EWR1", "HP-10001", 6), ("EWR1", "HP-10009", 10), ("EWR1", "HP-10002", 10)]))
        let kits = KitStock(catalog: catalog, skus: ["HP-KIT-1", "HP-KIT-2"])
        kits.derive(in: &state.stock)
        #expect(state.stock.available("HP-KIT-2", at: "EWR1") == 6)
        Self.ship([("HP-KIT-1", 2)], from: "EWR1", kits: kits, in: &state.stock)
        #expect(state.stock.available("HP-10001", at: "EWR1") == 2)
        #expect(state.stock.available("HP-10009", at: "EWR1") == 6)
        #expect(state.stock.available("HP-KIT-1", at: "EWR1") == 1)
        #expect(state.stock.available("HP-KIT-2", at: "EWR1") == 2, "the duo shares HP-10001")
    }

    @Test("a component sold alone lowers the kits that contain it; stock given back raises them")
    func settleComponentAndGiveBack() throws {
        let catalog = try #require(Self.catalog)
        var state = NetworkState(stock: stock([("ORD1", "HP-10001", 4), ("ORD1", "HP-10009", 4)]))
        let kits = KitStock(catalog: catalog, skus: ["HP-KIT-1", "HP-10001"])
        kits.derive(in: &state.stock)
        #expect(state.stock.available("HP-KIT-1", at: "ORD1") == 2)
        Self.ship([("HP-10001", 3)], from: "ORD1", kits: kits, in: &state.stock)
        #expect(state.stock.available("HP-10001", at: "ORD1") == 1)
        #expect(state.stock.available("HP-KIT-1", at: "ORD1") == 0)
        kits.giveBack(3, of: "HP-10001", at: "ORD1", in: &state.stock)
        #expect(state.stock.available("HP-KIT-1", at: "ORD1") == 2)
        #expect(state.stock.available("HP-KIT-2", at: "ORD1") == 0, "a kit no order asks for is not kept")
    }
}
