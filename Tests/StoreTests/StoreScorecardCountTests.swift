import Foundation
import Gateway
import Operations
import Orders
import Profiles
import Store
import TestSupport
import Testing

/// The scorecard counted in SQL (`ScorecardStore.scorecardCounts`) against `Scorecard.compute` over every PO's
/// record, on both stores: a generated month of POs of every shape, plain ones (counted in SQL) and unusual ones
/// (read as records) side by side, with instants on and around each zone's day and month bounds.
@Suite("Order store: the scorecard counted in SQL equals the one counted from records")
struct StoreScorecardCountTests {
    static let chicago = TimeZone(identifier: "America/Chicago")!
    static let newYork = TimeZone(identifier: "America/New_York")!
    static let nodes: [DCID] = ["DFW1", "EWR1", "ORD1"]

    /// Chicago: late-ship $5 beyond 1% of orders, cancel-for-stock $5 a unit beyond 0.1% of units, late ASN $2.
    /// New York: per-unit late-ship and late-ASN fees, a fixed cancel fee, so each fee kind is summed both ways.
    static var profiles: [RetailerProfile] {
        func usd(_ amount: Decimal) -> Money { Money(amount, .usd) }
        func profile(_ id: RetailerID, _ zone: TimeZone, _ fees: [FeeSchedule.Violation: Fee]) -> RetailerProfile {
            RetailerProfile(
                id: id, name: id.rawValue, shipSLA: ShipSLA(cutoff: LocalTime(TimeOfDay(hour: 12, minute: 0)!, zone)),
                fees: FeeSchedule(fees: fees, scorecard: [.onTimeShip: 99, .cancelRate: 2]))
        }
        return [
            profile(
                "chi", chicago,
                [
                    .lateShip: Fee(amount: .fixed(usd(5)), allowance: .init(percent: 1, of: .orders)),
                    .cancelForStock: Fee(
                        amount: .perUnit(usd(5)), allowance: .init(percent: Decimal(string: "0.1")!, of: .units)),
                    .lateASN: Fee(amount: .fixed(usd(2))),
                ]),
            profile(
                "nyc", newYork,
                [
                    .lateShip: Fee(amount: .perUnit(usd(Decimal(string: "0.75")!))),
                    .cancelForStock: Fee(amount: .fixed(usd(3))),
                    .lateASN: Fee(amount: .perUnit(usd(Decimal(string: "1.25")!))),
                ]),
        ]
    }

    /// One generated PO: its decision and first decision, and what the floor did.
    struct Spec {
        struct Shipment {
            var node: DCID
            var shippedAt: Date
            var asnDue: Date?
            /// ASN deliveries (the first counts), and a delivery of another kind (an invoice) that must not.
            var deliveries: [Date]
            var invoiceAt: Date?
            /// Whether its review flagged a carrier the profile does not map the PO's method to.
            var unauthorizedCarrier = false
        }

        var retailer: RetailerID
        var receivedAt: Date
        var outcome: DecisionOutcome
        var nodes: [DCID]
        var shipBy: Date?
        var state: String
        var original: OriginalDecision?
        var shipments: [Shipment] = []
        /// Floor cancels of the PO's line, with what the units were worth (nil: a row kept before that was).
        var cancels: [(node: DCID, quantity: Int, reason: String, value: Money?)] = []
        /// The PO's one line: two units at this price (nil: none).
        var price: Money?

        /// The PO's extended value: `PurchaseOrder.extendedTotal`, worked out here (a line priced in another
        /// currency than the order's counts nothing).
        var value: Money { Money(price.map { $0.currency == .usd ? $0.amount * 2 : 0 } ?? 0, .usd) }
    }

    /// POs received from a week before `month` to five days after it (UTC), for Chicago, New York and a retailer
    /// with no profile; the first ones at each zone's month and day bounds (and a quarter second either side), and
    /// due exactly at the instants the test judges them at.
    /// A review that flagged an unauthorized carrier, beside a late-ship flag, as `ShipmentReview` encodes it.
    static let flagged =
        #"{"refusals":[],"checks":[],"flags":[{"violation":"late-ship","detail":"late"},"#
        + #"{"violation":"unauthorized-carrier","detail":"shipped with ups-ground","fee":{"amount":5,"currency":"USD"}}]}"#

    static func generate(seed: UInt64, count: Int, month: ScorecardMonth, asOf: [Date]) -> [Spec] {
        var rng = SplitMix(seed: seed)
        func pick(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
        func chance(_ oneIn: Int) -> Bool { pick(1...oneIn) == 1 }
        var edges: [Date] = []
        for zone in [chicago, newYork] {
            let starts = month.dayStarts(in: zone)
            // The month's bounds, its first days, and each day of 23 or 25 hours (a change of clocks).
            var bounds = [starts[0], starts[1], starts[2], starts[starts.count / 2], starts[starts.count - 1]]
            for day in 0..<(starts.count - 1) where starts[day + 1].timeIntervalSince(starts[day]) != 86_400 {
                bounds += [starts[day], starts[day + 1]]
            }
            for start in bounds {
                edges += [start.addingTimeInterval(-0.25), start, start.addingTimeInterval(0.25)]
            }
        }
        let first = month.dayStarts(in: TimeZone(identifier: "UTC")!)
        let start = first[0].addingTimeInterval(-7 * 86_400).timeIntervalSince1970
        let end = first[first.count - 1].addingTimeInterval(5 * 86_400).timeIntervalSince1970
        let fees = ["7.50 USD", "2.5 USD", "10.00 USD", "0.125 USD", "3.00 EUR"]
        var specs: [Spec] = []
        for index in 0..<count {
            let received: Date
            if index < edges.count * 3 {
                received = edges[index % edges.count]
            } else {
                // Whole seconds, or a fraction a double holds exactly.
                let seconds = (start + Double(pick(0...Int(end - start)))) + [0, 0.125, 0.5, 0.875][pick(0...3)]
                received = Date(timeIntervalSince1970: seconds)
            }
            let retailer: RetailerID = index % 7 == 6 ? "other" : (index % 2 == 0 ? "chi" : "nyc")
            let outcomes: [DecisionOutcome] = [.ship, .ship, .ship, .reroute, .split, .backorder, .cancel, .reject]
            let outcome = outcomes[pick(0...outcomes.count - 1)]
            var nodes: [DCID] = []
            switch outcome {
            case .ship, .reroute, .backorder: nodes = [Self.nodes[pick(0...2)]]
            case .split: nodes = [Self.nodes[0], Self.nodes[1 + pick(0...1)]]
            case .cancel, .reject: nodes = []
            }
            var shipBy: Date?
            if !nodes.isEmpty {
                shipBy =
                    chance(15)
                    ? asOf[pick(0...asOf.count - 1)]
                    : received.addingTimeInterval(Double(pick(3_600...4 * 86_400)) + [0, 0.25][pick(0...1)])
            }
            let units = pick(1...12)
            var cancelled = 0
            if outcome == .cancel { cancelled = units }
            if outcome == .split || outcome == .ship, chance(5) { cancelled = pick(1...units) }
            let avoided: Money? = outcome == .reroute || chance(6) ? Money(parsing: fees[pick(0...4)]) : nil
            let original: OriginalDecision? =
                chance(12)
                ? nil
                : OriginalDecision(
                    units: units, cancelledUnits: cancelled, feesAvoided: avoided,
                    feesIncurred: chance(4) ? Money(2, .usd) : nil, figures: "{}", digest: "d", inputs: "{}")
            var spec = Spec(
                retailer: retailer, receivedAt: received, outcome: outcome, nodes: nodes, shipBy: shipBy,
                state: ["open", "released", "shipped", "cancelled"][pick(0...3)], original: original)
            if let shipBy {
                // Which nodes ship: its own (the plain case), each of a split's, another node, or twice from one.
                var from: [DCID] = []
                switch pick(0...9) {
                case 0...4: from = [nodes[0]]
                case 5: from = nodes
                case 6: from = [Self.nodes[(Self.nodes.firstIndex(of: nodes[0])! + 1) % 3]]
                case 7: from = [nodes[0], nodes[0]]
                default: from = []
                }
                for node in from {
                    let shipped =
                        chance(10) ? shipBy : shipBy.addingTimeInterval(Double(pick(-30 * 3_600...6 * 3_600)))
                    let due: Date? = chance(6) ? nil : shipped.addingTimeInterval(3_600)
                    var deliveries: [Date] = []
                    if let due {
                        switch pick(0...5) {
                        case 0: deliveries = []
                        case 1: deliveries = [due]
                        case 2: deliveries = [due.addingTimeInterval(0.125)]
                        case 3: deliveries = [due.addingTimeInterval(900), due.addingTimeInterval(-600)]
                        default: deliveries = [shipped.addingTimeInterval(Double(pick(60...7_200)))]
                        }
                    }
                    spec.shipments.append(
                        Spec.Shipment(
                            node: node, shippedAt: shipped, asnDue: due, deliveries: deliveries,
                            invoiceAt: chance(3) ? shipped : nil, unauthorizedCarrier: chance(7)))
                }
                if chance(8) {
                    let worth: Money? = chance(3) ? nil : Money(Decimal(pick(1...9_999)) / 100, .usd)
                    spec.cancels.append((nodes[0], pick(1...units), "out-of-stock", worth))
                }
                if chance(12) {
                    spec.cancels.append((nodes[nodes.count - 1], 1, "retailer-cancel", Money(1, .usd)))
                }
            }
            specs.append(spec)
        }
        return specs
    }

    /// Writes `specs`: the POs and decisions through the store, the floor's rows and states in SQL.
    static func write(_ specs: [Spec], to store: any OrderStore, _ database: TestDatabase) async throws {
        var ids: [OrderID] = []
        var batch: [OrderCommit] = []
        for (index, spec) in specs.enumerated() {
            var order = purchaseOrder("PO-\(index)", retailer: spec.retailer, quantity: spec.price == nil ? 1 : 2)
            order.lines[0].unitPrice = spec.price
            var commit = OrderCommit(
                order: order, retailer: spec.retailer,
                documentID: nil, receivedAt: spec.receivedAt,
                decision: DecisionRecord(
                    outcome: spec.outcome, nodes: spec.nodes, shipBy: spec.shipBy,
                    decidedAt: spec.receivedAt.addingTimeInterval(1), explanationJSON: "{}"),
                reservations: [], capacity: [], outbound: [])
            commit.original = spec.original
            batch.append(commit)
            if batch.count == 500 || index == specs.count - 1 {
                for result in try await store.commit(batch: batch) {
                    ids.append(try #require(result.orderID))
                }
                batch.removeAll()
            }
        }
        func seconds(_ date: Date) -> String { "\(date.timeIntervalSince1970)" }
        var statements: [String] = []
        var shipment = 0
        for (spec, id) in zip(specs, ids) {
            let order = id.rawValue
            statements.append("UPDATE purchase_order SET state = '\(spec.state)' WHERE id = \(order)")
            for sent in spec.shipments {
                shipment += 1
                statements.append(
                    "INSERT INTO shipment (id, order_id, node, shipped_at, recorded_at, recorded_by, asn_due, "
                        + "confirmation_json, review_json) VALUES (\(shipment), \(order), '\(sent.node)', "
                        + "\(seconds(sent.shippedAt)), \(seconds(sent.shippedAt)), 'floor', "
                        + "\(sent.asnDue.map(seconds) ?? "NULL"), '{}', '\(sent.unauthorizedCarrier ? Self.flagged : "{}")')"
                )
                let rows =
                    sent.deliveries.map { ("856", $0) } + (sent.invoiceAt.map { [("810", $0)] } ?? [])
                    + [("856", nil as Date?)]
                for (kind, delivered) in rows {
                    statements.append(
                        "INSERT INTO outbox (kind, partner, order_id, name, state, created_at, bytes, shipment_id, "
                            + "delivered_at) VALUES ('\(kind)', 'x', \(order), 'n', 'pending', 0, '', \(shipment), "
                            + "\(delivered.map(seconds) ?? "NULL"))")
                }
            }
            for cancel in spec.cancels {
                statements.append(
                    "INSERT INTO line_cancellation (order_id, node, line_number, sku, quantity, reason, at, "
                        + "recorded_by, review_json, value) VALUES (\(order), '\(cancel.node)', '1', 'A', "
                        + "\(cancel.quantity), '\(cancel.reason)', 0, 'floor', '{}', "
                        + "\(cancel.value.map { "'\($0)'" } ?? "NULL"))")
            }
        }
        var chunk = ""
        for statement in statements {
            chunk += statement + ";\n"
            if chunk.utf8.count > 60_000 {
                try database.execute(chunk)
                chunk = ""
            }
        }
        if !chunk.isEmpty { try database.execute(chunk) }
    }

    /// What `spec`'s cancelled units were worth, worked out here: the first decision's as kept (nothing when it
    /// kept none), and each floor cancel's but the retailer's own, as kept or (a row kept before that was) the PO's
    /// value in proportion to the units to the cent, all of it when the first decision's units are unknown.
    static func cancelledValue(of spec: Spec) -> Money {
        var total = spec.original?.cancelledValue?.amount ?? 0
        for cancel in spec.cancels where cancel.reason != "retailer-cancel" {
            if let value = cancel.value {
                total += value.amount
            } else if let units = spec.original?.units, units > cancel.quantity {
                total += (spec.value.amount * Decimal(cancel.quantity) / Decimal(units)).roundedToCents
            } else {
                total += spec.value.amount
            }
        }
        return Money(total, .usd)
    }

    static func json(_ scorecard: Scorecard) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(scorecard), as: UTF8.self)
    }

    @Test(
        "every figure, node, day and fee of a generated month, all retailers and one, as of several instants",
        arguments: Backend.allCases,
        [(ScorecardMonth(year: 2026, month: 11)!, UInt64(1)), (ScorecardMonth(year: 2027, month: 3)!, UInt64(2))])
    func countedInSQL(backend: Backend, month: (ScorecardMonth, UInt64)) async throws {
        let (month, seed) = month
        let starts = month.dayStarts(in: Self.chicago)
        let asOf = [
            starts[0].addingTimeInterval(17 * 3_600 + 0.125), starts[17].addingTimeInterval(15.5 * 3_600),
            starts[starts.count - 1].addingTimeInterval(-3_600),
            starts[starts.count - 1].addingTimeInterval(9 * 86_400),
        ]
        let specs = Self.generate(seed: seed, count: 3_000, month: month, asOf: asOf)
        let profiles = Self.profiles
        try await withStore(backend) { store, database async throws in
            try await Self.write(specs, to: store, database)
            for at in asOf {
                for retailer in [nil, "chi"] as [RetailerID?] {
                    let chosen = profiles.filter { retailer == nil || $0.id == retailer }
                    let window = Scorecard.window(of: month, for: chosen)
                    let records = try await store.scorecardRecords(
                        ScorecardWindow(from: window.start, until: window.end, retailer: retailer))
                    let reference = Scorecard.compute(
                        records.map { ScorecardOrder($0) }, profiles: chosen, month: month, asOf: at)
                    let counts = try await store.scorecardCounts(
                        of: month, profiles: chosen, retailer: retailer, asOf: at)
                    // Both paths in one month: most POs counted in SQL, the unusual ones as records.
                    let counted = counts.counts.reduce(0) { $0 + $1.orders }
                    #expect(counted > records.count / 3, "\(backend) \(month) \(at)")
                    #expect(counts.records.count > 100 && counts.records.count < records.count)
                    #expect(counts.counts.contains { $0.nodes.count == 2 }, "a split not yet shipped is plain")
                    #expect(
                        counts.counts.contains { $0.asnVerdict == .late }
                            && counts.counts.contains { $0.shipVerdict == .onTime })
                    let scorecard = Scorecard.compute(counts, profiles: chosen, month: month, asOf: at)
                    #expect(
                        scorecard == reference,
                        "\(backend) \(month) as of \(at), retailer \(retailer?.rawValue ?? "all")")
                    // Printed alike, amounts to the digit (a node dictionary's order is its own, in either).
                    func lines(_ json: String) -> [Substring] {
                        json.split(separator: "\n").map { $0.hasSuffix(",") ? $0.dropLast() : $0 }.sorted()
                    }
                    #expect(lines(try Self.json(scorecard)) == lines(try Self.json(reference)))
                    #expect(
                        try await store.scorecard(of: month, profiles: chosen, retailer: retailer, asOf: at)
                            == reference)
                    // Mid-month, the month was not empty: late and on time, ASNs both ways, fees of each kind and at risk.
                    if retailer == nil, at == asOf[1] {
                        for card in reference.retailers {
                            #expect(
                                card.total.shippedLate > 0 && card.total.shippedOnTime > 0 && card.total.asnLate > 0)
                            #expect(
                                card.total.asnOnTime > 0 && card.total.cancelledOrders > 0 && card.total.reroutes > 0)
                            #expect(card.fees.allSatisfy { $0.count > 0 }, "\(card.fees)")
                            #expect(card.fees.contains { $0.atRisk.amount > 0 }, "\(card.retailer) \(card.fees)")
                        }
                    }
                }
            }
        }
    }

    /// Chicago charges shares of the order's value: late-ship 2% beyond 1% of orders, late ASN 1.5%, cancel-for-stock
    /// 3% beyond 0.1% of units; New York only its late ASN at 1.25%, so its POs late to ship or cancelled are still
    /// counted in SQL.
    static var percentProfiles: [RetailerProfile] {
        var profiles = Self.profiles
        profiles[0].fees.fees = [
            .lateShip: Fee(amount: .percent(2), allowance: .init(percent: 1, of: .orders)),
            .lateASN: Fee(amount: .percent(Decimal(string: "1.5")!)),
            .cancelForStock: Fee(amount: .percent(3), allowance: .init(percent: Decimal(string: "0.1")!, of: .units)),
        ]
        profiles[1].fees.fees[.lateASN] = Fee(amount: .percent(Decimal(string: "1.25")!))
        return profiles
    }

    @Test(
        "a per-cent fee is priced alike counted in SQL and from records, on each PO's own value",
        arguments: Backend.allCases)
    func percentFeesCountedInSQL(backend: Backend) async throws {
        let month = ScorecardMonth(year: 2026, month: 11)!
        let starts = month.dayStarts(in: Self.chicago)
        let asOf = [
            starts[0].addingTimeInterval(17 * 3_600 + 0.125), starts[17].addingTimeInterval(15.5 * 3_600),
            starts[starts.count - 1].addingTimeInterval(9 * 86_400),
        ]
        var specs = Self.generate(seed: 3, count: 3_000, month: month, asOf: asOf)
        var rng = SplitMix(seed: 33)
        for index in specs.indices {
            let cents = Decimal(Int.random(in: 100...500_000, using: &rng)) / 100
            switch Int.random(in: 0...14, using: &rng) {
            case 0: specs[index].price = nil
            case 1: specs[index].price = Money(cents, CurrencyCode("CAD"))
            default: specs[index].price = Money(cents + Decimal(string: "0.0025")!, .usd)
            }
            // What the first decision's cancelled units were worth (some kept before that was: worked out).
            if let cancelled = specs[index].original?.cancelledUnits, cancelled > 0,
                Int.random(in: 0...4, using: &rng) > 0
            {
                specs[index].original?.cancelledValue = Money(Decimal(Int.random(in: 1...9_999, using: &rng)), .usd)
            }
        }
        let profiles = Self.percentProfiles
        try await withStore(backend) { store, database async throws in
            try await Self.write(specs, to: store, database)
            for at in asOf {
                for retailer in [nil, "chi"] as [RetailerID?] {
                    let chosen = profiles.filter { retailer == nil || $0.id == retailer }
                    let valued = Scorecard.valuedRetailers(chosen)
                    #expect(valued["chi"] == [.lateShip, .lateASN, .cancelForStock])
                    #expect(valued["nyc"] == (retailer == nil ? [.lateASN] : nil))
                    let window = Scorecard.window(of: month, for: chosen)
                    let records = try await store.scorecardRecords(
                        ScorecardWindow(
                            from: window.start, until: window.end, retailer: retailer,
                            valued: ScorecardWindow.priced(valued)))
                    // Each record of a valued retailer carries its PO's number and value, any other neither.
                    for record in records {
                        if valued[record.retailer] != nil {
                            let index = try #require(record.poNumber.flatMap { Int($0.rawValue.dropFirst(3)) })
                            #expect(record.value == specs[index].value, "\(backend) \(record.poNumber?.rawValue ?? "")")
                            #expect(
                                record.cancelledValue == Self.cancelledValue(of: specs[index]),
                                "\(backend) \(record.poNumber?.rawValue ?? "")")
                        } else {
                            #expect(record.poNumber == nil && record.value == nil && record.cancelledValue == nil)
                        }
                    }
                    let reference = Scorecard.compute(
                        records.map { ScorecardOrder($0) }, profiles: chosen, month: month, asOf: at)
                    let counts = try await store.scorecardCounts(
                        of: month, profiles: chosen, retailer: retailer, asOf: at)
                    // No count of Chicago's holds a PO a fee could be charged on; New York's still do.
                    let chicago = counts.counts.filter { $0.retailer == "chi" }
                    #expect(chicago.reduce(0) { $0 + $1.orders } > 100, "\(backend) \(at)")
                    #expect(
                        chicago.allSatisfy {
                            $0.cancelledOrders == 0 && ![.late, .pending].contains($0.shipVerdict)
                                && ![.late, .pending].contains($0.asnVerdict)
                        })
                    if retailer == nil {
                        // New York's late ASNs are priced by value, its late POs and cancels are not.
                        let newYork = counts.counts.filter { $0.retailer == "nyc" }
                        #expect(
                            newYork.contains { $0.shipVerdict == .late } && newYork.contains { $0.cancelledOrders > 0 })
                        #expect(newYork.allSatisfy { ![.late, .pending].contains($0.asnVerdict) })
                    }
                    let scorecard = Scorecard.compute(counts, profiles: chosen, month: month, asOf: at)
                    #expect(scorecard == reference, "\(backend) as of \(at), retailer \(retailer?.rawValue ?? "all")")
                    func lines(_ json: String) -> [Substring] {
                        json.split(separator: "\n").map { $0.hasSuffix(",") ? $0.dropLast() : $0 }.sorted()
                    }
                    #expect(lines(try Self.json(scorecard)) == lines(try Self.json(reference)))
                    // Mid-month Chicago is charged shares of its late POs' values, and has more at risk.
                    if at == asOf[1], let card = reference.retailers.first(where: { $0.retailer == "chi" }) {
                        for fee in card.fees {
                            #expect(fee.estimated && fee.charged > 0 && fee.incurred.amount > 0, "\(fee)")
                            #expect(fee.nextFee.map { $0.amount > 0 } == true, "\(fee)")
                        }
                        #expect(card.fees.contains { $0.violation == .lateShip && $0.atRisk.amount > 0 })
                        #expect(card.total.feesIncurred == Money.total(card.fees.map(\.incurred)))
                    }
                }
            }
        }
    }
}
