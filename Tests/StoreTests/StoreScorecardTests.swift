import Foundation
import Orders
import Store
import Testing

/// The scorecard's read: which POs a window finds, and the facts each carries, on both backends.
@Suite("Order store: the scorecard's records")
struct StoreScorecardTests {
    /// The window: ten days from `t0 + 10 days`; POs received up to 31 days before it are looked at.
    static let from = t0 + 10 * 86_400
    static let until = from + 10 * 86_400

    static func original(units: Int, cancelled: Int = 0, avoided: String? = nil) -> OriginalDecision {
        OriginalDecision(
            units: units, cancelledUnits: cancelled, feesAvoided: avoided.flatMap { Money(parsing: $0) },
            feesIncurred: nil, figures: "{}", digest: "d", inputs: "{}")
    }

    /// A PO holding `units` of A at `node`, received at `at`, due a day later.
    static func commit(
        _ store: any OrderStore, _ po: String, retailer: RetailerID = "walmart", at: Date,
        outcome: DecisionOutcome = .ship, node: DCID? = "EWR1", units: Int = 4, original: OriginalDecision?
    ) async throws -> OrderID {
        var commit = orderCommit(
            po, retailer: retailer, outcome: outcome, nodes: node.map { [$0] } ?? [],
            reservations: node.map { [Reservation(node: $0, sku: "A", quantity: units)] } ?? [], at: at)
        commit.original = original
        return try #require(try await store.commit(commit).orderID)
    }

    /// One package of `units` of A shipped from EWR1 by UPS, taking them from the order's reservation.
    static func shipment(
        of order: OrderID, units: Int, shippedAt: Date, recordedAt: Date, asnDue: Date, outbound: [OutboundDraft] = []
    ) -> ShipmentCommit {
        let confirmation = ShipConfirmation(
            node: "EWR1", shippedAt: shippedAt, method: ShipMethod(carrierSCAC: "UPSN"), service: "ups-ground",
            packages: [
                .init(
                    trackingNumber: "1Z999AA10123456784", weight: 3,
                    contents: [.init(lineNumber: "1", sku: "A", quantity: Decimal(units))])
            ])
        return ShipmentCommit(
            orderID: order, version: 1, confirmation: confirmation,
            consumed: [Reservation(node: "EWR1", sku: "A", quantity: units)], recordedAt: recordedAt,
            recordedBy: "floor", asnDue: asnDue, reviewJSON: "{}", outbound: outbound)
    }

    @Test(
        "a window finds POs by receipt, ship-by or shipment, with their units, cancels and ASN deliveries",
        arguments: Backend.allCases)
    func records(backend: Backend) async throws {
        try await withStore(backend) { store, database async throws in
            try await store.importInventory([
                InventoryRow(node: "EWR1", sku: "A", onHand: 100, safetyStock: 0),
                InventoryRow(node: "ORD1", sku: "A", onHand: 100, safetyStock: 0),
            ])
            let from = Self.from
            // Shipped an hour before ship-by, its ASN delivered a minute after it shipped.
            let shipped = try await Self.commit(
                store, "PO-SHIPPED", at: from + 3_600, original: Self.original(units: 4, avoided: "5.00 USD"))
            let result = try await store.recordShipment(
                Self.shipment(
                    of: shipped, units: 4, shippedAt: from + 3_600 + 82_800, recordedAt: from + 90_000,
                    asnDue: from + 90_000, outbound: [numberedDraft(.shipNotice, name: "856.x12")]))
            guard case .recorded = result else {
                Issue.record("shipment not recorded: \(result)")
                return
            }
            try database.execute(
                "UPDATE outbox SET delivered_at = \(from.timeIntervalSince1970 + 86_460), state = 'delivered' "
                    + "WHERE kind = '856'")
            // Rerouted to ORD1; 2 units cancelled from the floor, 1 at the retailer's request.
            let rerouted = try await Self.commit(
                store, "PO-REROUTED", at: from + 7_200, outcome: .reroute, node: "ORD1", units: 5,
                original: Self.original(units: 5, avoided: "7.50 USD"))
            let cancels = [(2, "out-of-stock"), (1, "retailer-cancel")].map { quantity, reason in
                CancellationRecord(
                    orderID: rerouted, node: "ORD1", lineNumber: "1", sku: "A", quantity: quantity, reason: reason,
                    at: from + 8_000, recordedBy: "floor")
            }
            for cancel in cancels {
                let version = 1
                _ = try await store.recordCancellation(
                    CancellationCommit(
                        orderID: rerouted, version: version, lines: [cancel], reviewJSON: "{}",
                        outbound: []))
            }
            // Cancelled by the decision (no node, no ship-by to keep); and one decided before originals were kept.
            let cancelled = try await Self.commit(
                store, "PO-CANCELLED", at: from + 10_800, outcome: .cancel, node: nil,
                original: Self.original(units: 3, cancelled: 3))
            let unrecorded = try await Self.commit(store, "PO-OLD", at: from + 14_400, original: nil)
            // Received 12 hours before the window, due 12 hours into it: found. Received 40 days before: not read;
            // 5 days before, due and shipped nowhere in the window: not found.
            let early = try await Self.commit(store, "PO-EARLY", at: from - 43_200, original: Self.original(units: 2))
            _ = try await Self.commit(store, "PO-ANCIENT", at: from - 40 * 86_400, original: Self.original(units: 1))
            _ = try await Self.commit(store, "PO-BEFORE", at: from - 5 * 86_400, original: Self.original(units: 1))
            let other = try await Self.commit(
                store, "PO-OTHER", retailer: "homedepot", at: from + 18_000, original: Self.original(units: 6))

            let window = ScorecardWindow(from: from, until: Self.until)
            let records = try await store.scorecardRecords(window)
            let byID = Dictionary(uniqueKeysWithValues: records.map { ($0.id, $0) })
            #expect(Set(byID.keys) == [shipped, rerouted, cancelled, unrecorded, early, other])

            let a = try #require(byID[shipped])
            #expect(a.retailer == "walmart" && a.units == 4 && a.outcome == .ship && a.nodes == ["EWR1"])
            #expect(a.receivedAt == from + 3_600 && a.shipBy == from + 3_600 + 86_400 && a.state == .shipped)
            #expect(a.feesAvoided == Money(5, .usd) && a.feesIncurred == nil)
            #expect(
                a.shipments == [
                    ScorecardShipment(
                        node: "EWR1", shippedAt: from + 3_600 + 82_800, asnDue: from + 90_000,
                        asnDeliveredAt: from + 86_460)
                ])
            let b = try #require(byID[rerouted])
            #expect(b.outcome == .reroute && b.nodes == ["ORD1"] && b.units == 5)
            #expect(b.floorCancelledUnits == ["ORD1": 2] && b.cancelledByRetailer)
            #expect(b.feesAvoided == Money(Decimal(string: "7.5")!, .usd) && b.shipments.isEmpty)
            let c = try #require(byID[cancelled])
            #expect(c.outcome == .cancel && c.nodes.isEmpty && c.cancelledUnits == 3 && c.units == 3)
            #expect(byID[unrecorded]?.units == 0, "no first decision kept: no units to count")
            #expect(byID[early]?.shipBy == from + 43_200)

            let walmart = try await store.scorecardRecords(
                ScorecardWindow(from: from, until: Self.until, retailer: "walmart"))
            #expect(Set(walmart.map(\.id)) == [shipped, rerouted, cancelled, unrecorded, early])
            let wide = try await store.scorecardRecords(
                ScorecardWindow(
                    from: from - 40 * 86_400, until: Self.until, retailer: "walmart",
                    receivedSince: from - 41 * 86_400))
            #expect(wide.count == 7)
        }
    }

    @Test(
        "a PO received long before the window, due or shipped in it, is found as a straggler, counted in SQL too",
        arguments: Backend.allCases)
    func stragglers(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            try await store.importInventory([InventoryRow(node: "EWR1", sku: "A", onHand: 100, safetyStock: 0)])
            let from = Self.from
            let day = 86_400.0
            /// A PO received `received` days before the window, due `due` days from its start, committed alone or
            /// in a batch (each store's two ways).
            func commit(_ po: String, received: Double, due: Double, batch: Bool = false) async throws -> OrderID {
                var commit = orderCommit(
                    po, reservations: [Reservation(node: "EWR1", sku: "A", quantity: 1)], at: from - received * day)
                commit.decision.shipBy = from + due * day
                commit.original = Self.original(units: 1)
                let result = batch ? try await store.commit(batch: [commit]).first : try await store.commit(commit)
                return try #require(result?.orderID)
            }
            // A backorder due two days into the window, received 45 days before it; one received 40 days before,
            // due on the window's last day, committed in a batch.
            let backorder = try await commit("PO-BACKORDER", received: 45, due: 2)
            let batched = try await commit("PO-BATCHED", received: 40, due: 9.5, batch: true)
            // Due 20 days before the window (30 days after its receipt: not long after), shipped a day into it.
            let shippedLate = try await commit("PO-SHIPPED-LATE", received: 50, due: -20)
            let shipped = try await store.recordShipment(
                Self.shipment(
                    of: shippedLate, units: 1, shippedAt: from + day, recordedAt: from + day,
                    asnDue: from + day + 3_600))
            guard case .recorded = shipped else {
                Issue.record("shipment not recorded: \(shipped)")
                return
            }
            // Due long after its receipt, but before the window: not found. Due after the window: read, then left
            // out by the window's check.
            _ = try await commit("PO-GONE", received: 60, due: -10)
            _ = try await commit("PO-LATER", received: 40, due: 12)
            let window = ScorecardWindow(from: from, until: Self.until)
            let found = Set(try await store.scorecardRecords(window).map(\.id))
            #expect(found == [backorder, batched, shippedLate], "\(backend)")
            let days = (0...10).map { from + Double($0) * day }
            let counted = try await store.scorecardCounts(window, days: ["walmart": days], asOf: Self.until)
            #expect(Set(counted.records.map(\.id)) == found, "\(backend)")
            #expect(counted.counts.isEmpty, "\(backend): a straggler is no PO received in the window")
            let late = try #require(try await store.scorecardRecords(window).first { $0.id == shippedLate })
            #expect(late.shipments.map(\.shippedAt) == [from + day])
            // Another retailer's window finds none of them.
            let other = ScorecardWindow(from: from, until: Self.until, retailer: "homedepot")
            #expect(try await store.scorecardRecords(other).isEmpty)
        }
    }

    @Test("a month of generated POs reads in one pass", arguments: [Backend.sqlite])
    func manyRecords(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let count = 20_000
            var commits: [OrderCommit] = []
            for index in 0..<count {
                var commit = orderCommit(
                    "PO-\(index)", nodes: [index % 2 == 0 ? "EWR1" : "ORD1"], outbound: [],
                    at: Self.from + Double(index) * 40)
                commit.original = Self.original(units: 1 + index % 5)
                commits.append(commit)
                if commits.count == 1_000 {
                    _ = try await store.commit(batch: commits)
                    commits.removeAll()
                }
            }
            let clock = ContinuousClock()
            let started = clock.now
            let records = try await store.scorecardRecords(ScorecardWindow(from: Self.from, until: Self.until))
            print("read \(records.count) scorecard records from \(backend) in \(clock.now - started)")
            #expect(records.count == count)
            var expected = 0
            for index in 0..<count { expected += 1 + index % 5 }
            var units = 0
            for record in records { units += record.units }
            #expect(units == expected)
        }
    }
}
