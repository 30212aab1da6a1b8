import Foundation
import Orders
import Profiles
import Routing
import Testing

/// The deadline watch with a fixed clock: what is due soon, overdue or done late, and what it costs.
@Suite("Deadline watch")
struct DeadlineWatchTests {
    static let chicago = TimeZone(identifier: "America/Chicago") ?? .gmt
    static let losAngeles = TimeZone(identifier: "America/Los_Angeles") ?? .gmt

    static func node(_ id: DCID, _ zone: TimeZone) -> FulfilmentNode {
        FulfilmentNode(
            id: id, name: id.rawValue, address: Address(lines: [], postalCode: "60601"),
            coordinates: Coordinates(latitude: 41, longitude: -87), timeZone: zone,
            capacity: DailyCapacity(orders: 100, units: 1000),
            services: [NodeService(service: "ups-ground", cutoff: TimeOfDay(hour: 17, minute: 0)!)],
            costs: NodeCosts(perOrder: Money(1, .usd), perUnit: Money(1, .usd)))
    }

    static func profile(_ id: RetailerID, _ zone: TimeZone, fees: [FeeSchedule.Violation: Fee]) -> RetailerProfile {
        RetailerProfile(
            id: id, name: id.rawValue.capitalized,
            shipSLA: ShipSLA(cutoff: LocalTime(TimeOfDay(hour: 23, minute: 0)!, zone)), fees: FeeSchedule(fees: fees))
    }

    /// Midwest ships from Chicago and charges for a late ship (fixed), a late ack (per unit) and a late ASN (a share
    /// of the order); Pacific ships from Los Angeles and sets no fees.
    static let world = ProfileSet(
        profiles: [
            profile(
                "midwest", chicago,
                fees: [
                    .lateShip: Fee(amount: .fixed(Money(5, .usd))), .lateAck: Fee(amount: .perUnit(Money(2, .usd))),
                    .lateASN: Fee(amount: .percent(3)),
                ]),
            profile("pacific", losAngeles, fees: [:]),
        ],
        network: Network(
            nodes: [node("ORD1", chicago), node("LAX1", losAngeles)], services: [:], zones: [], regions: []),
        catalog: ItemCatalog([]))

    static func instant(_ text: String) -> Date {
        guard let date = ISO8601DateFormatter().date(from: text) else { preconditionFailure("bad instant \(text)") }
        return date
    }

    static func order(
        _ id: Int64, _ retailer: RetailerID, node: DCID, units: Int = 1, value: Money? = nil,
        _ steps: [DeadlineWatch.StepDeadline]
    ) -> DeadlineWatch.Order {
        DeadlineWatch.Order(
            id: id, retailer: retailer, poNumber: PONumber("PO-\(id)"), nodes: [node], units: units, value: value,
            steps: steps)
    }

    /// Each deadline as its retailer wrote it on its own clock; 01:30 on 2026-11-01 happens twice (CDT then CST,
    /// PDT then PST), 02:30 on 2027-03-14 never happens (the clocks jump to 03:00).
    static let deadlines: [(retailer: RetailerID, node: DCID, zone: String, local: String)] = [
        ("midwest", "ORD1", "America/Chicago", "2026-11-01T01:30:00-05:00"),
        ("midwest", "ORD1", "America/Chicago", "2026-11-01T01:30:00-06:00"),
        ("pacific", "LAX1", "America/Los_Angeles", "2026-11-01T01:30:00-07:00"),
        ("pacific", "LAX1", "America/Los_Angeles", "2026-11-01T01:30:00-08:00"),
        ("midwest", "ORD1", "America/Chicago", "2027-03-14T01:30:00-06:00"),
        ("midwest", "ORD1", "America/Chicago", "2027-03-14T03:30:00-05:00"),
        ("pacific", "LAX1", "America/Los_Angeles", "2027-03-14T03:30:00-07:00"),
    ]

    @Test(
        "an order crosses from due soon to overdue exactly at its deadline instant, across the DST changes",
        arguments: deadlines.indices)
    func crossesAtTheInstant(index: Int) {
        let (retailer, node, zone, local) = Self.deadlines[index]
        let deadline = Self.instant(local)
        let order = Self.order(1, retailer, node: node, [DeadlineWatch.StepDeadline(.ship, deadline: deadline)])
        func status(at now: Date) -> DeadlineWatch.Status? {
            DeadlineWatch.entries(for: [order], profiles: Self.world, now: now).first?.status
        }
        #expect(status(at: deadline - 4 * 3600 - 1) == nil)
        #expect(status(at: deadline - 4 * 3600) == .dueSoon)
        #expect(status(at: deadline - 0.001) == .dueSoon)
        #expect(status(at: deadline) == .overdue)
        #expect(status(at: deadline + 86_400) == .overdue)
        // Shown on the retailer's clock and the DC's with the offset in force then: the two 01:30s differ.
        let entry = DeadlineWatch.entries(for: [order], profiles: Self.world, now: deadline).first
        #expect(entry?.retailerTimeZone.identifier == zone)
        #expect(entry.map { DeadlineWatch.localTime($0.deadline, in: $0.retailerTimeZone) } == local)
        #expect(entry?.nodeTimeZone.map { DeadlineWatch.localTime(deadline, in: $0) } == local)
    }

    @Test("the two 01:30s of the night DST ends are an hour apart: the first is overdue while the second is due soon")
    func ambiguousLocalTime() {
        let first = Self.instant("2026-11-01T01:30:00-05:00")  // CDT
        let second = Self.instant("2026-11-01T01:30:00-06:00")  // CST
        #expect(second.timeIntervalSince(first) == 3600)
        let orders = [
            Self.order(1, "midwest", node: "ORD1", [DeadlineWatch.StepDeadline(.ship, deadline: first)]),
            Self.order(2, "midwest", node: "ORD1", [DeadlineWatch.StepDeadline(.ship, deadline: second)]),
        ]
        // 01:45 CDT: the first 01:30 has passed, the second is 45 minutes away.
        let entries = DeadlineWatch.entries(
            for: orders, profiles: Self.world, now: Self.instant("2026-11-01T01:45:00-05:00"))
        #expect(entries.map(\.order) == [1, 2])
        #expect(entries.map(\.status) == [.overdue, .dueSoon])
        #expect(entries.map(\.lateBy) == [15 * 60, -45 * 60])
    }

    @Test("steps done on time leave nothing; done late shows after those still open, with the fee")
    func doneLateAndFees() {
        let now = Self.instant("2026-11-24T12:00:00-06:00")
        let orders = [
            // Acknowledged two hours late, 3 units: 2 USD a unit. Its ship step is due in 3 hours.
            Self.order(
                1, "midwest", node: "ORD1", units: 3,
                DeadlineWatch.Order.steps(
                    acknowledgeBy: now - 86_400, acknowledgedAt: now - 86_400 + 7200, shipBy: now + 3 * 3600,
                    shippedAt: nil)),
            // Overdue ship (fixed 5 USD); acknowledged on time.
            Self.order(
                2, "midwest", node: "ORD1",
                DeadlineWatch.Order.steps(
                    acknowledgeBy: now - 7200, acknowledgedAt: now - 9000, shipBy: now - 600, shippedAt: nil)),
            // Pacific sets no fees; ship-by a day away (not yet due soon); its ASN is due in an hour.
            Self.order(
                3, "pacific", node: "LAX1",
                DeadlineWatch.Order.steps(
                    acknowledgeBy: nil, acknowledgedAt: nil, shipBy: now + 86_400, shippedAt: nil, asnDue: now + 3600)),
            // A late ASN costs 3% of the order: known value, and unknown.
            Self.order(
                4, "midwest", node: "ORD1", value: Money(Decimal(string: "200.00")!, .usd),
                DeadlineWatch.Order.steps(
                    acknowledgeBy: nil, acknowledgedAt: nil, shipBy: now - 86_400, shippedAt: now - 90_000,
                    asnDue: now - 3600, asnSentAt: nil)),
            Self.order(
                5, "midwest", node: "ORD1",
                DeadlineWatch.Order.steps(
                    acknowledgeBy: nil, acknowledgedAt: nil, shipBy: nil, shippedAt: nil, asnDue: now - 1800)),
        ]
        let entries = DeadlineWatch.entries(for: orders, profiles: Self.world, now: now)
        #expect(entries.map(\.order) == [4, 5, 2, 3, 1, 1])
        #expect(entries.map(\.step) == [.asn, .asn, .ship, .asn, .ship, .acknowledge])
        #expect(entries.map(\.status) == [.overdue, .overdue, .overdue, .dueSoon, .dueSoon, .doneLate])
        #expect(entries[0].feeAtStake == Money(6, .usd))
        #expect(entries[1].fee == Fee(amount: .percent(3)))
        #expect(entries[1].feeAtStake == nil)
        #expect(entries[2].feeAtStake == Money(5, .usd))
        #expect(entries[3].fee == nil)
        #expect(entries[3].feeAtStake == nil)
        #expect(entries[3].retailerName == "Pacific")
        #expect(entries[5].feeAtStake == Money(6, .usd))
        #expect(entries[5].lateBy == 7200)
        #expect(entries[5].doneAt == now - 86_400 + 7200)
    }

    @Test("the due-soon window is a parameter")
    func window() {
        let now = Self.instant("2026-11-24T12:00:00-06:00")
        let order = Self.order(
            1, "midwest", node: "ORD1", [DeadlineWatch.StepDeadline(.ship, deadline: now + 3600 * 6)])
        #expect(DeadlineWatch.entries(for: [order], profiles: Self.world, now: now).isEmpty)
        #expect(DeadlineWatch.entries(for: [order], profiles: Self.world, now: now, dueSoon: 6 * 3600).count == 1)
    }
}
