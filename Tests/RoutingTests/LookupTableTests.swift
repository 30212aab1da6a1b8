import Foundation
import Orders
import Profiles
import TestSupport
import Testing

@testable import Routing

/// The tables routing reads instead of dictionaries answer exactly as the dictionaries would.
@Suite("routing's lookup tables")
struct LookupTableTests {
    /// SKUs a catalog may hold: ASCII of every length around the small-string limit, and non-ASCII ones that equal
    /// other strings only under canonical equivalence.
    static func catalogSKUs(count: Int, seed: UInt64) -> [SKU] {
        var random = SplitMix(seed: seed)
        var skus = (0..<count).map { index in
            let length = 1 + Int(random.next() % 24)
            let letters = (0..<length).map { _ in Character(UnicodeScalar(UInt8(33 + random.next() % 94))) }
            return SKU("\(String(letters))\(index)")
        }
        skus += [SKU("\u{212A}-9"), SKU("caf\u{E9}"), SKU("")]
        return skus
    }

    @Test("the SKU index finds what a Dictionary finds, with its flags, for SKUs in and out of the catalog")
    func skuIndexMatchesDictionary() {
        for (count, nonASCII) in [(0, false), (1, false), (1000, false), (1000, true), (20_000, true)] {
            var skus = Self.catalogSKUs(count: count, seed: UInt64(count))
            if !nonASCII { skus.removeAll { !$0.rawValue.utf8.allSatisfy { $0 < 0x80 } } }
            let flags = skus.indices.map { UInt8(truncatingIfNeeded: $0 &* 7) }
            let index = SKUIndex(skus, flags: flags)
            var dictionary: [SKU: Int] = [:]
            for (item, sku) in skus.enumerated() where dictionary[sku] == nil { dictionary[sku] = item }
            // Every catalog SKU, others, and the canonically equal spellings: K for the Kelvin sign, a decomposed é.
            let queries =
                skus + Self.catalogSKUs(count: 500, seed: 99) + [SKU("K-9"), SKU("cafe\u{301}"), SKU("cafe"), nil]
            let found = index.items(
                of: queries.enumerated().map { OrderLine(lineNumber: "\($0)", sku: $1, quantity: 1) })
            let slotItems = index.slotItems
            for (offset, query) in queries.enumerated() {
                let expected = query.flatMap { dictionary[$0] }
                let single = query.flatMap(index.item)
                #expect(single?.number == expected, "\(String(describing: query)) among \(count)")
                #expect(found[offset]?.number == expected, "\(String(describing: query)) in a batch")
                if let expected {
                    #expect(single?.flags == flags[expected])
                    #expect(found[offset]?.flags == flags[expected])
                    // The slot a SKU is found in holds its item (-1: found by String, not in the table).
                    for slot in [single?.slot, found[offset]?.slot].compactMap({ $0 }) where slot >= 0 {
                        #expect(slotItems[slot] == Int32(expected), "\(String(describing: query))'s slot")
                    }
                }
            }
            if nonASCII {
                #expect(index.item(SKU("K-9")) != nil, "the Kelvin sign equals K, as Swift compares Strings")
                #expect(index.item(SKU("cafe\u{301}")) != nil, "a decomposed é equals the composed one")
            }
        }
    }

    @Test("stock levels read what the stock holds, and a row layout anyone else holds always names the same rows")
    func stockLevelsGrowInPlaceOnlyWhenUnshared() {
        var random = SplitMix(seed: 2026)
        let nodes = (0..<12).map { DCID("N\($0)") }
        let skus = (0..<300).map { SKU("S\($0)") }
        var stock = Stock()
        var copies: [(stock: Stock, rows: [SKU: Int], layout: StockLevels.Layout)] = []
        for step in 0..<3000 {
            let sku = skus[Int(random.next() % UInt64(skus.count))]
            let node = nodes[Int(random.next() % UInt64(nodes.count))]
            stock.set(Int(random.next() % 40) - 5, of: sku, at: node)
            if step % 250 == 0 {
                copies.append((stock, stock.levels.rows, stock.levels.rowLayout))
            }
        }
        func check(_ stock: Stock) {
            let levels = stock.levels
            for sku in skus {
                for node in nodes {
                    let row = levels.rows[sku]
                    let slot = levels.slots[node]
                    let read = row.flatMap { row in slot.map { levels.levels[row * levels.width + $0] } } ?? 0
                    #expect(read == stock.available(sku, at: node), "\(sku) at \(node)")
                }
            }
        }
        check(stock)
        for copy in copies {
            check(copy.stock)
            #expect(copy.stock.levels.rows == copy.rows)
            if stock.levels.rowLayout === copy.layout {
                #expect(stock.levels.rows == copy.rows, "a row layout someone held named other rows")
            }
        }
        // A layout a scratch has seen is replaced when a SKU is added; one nobody else holds is kept.
        let seen = stock.levels.rowLayout
        stock.set(1, of: SKU("new"), at: nodes[0])
        #expect(stock.levels.rowLayout !== seen)
        check(stock)
        let alone = ObjectIdentifier(stock.levels.rowLayout)
        stock.set(1, of: SKU("newer"), at: nodes[0])
        #expect(ObjectIdentifier(stock.levels.rowLayout) == alone)
        check(stock)
    }
}

/// A caller's scratch remembers what it worked out for the last receipt time (deadlines, pickups, carrier results);
/// what it remembers must never change a decision.
@Suite("a router's memory of earlier orders")
struct RouterMemoryTests {
    @Test("a router and scratch deciding a mixed run of orders decide each exactly as a router made for it alone")
    func routerDecidesAsAFreshOne() throws {
        var random = SplitMix(seed: 1124)
        func pick<T>(_ options: [T]) -> T { options[Int(random.next() % UInt64(options.count))] }
        let instants = [
            "2026-11-24T10:00:00-05:00", "2026-11-24T16:59:59-05:00", "2026-11-24T17:00:01-05:00",
            "2026-11-25T23:30:00-08:00", "2026-11-27T09:00:00-05:00", "2026-11-28T12:00:00Z",
        ].map(SampleWorld.instant)
        let addresses = [
            SampleWorld.newark, SampleWorld.chicago, SampleWorld.riverside,
            SampleWorld.address("Dallas", "TX", "75201", line: "PO Box 12"),
            SampleWorld.address("Anchorage", "AK", "99501"),
        ]
        let days = ["2026-11-25", "2026-11-27", "2026-11-30", "2026-12-02"].map(SampleWorld.day)
        let nodes = SampleWorld.world.network.nodes.map(\.id)
        let skus = SampleWorld.world.catalog.items.keys.sorted()
        let state = SampleWorld.stock(nodes.flatMap { node in skus.map { (node, $0, Int(random.next() % 4)) } })
        let routers = SampleWorld.world.routers()
        var scratches: [RetailerID: RoutingScratch] = [:]
        for number in 0..<400 {
            let retailer: RetailerID = pick(["walmart", "amazon", "homedepot", "bestbuy"])
            let lines = (0..<(1 + Int(random.next() % 4))).map { _ in (pick(skus), 1 + Int(random.next() % 2)) }
            let dates = OrderDates(
                ordered: SampleWorld.day("2026-11-24"), requestedShip: pick([nil, pick(days)]),
                requestedDelivery: pick([nil, pick(days)]), expectedShip: pick([nil, pick(days)]))
            let order = SampleWorld.order(
                retailer, "PO-\(number)", lines: lines, shipTo: pick(addresses),
                method: pick([nil, SampleWorld.methods["amazon"], ShipMethod(routing: "UPS 2ND DAY AIR")]), dates: dates
            )
            // Runs of one receipt time, as an interchange brings them, broken by others.
            let now = number % 7 == 0 ? pick(instants) : instants[(number / 7) % instants.count]
            let remembered = try #require(routers[retailer]).route(
                order, state: state, now: now, scratch: &scratches[retailer, default: RoutingScratch()])
            let fresh = SampleWorld.decide(order, state, now: now, profile: SampleWorld.profile(retailer))
            #expect(try remembered.renderJSON() == fresh.renderJSON(), "order \(number) for \(retailer)")
            #expect(remembered == fresh, "order \(number) for \(retailer)")
        }
    }
}

/// The PO-box rule reads an ASCII line's bytes packed into words; it must say what squeezing the line would say.
@Suite("PO-box spotting")
struct POBoxSpottingTests {
    @Test("the packed reading agrees with squeezing the line, on random lines of the letters that matter")
    func packedReadingAgreesWithSqueezing() {
        var random = SplitMix(seed: 77)
        let pieces = [
            "P", "p", "O", "o", ".", " ", "B", "b", "X", "x", "S", "T", "F", "I", "C", "E", "0", "1", "-", "Box",
            "Post", "Office", "é", "Ｐ", "\u{212A}",
        ]
        var spotted = 0
        for _ in 0..<20_000 {
            let starts = ["", "", "P", "PO", "P.O. ", "Post Office ", "po b", "P O B"]
            let line =
                starts[Int(random.next() % UInt64(starts.count))]
                + (0..<Int(random.next() % 8)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            let squeezed = StaticCompliance.squeeze(line)
            let expected = ["POBOX", "POSTOFFICEBOX", "POBX"].contains { squeezed.hasPrefix($0) }
            #expect(StaticCompliance.isPOBox(line) == expected, "\(line)")
            if expected { spotted += 1 }
        }
        for line in ["P.O. Box 12", "PO BOX 7", "p o b o x", "Post Office Box 9", "POBX 3", "Postal Plaza", "12 Main"] {
            let squeezed = StaticCompliance.squeeze(line)
            #expect(
                StaticCompliance.isPOBox(line)
                    == ["POBOX", "POSTOFFICEBOX", "POBX"].contains { squeezed.hasPrefix($0) })
        }
        #expect(spotted > 50, "the random lines must include PO boxes")
    }
}
