import Foundation
import TestSupport
import Testing

/// The inputs of the concurrency tests (issue 18, one suite a store): interchanges of POs for SKUs with too little
/// stock for all of them, shared out among three processes — some delivered to all three, some to a pair, some to
/// one — and written as each process's inbox.
struct ConcurrencyScenario {
    var interchanges: [(processes: Set<Int>, interchange: PurchaseOrderGenerator.Interchange)] = []
    /// Each process's files: the interchanges all three share first, in one file (one batch delivered to every
    /// process at once), then its others in its own order, `perFile` to a file.
    var inputs: [[URL]] = []
    var orders: [PurchaseOrderGenerator.Order] { interchanges.flatMap(\.interchange.orders) }

    init(
        world: IngestWorld, shares: [(processes: Set<Int>, count: Int)], ordersPerInterchange: Int,
        perFile: ClosedRange<Int>, seed: UInt64
    ) throws {
        let catalog = try SampleCatalog.load()
        // SKUs of which the network holds 10 to 40 units at two nodes or more: every line asks for one of them,
        // and there are more than twice as many units wanted as available.
        let hot = catalog.items.filter {
            (10...40).contains(catalog.totalAvailable(of: $0.sku)) && catalog.nodes(stocking: $0.sku).count >= 2
                && !$0.isHazmat
        }
        #expect(hot.count >= 15)
        var generator = PurchaseOrderGenerator(seed: 0xC0DE_0000 | seed, catalog: catalog, hotItems: hot)
        var turn = 0
        for share in shares {
            for _ in 0..<share.count {
                turn += 1
                let retailer = PurchaseOrderGenerator.Retailer.allCases[turn % 3]
                interchanges.append(
                    (share.processes, generator.interchange(for: retailer, orders: ordersPerInterchange)))
            }
        }
        let wanted = orders.flatMap(\.lines).reduce(0) { $0 + $1.quantity }
        let available = hot.reduce(0) { $0 + catalog.totalAvailable(of: $1.sku) }
        #expect(wanted > available * 2, "\(wanted) units wanted, \(available) available")

        var random = SplitMix(seed: 0x5EED_0000 | seed)
        for process in 0..<3 {
            let shared = interchanges.filter { $0.processes.count == 3 }.map(\.interchange)
            var others = interchanges.filter { $0.processes.count < 3 && $0.processes.contains(process) }
                .map(\.interchange)
            others.shuffle(using: &random)
            var files = [PurchaseOrderGenerator.File(name: "p\(process)-shared.x12", interchanges: shared)]
            let spread = UInt64(perFile.count)
            while !others.isEmpty {
                let take = min(others.count, perFile.lowerBound + Int(random.next() % spread))
                files.append(
                    PurchaseOrderGenerator.File(
                        name: "p\(process)-\(files.count).x12", interchanges: Array(others.prefix(take))))
                others.removeFirst(take)
            }
            inputs.append(try world.write(files, into: "inbox\(process)"))
        }
    }
}
