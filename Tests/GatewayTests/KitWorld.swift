import Foundation
import Gateway
import Logging
import Orders
import Profiles
import Routing
import Store
import TestSupport
import Testing

/// The sample profiles and network with a catalog of the fixture items plus two kits, and stock of the test's own
/// in a fresh store: kits stay out of the committed fixtures (feeds and goldens list every catalog item).
///
/// `HP-KIT-1` (bath and hand towel set): 2 × HP-10001 + 2 × HP-10009. `HP-KIT-2` (towel duo): HP-10001 + HP-10002.
struct KitWorld {
    static let kitItems = """
        HP-KIT-1,084512199902,Bath and Hand Towel Set White,0,14,11,6,false,false,true,27.00
        HP-KIT-2,084512199919,Bath Towel Duo White and Ivory,0,14,11,6,false,false,true,17.00

        """
    static let kits = """
        kit_sku,component_sku,quantity
        HP-KIT-1,HP-10001,2
        HP-KIT-1,HP-10009,2
        HP-KIT-2,HP-10001,1
        HP-KIT-2,HP-10002,1

        """

    let profiles: ProfileSet
    let store: SQLiteStore
    let folder: URL

    init() throws {
        let root = SampleWorld.root
        func file(_ path: String) throws -> SourceFile {
            SourceFile(name: path, text: try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8))
        }
        let profileFiles = try ["walmart", "amazon", "homedepot", "bestbuy"].map {
            try file("retailer-profiles/\($0).yaml")
        }
        var items = try file("fixtures/items.csv")
        if !items.text.hasSuffix("\n") { items.text += "\n" }
        items.text += Self.kitItems
        profiles = try ProfileSet.load(
            profiles: profileFiles, network: try file("fixtures/network.yaml"), catalog: items,
            kits: SourceFile(name: "kits.csv", text: Self.kits))
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("dropgate-kits-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try SQLiteStore(path: folder.appendingPathComponent("store.sqlite").path)
    }

    /// A gateway on the world's store (with `profiles` in place of the world's), with `stock` (node, SKU, on hand,
    /// safety) imported into it.
    func gateway(stock: [(DCID, SKU, Int, Int)], profiles: ProfileSet? = nil) async throws -> Gateway {
        try await store.importInventory(
            stock.map { InventoryRow(node: $0.0, sku: $0.1, onHand: $0.2, safetyStock: $0.3) })
        return Gateway(profiles: profiles ?? self.profiles, store: store, logger: Logger(label: "test"))
    }

    /// The world's profiles, `retailer`'s changed by `edit`.
    func profiles(editing retailer: RetailerID, _ edit: (inout RetailerProfile) -> Void) throws -> ProfileSet {
        var profile = try #require(profiles[retailer])
        edit(&profile)
        var all = profiles.profiles
        all[retailer] = profile
        return ProfileSet(profiles: Array(all.values), network: profiles.network, catalog: profiles.catalog)
    }

    /// The store's reserved units per node and SKU.
    func reserved(_ skus: Set<SKU>) async throws -> [String: Int] {
        var figures: [String: Int] = [:]
        for position in try await store.inventory(of: skus) where position.reserved != 0 {
            figures["\(position.node) \(position.sku)"] = position.reserved
        }
        return figures
    }

    /// An Amazon 850 interchange (primary EWR1, then ORD1, DFW1, ONT1; fill or kill) of one PO per entry of
    /// `orders`, each a list of (SKU, quantity) lines, to a Brooklyn consumer by UPS Ground.
    static func amazonInterchange(_ orders: [(po: String, lines: [(SKU, Int)])], control: Int = 1) -> [UInt8] {
        let number = String(format: "%09d", control)
        var segments = [
            "ISA*00*          *00*          *ZZ*AMAZONDS       *ZZ*HARBORPINE     *261124*0715*^*00501*\(number)*0*P*:",
            "GS*PO*AMAZONDS*HARBORPINE*20261124*0715*\(control)*X*005010",
        ]
        for (index, order) in orders.enumerated() {
            let set = String(format: "%04d", index + 1)
            var body = [
                "ST*850*\(set)", "BEG*00*DS*\(order.po)**20261124", "CUR*BY*USD", "REF*CO*113-\(order.po)",
                "TD5*O*2*UPSN*M*UPS GROUND*******SG", "N1*ST*Maya Okafor", "N3*418 7th Ave*Apt 3R",
                "N4*Brooklyn*NY*11215*US",
            ]
            for (number, line) in order.lines.enumerated() {
                body.append("PO1*\(number + 1)*\(line.1)*EA*19.99**VN*\(line.0)")
            }
            body.append("CTT*\(order.lines.count)")
            body.append("SE*\(body.count + 1)*\(set)")
            segments += body
        }
        segments += ["GE*\(orders.count)*\(control)", "IEA*1*\(number)"]
        return Array((segments.joined(separator: "~") + "~").utf8)
    }

    /// 2026-11-24 10:00 New York: a Tuesday morning, before every cutoff.
    static let clock = SampleWorld.clock
}

extension KitWorld {
    /// Which store a kit test runs on.
    enum Backend: String, CaseIterable, Sendable { case sqlite, postgres }

    /// The store on `backend`: this world's SQLite file, or a fresh database of the shared temporary PostgreSQL;
    /// and a way to let it go.
    func store(on backend: Backend) async throws -> (any OrderStore, () async -> Void) {
        switch backend {
        case .sqlite:
            return (store, {})
        case .postgres:
            let database = try await TemporaryPostgres.shared.database()
            let postgres = try await PostgresStore(
                location: PostgresLocation(
                    host: database.host, port: database.port, user: database.user, database: database.name))
            return (postgres, { await postgres.shutdown() })
        }
    }
}
