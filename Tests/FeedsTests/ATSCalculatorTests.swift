import Feeds
import Foundation
import Orders
import Profiles
import Testing

@Suite("ATS per retailer: stock, nodes, buffer, cap, zero or omit, delta")
struct ATSCalculatorTests {
    static let world: SampleWorld? = try? SampleWorld.load()
    /// 2026-12-06T09:30:00Z.
    static let now = Date(timeIntervalSince1970: 1_796_549_400)

    /// The Walmart sample (per node, zeros sent) served from EWR1 (New York time) and ORD1 (Chicago), with `edit`
    /// applied to its feed settings and `network` to the network.
    func calculator(
        _ edit: (inout FeedSettings) -> Void = { _ in }, network change: (inout Network) -> Void = { _ in },
        itemKey: ATSCalculator.ItemKey = .sku, catalog: Bool = false
    ) throws -> ATSCalculator {
        let world = try #require(Self.world)
        var profile = try #require(world.profiles["walmart"])
        profile.sourcing = Sourcing(alternates: ["ORD1", "EWR1"])
        var feed = try #require(profile.feed)
        edit(&feed)
        profile.feed = feed
        var network = world.profiles.network
        change(&network)
        return try ATSCalculator(
            profile: profile, network: network, catalog: catalog ? world.profiles.catalog : nil, itemKey: itemKey)
    }

    static func figures(_ lines: [ATSLine]) -> [String] {
        lines.map { "\($0.node?.rawValue ?? "*") \($0.itemID) \($0.quantity)" }
    }

    static let stock = [
        Position("EWR1", "HP-1", onHand: 10, safety: 2, reserved: 3),  // 5
        Position("ORD1", "HP-1", onHand: 4),  // 4
        Position("DFW1", "HP-1", onHand: 50),  // not a node this retailer is served from
        Position("EWR1", "HP-2", onHand: 3),  // 3
        Position("ORD1", "HP-2", onHand: 1, reserved: 5),  // over-reserved: 0, not -4
        Position("ORD1", "HP-3", onHand: 2, safety: 2),  // 0
    ]

    @Test(
        "buffer (units, or a per cent rounding the figure down), then cap, then a floor at zero",
        arguments: [
            (nil, nil, 10, 10), (.units(2), nil, 10, 8), (.units(12), nil, 10, 0), (.percent(10), nil, 7, 6),
            (.percent(10), nil, 10, 9), (.percent(12.5), nil, 9, 7), (.percent(50), nil, 1, 0),
            (.percent(0), nil, 5, 5),
            (nil, 5, 10, 5), (.units(2), 5, 10, 5), (.units(2), 5, 6, 4), (nil, 0, 10, 0), (nil, nil, -3, 0),
        ] as [(FeedSettings.Buffer?, Int?, Int, Int)])
    func adjustments(buffer: FeedSettings.Buffer?, cap: Int?, quantity: Int, expected: Int) throws {
        let calculator = try calculator {
            $0.buffer = buffer
            $0.cap = cap
        }
        #expect(calculator.advertised(quantity) == expected)
    }

    @Test("summed: on hand − reserved − safety per node, never below zero, over the retailer's nodes only")
    func summed() throws {
        let calculator = try calculator { $0.perNode = false }
        let snapshot = calculator.snapshot(of: Self.stock, at: Self.now)
        #expect(Self.figures(snapshot.lines) == ["* HP-1 9", "* HP-2 3", "* HP-3 0"])
        #expect(snapshot.nodes == ["EWR1", "ORD1"])
    }

    @Test("per node: one figure per node and item, nodes sorted, items sorted within each")
    func perNode() throws {
        let snapshot = try calculator().snapshot(of: Self.stock, at: Self.now)
        #expect(
            Self.figures(snapshot.lines) == [
                "EWR1 HP-1 5", "EWR1 HP-2 3", "EWR1 HP-3 0", "ORD1 HP-1 4", "ORD1 HP-2 0", "ORD1 HP-3 0",
            ])
    }

    @Test("the buffer and cap apply to each figure the retailer reads: per node, or to the sum")
    func bufferPerFigure() throws {
        let perNode = try calculator { $0.buffer = .units(1) }.snapshot(of: Self.stock, at: Self.now)
        #expect(Self.figures(perNode.lines).prefix(2) == ["EWR1 HP-1 4", "EWR1 HP-2 2"])
        let summed = try calculator {
            $0.perNode = false
            $0.buffer = .units(1)
            $0.cap = 7
        }.snapshot(of: Self.stock, at: Self.now)
        #expect(Self.figures(summed.lines) == ["* HP-1 7", "* HP-2 2", "* HP-3 0"])
    }

    @Test("a disabled node reads zero for every item, and adds nothing to a sum")
    func disabledNode() throws {
        let off: (inout Network) -> Void = { network in
            if let index = network.nodes.firstIndex(where: { $0.id == "EWR1" }) { network.nodes[index].enabled = false }
        }
        let perNode = try calculator(network: off).snapshot(of: Self.stock, at: Self.now)
        #expect(perNode.lines.filter { $0.node == "EWR1" }.allSatisfy { $0.quantity == 0 })
        #expect(perNode.lines.filter { $0.node == "EWR1" }.count == 3, "a zero row per item, as Walmart wants")
        let summed = try calculator({ $0.perNode = false }, network: off).snapshot(of: Self.stock, at: Self.now)
        #expect(Self.figures(summed.lines) == ["* HP-1 4", "* HP-2 0", "* HP-3 0"])
    }

    /// EWR1 keeps New York time; closed 2026-12-10 to 2026-12-11 inclusive.
    @Test(
        "a closure counts from 00:00 of its first day to the end of its last, in the node's own time zone",
        arguments: [
            ("2026-12-10T04:30:00Z", 5),  // 23:30 on the 9th in New York (already the 10th in UTC): open
            ("2026-12-10T05:00:00Z", 0),  // 00:00 on the 10th in New York: closed from the start of its window
            ("2026-12-11T12:00:00Z", 0),
            ("2026-12-12T04:59:59Z", 0),  // 23:59:59 on the 11th, its last day
            ("2026-12-12T05:00:00Z", 5),  // reopened
        ])
    func closure(instant: String, expected: Int) throws {
        let closed: (inout Network) -> Void = { network in
            if let index = network.nodes.firstIndex(where: { $0.id == "EWR1" }) {
                network.nodes[index].closures = [
                    Closure(
                        from: CalendarDate(year: 2026, month: 12, day: 10)!,
                        until: CalendarDate(year: 2026, month: 12, day: 11)!, reason: "stocktake")
                ]
            }
        }
        let at = try #require(ISO8601DateFormatter().date(from: instant))
        let snapshot = try calculator(network: closed).snapshot(of: Self.stock, at: at)
        let ewr = snapshot.lines.first { $0.node == "EWR1" && $0.itemID == "HP-1" }
        #expect(ewr?.quantity == expected)
        #expect(snapshot.lines.first { $0.node == "ORD1" && $0.itemID == "HP-1" }?.quantity == 4, "ORD1 stays open")
    }

    @Test("an item that cannot ship is a 0 row with unavailable: zero and left out of a full feed with omit")
    func zeroOrOmit() throws {
        let zero = try calculator { $0.perNode = false }.content(of: Self.stock, at: Self.now)
        #expect(Self.figures(zero.lines) == ["* HP-1 9", "* HP-2 3", "* HP-3 0"])
        let omit = try calculator {
            $0.perNode = false
            $0.unavailable = .omit
        }.content(of: Self.stock, at: Self.now)
        #expect(Self.figures(omit.lines) == ["* HP-1 9", "* HP-2 3"])
        #expect(omit.snapshot.lines.count == 3, "the snapshot keeps the zero, for the next delta")
    }

    @Test("catalog items with no stock anywhere are items too: zero rows")
    func catalogItems() throws {
        let world = try #require(Self.world)
        let snapshot = try calculator({ $0.perNode = false }, catalog: true).snapshot(of: Self.stock, at: Self.now)
        #expect(snapshot.lines.count == world.profiles.catalog.items.count + 3)
        #expect(snapshot.lines.first { $0.itemID == "HP-10001" }?.quantity == 0)
        #expect(snapshot.lines.first { $0.itemID == "HP-10001" }?.upc == "084512100014")
    }

    @Test(
        "a delta holds exactly what changed: new figures, changed ones, and a 0 for what the retailer held but is gone")
    func delta() throws {
        let calculator = try calculator {
            $0.perNode = false
            $0.mode = .delta
        }
        let first = calculator.content(of: Self.stock, at: Self.now)
        #expect(first.header.mode == .full, "nothing accepted yet: the first delta is a full feed")
        #expect(first.lines.count == 3)

        var later = Self.stock
        later[0].reserved += 2  // HP-1: 9 → 7
        later.removeAll { $0.sku == "HP-2" }  // HP-2 gone: 3 → 0 must be said
        later.append(Position("EWR1", "HP-4", onHand: 6))  // new
        later.append(Position("EWR1", "HP-5", onHand: 0))  // new, zero: sent, as the profile sends zeros
        let second = calculator.content(of: later, at: Self.now.addingTimeInterval(3600), previous: first.snapshot)
        #expect(second.header.mode == .delta)
        #expect(Self.figures(second.lines) == ["* HP-1 7", "* HP-2 0", "* HP-4 6", "* HP-5 0"])

        let unchanged = calculator.content(of: later, at: Self.now.addingTimeInterval(7200), previous: second.snapshot)
        #expect(unchanged.lines.isEmpty)
    }

    @Test("with omit, a delta leaves out a new zero (the retailer reads nothing as none) but still zeroes what it held")
    func deltaOmit() throws {
        let calculator = try calculator {
            $0.perNode = false
            $0.mode = .delta
            $0.unavailable = .omit
        }
        let first = calculator.content(of: Self.stock, at: Self.now)
        #expect(Self.figures(first.lines) == ["* HP-1 9", "* HP-2 3"])
        var later = Self.stock
        later[3].onHand = 0  // HP-2: 3 → 0
        later.append(Position("EWR1", "HP-5", onHand: 0))
        let second = calculator.content(of: later, at: Self.now, previous: first.snapshot)
        #expect(Self.figures(second.lines) == ["* HP-2 0"])
    }

    @Test("a snapshot kept as JSON (as the store keeps the last accepted one) gives the same delta")
    func snapshotRoundTrip() throws {
        let calculator = try calculator { $0.mode = .delta }
        let first = calculator.content(of: Self.stock, at: Self.now)
        let kept = try JSONDecoder().decode(ATSSnapshot.self, from: JSONEncoder().encode(first.snapshot))
        #expect(kept == first.snapshot)
        var later = Self.stock
        later[3].onHand = 1  // EWR1 HP-2: 3 → 1
        #expect(
            calculator.content(of: later, at: Self.now, previous: kept)
                == calculator.content(of: later, at: Self.now, previous: first.snapshot))
        #expect(Self.figures(calculator.content(of: later, at: Self.now, previous: kept).lines) == ["EWR1 HP-2 1"])
    }

    @Test("per node, a delta names the node of each change")
    func deltaPerNode() throws {
        let calculator = try calculator { $0.mode = .delta }
        let first = calculator.content(of: Self.stock, at: Self.now)
        var later = Self.stock
        later[1].reserved = 1  // ORD1 HP-1: 4 → 3
        let second = calculator.content(of: later, at: Self.now, previous: first.snapshot)
        #expect(Self.figures(second.lines) == ["ORD1 HP-1 3"])
    }

    @Test("item ids: the profile's mapping wins, then the UPC for a UPC-keyed feed, else our SKU")
    func itemIDs() throws {
        let mapped = try calculator {
            $0.perNode = false
            $0.itemIDs = ["HP-2": "WM-2", "HP-3": "WM-2"]
        }.snapshot(of: Self.stock, at: Self.now)
        #expect(mapped.lines.map(\.itemID) == ["HP-1", "WM-2"])
        #expect(mapped.lines.map(\.itemIDKind) == [.sku, .retailer])
        #expect(mapped.duplicateItemIDs == ["HP-3"], "two SKUs under one retailer id: the first in byte order is kept")

        let stock = [Position("EWR1", "HP-10001", onHand: 4), Position("EWR1", "NOT-IN-CATALOG", onHand: 4)]
        let upc = try calculator(
            {
                $0.perNode = false
                $0.itemIDs = ["HP-10002": "WM-10002"]
            }, itemKey: .upc, catalog: true
        )
        .snapshot(of: stock, at: Self.now)
        #expect(upc.lines.first { $0.sku == "HP-10001" }?.itemID == "084512100014")
        #expect(upc.lines.first { $0.sku == "HP-10001" }?.itemIDKind == .gtin)
        #expect(upc.lines.first { $0.sku == "HP-10002" }?.itemID == "WM-10002")
        #expect(upc.itemsWithoutID == ["NOT-IN-CATALOG"])
    }

    @Test("a profile without feed settings cannot have a feed")
    func noFeed() throws {
        let world = try #require(Self.world)
        let harbor = try #require(world.profiles["harbormkt"])
        #expect(throws: FeedError.self) {
            _ = try ATSCalculator(profile: harbor, network: world.profiles.network)
        }
    }

    @Test("the same inputs in any order give the same feed")
    func deterministic() throws {
        let calculator = try calculator()
        let a = calculator.snapshot(of: Self.stock, at: Self.now)
        let b = calculator.snapshot(of: Self.stock.reversed(), at: Self.now)
        #expect(a == b)
    }
}
