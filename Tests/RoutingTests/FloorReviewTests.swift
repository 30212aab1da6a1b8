import Foundation
import Orders
import Profiles
import Routing
import Testing

/// The floor's shipments and cancels against the pick ticket and the sample retailers' rules.
@Suite("Shipment and floor-cancel review")
struct FloorReviewTests {
    typealias W = SampleWorld

    /// A valid UPS tracking number (1Z, shipper 999AA1, check digit 4), and the same with its check digit changed.
    static let ups = "1Z999AA10123456784"
    static let shipBy = W.instant("2026-11-26T23:59:59-05:00")
    static let onTime = W.instant("2026-11-25T16:00:00-05:00")

    static func plan(_ node: DCID = "ORD1", lines: [(String, SKU, Int)], service: CarrierServiceID = "ups-ground")
        -> ShipmentPlan
    {
        ShipmentPlan(
            node: node, service: service, shipBy: shipBy,
            lines: lines.map { ShipmentLine(lineNumber: $0.0, sku: $0.1, quantity: $0.2) })
    }

    static func shipment(
        _ items: [(String, SKU, Int)], node: DCID = "ORD1", service: String = "ups-ground", at: Date = onTime,
        tracking: String = ups
    ) -> ShipConfirmation {
        ShipConfirmation(
            node: node, shippedAt: at, method: ShipMethod(carrierSCAC: "UPSN"), service: service,
            packages: [
                .init(
                    trackingNumber: tracking, weight: 4,
                    contents: items.map { .init(lineNumber: $0.0, sku: $0.1, quantity: Decimal($0.2)) })
            ])
    }

    func review(
        _ confirmation: ShipConfirmation, _ retailer: RetailerID, plans: [ShipmentPlan],
        history: FloorHistory = FloorHistory(), profile: RetailerProfile? = nil, now: Date? = nil,
        lines: [(SKU, Int)] = [("HP-10001", 2), ("HP-10004", 1)]
    ) -> ShipmentReview {
        ShipmentReview(
            confirmation, order: W.order(retailer, lines: lines), plans: plans, history: history,
            profile: profile ?? W.profile(retailer), network: W.world.network,
            now: now ?? confirmation.shippedAt.addingTimeInterval(600))
    }

    static let homeDepotPlan = plan(lines: [("1", "HP-10001", 2), ("2", "HP-10004", 1)])

    @Test("a complete, on-time shipment with the mapped carrier is accepted without a flag and completes the node")
    func clean() {
        let result = review(
            Self.shipment([("1", "HP-10001", 2), ("2", "HP-10004", 1)]), "homedepot", plans: [Self.homeDepotPlan])
        #expect(result.refusals.isEmpty)
        #expect(result.flags.isEmpty)
        #expect(result.checks.contains { $0.hasPrefix("ship-by") })
    }

    @Test("line fill-or-kill: a line shipped short is refused; a line left out is refused on the last shipment")
    func lineFillOrKill() {
        let short = review(
            Self.shipment([("1", "HP-10001", 1), ("2", "HP-10004", 1)]), "homedepot", plans: [Self.homeDepotPlan])
        #expect(short.isRefused)
        #expect(short.refusals.contains { $0.contains("line fill-or-kill") && $0.contains("line 1 is short by 1") })
        #expect(short.flags.isEmpty, "nothing is flagged on a refused shipment")
        let missing = review(Self.shipment([("1", "HP-10001", 2)]), "homedepot", plans: [Self.homeDepotPlan])
        #expect(missing.refusals.contains { $0.contains("line 2 (1 of 1)") && $0.contains("allows 1 shipment") })
        // The line cancelled first: the rest ships complete.
        let afterCancel = review(
            Self.shipment([("1", "HP-10001", 2)]), "homedepot", plans: [Self.homeDepotPlan],
            history: FloorHistory(cancelled: ["2": 1]))
        #expect(afterCancel.refusals.isEmpty)
    }

    @Test("order fill-or-kill refuses any shipment that leaves a unit behind")
    func orderFillOrKill() {
        let plan = Self.plan("EWR1", lines: [("1", "HP-10001", 2), ("2", "HP-10004", 1)])
        let result = review(Self.shipment([("1", "HP-10001", 2)], node: "EWR1"), "amazon", plans: [plan])
        #expect(result.refusals.contains { $0.contains("order fill-or-kill") && $0.contains("line 2") })
    }

    @Test("ship complete in up to two shipments: a first partial is accepted, a last partial refused")
    func shipCompleteSplits() {
        let plan = Self.plan("ONT1", lines: [("1", "HP-10001", 2)], service: "ups-ground")
        let first = review(Self.shipment([("1", "HP-10001", 1)], node: "ONT1"), "bestbuy", plans: [plan])
        #expect(first.refusals.isEmpty)
        let second = review(
            Self.shipment([("1", "HP-10001", 1)], node: "ONT1"), "bestbuy", plans: [plan],
            history: FloorHistory(shipped: ["1": 1], shipments: 1))
        #expect(second.refusals.isEmpty)
        let lastShort = review(
            Self.shipment([("1", "HP-10001", 1)], node: "ONT1"), "bestbuy",
            plans: [Self.plan("ONT1", lines: [("1", "HP-10001", 3)])],
            history: FloorHistory(shipped: ["1": 1], shipments: 1))
        #expect(lastShort.refusals.contains { $0.contains("allows 2 shipment(s)") && $0.contains("line 1 (1 of 3)") })
    }

    @Test("more than was released, a line not on the ticket, another node, a future ship time: each refused")
    func refusals() {
        let over = review(
            Self.shipment([("1", "HP-10001", 3), ("2", "HP-10004", 1)]), "homedepot", plans: [Self.homeDepotPlan])
        #expect(over.refusals.contains { $0.contains("line 1: 3 shipped, but only 2 of 2 remain") })
        let unknown = review(
            Self.shipment([("1", "HP-10001", 2), ("2", "HP-10004", 1), ("9", "HP-10002", 1)]), "homedepot",
            plans: [Self.homeDepotPlan])
        #expect(unknown.refusals.contains { $0.contains("line 9 is not on ORD1's pick ticket") })
        let elsewhere = review(
            Self.shipment([("1", "HP-10001", 2)], node: "EWR1"), "homedepot", plans: [Self.homeDepotPlan])
        #expect(elsewhere.refusals == ["PO PO-1 was not released to EWR1 (it was released to ORD1)"])
        let future = review(
            Self.shipment([("1", "HP-10001", 2), ("2", "HP-10004", 1)]), "homedepot", plans: [Self.homeDepotPlan],
            now: Self.onTime.addingTimeInterval(-3600))
        #expect(future.refusals.contains { $0.contains("is in the future") })
        let noTracking = review(
            Self.shipment([("1", "HP-10001", 2), ("2", "HP-10004", 1)], tracking: " "), "homedepot",
            plans: [Self.homeDepotPlan])
        #expect(noTracking.refusals.contains("package 1 has no tracking number"))
    }

    @Test("late shipment: accepted, flagged with the profile's late-ship fee")
    func late() {
        let late = review(
            Self.shipment([("1", "HP-10001", 2), ("2", "HP-10004", 1)], at: Self.shipBy.addingTimeInterval(3600)),
            "homedepot", plans: [Self.homeDepotPlan])
        #expect(late.refusals.isEmpty)
        #expect(late.flags.map(\.violation) == [.lateShip])
        #expect(late.flags.first?.fee == Money(5, .usd))
        #expect(late.flags.first?.detail.contains("after the ship-by 2026-11-26T23:59:59-05:00") == true)
    }

    @Test("a carrier the profile does not map the PO's method to: flagged with Walmart's unauthorized-carrier fee")
    func wrongCarrier() {
        let plan = Self.plan("EWR1", lines: [("1", "HP-10001", 2), ("2", "HP-10004", 1)], service: "fedex-home")
        let result = review(
            Self.shipment([("1", "HP-10001", 2), ("2", "HP-10004", 1)], node: "EWR1", service: "ups-ground"),
            "walmart", plans: [plan])
        #expect(result.refusals.isEmpty)
        #expect(result.flags.map(\.violation) == [.unauthorizedCarrier])
        #expect(result.flags.first?.fee == Money(5, .usd))
        #expect(result.flags.first?.detail.contains("fedex-home") == true)
    }

    @Test("the ASN deadline: due that long after the ship time, flagged with the fee once the ASN leaves after it")
    func asnDeadline() {
        var profile = W.profile("homedepot")
        profile.documents.asnDeadline = .hours(24)
        profile.fees.fees[.lateASN] = Fee(amount: .fixed(Money(25, .usd)))
        let confirmation = Self.shipment([("1", "HP-10001", 2), ("2", "HP-10004", 1)])
        let inTime = review(
            confirmation, "homedepot", plans: [Self.homeDepotPlan], profile: profile,
            now: Self.onTime.addingTimeInterval(23 * 3600))
        #expect(inTime.asnDue == Self.onTime.addingTimeInterval(24 * 3600))
        #expect(inTime.flags.isEmpty)
        let late = review(
            confirmation, "homedepot", plans: [Self.homeDepotPlan], profile: profile,
            now: Self.onTime.addingTimeInterval(25 * 3600))
        #expect(late.flags.map(\.violation) == [.lateASN])
        #expect(late.flags.first?.fee == Money(25, .usd))
    }

    @Test("a retailer that needs package weight and dimensions on its ASN: a package without them is refused")
    func packageDetails() {
        var profile = W.profile("homedepot")
        profile.documents.asnPackageDetails = [.weight, .dimensions]
        let withoutSize = review(
            Self.shipment([("1", "HP-10001", 2), ("2", "HP-10004", 1)]), "homedepot", plans: [Self.homeDepotPlan],
            profile: profile)
        #expect(
            withoutSize.refusals == [
                "package 1: The Home Depot via CommerceHub (sample) needs each package's dimensions on its ASN"
            ])
        var sized = Self.shipment([("1", "HP-10001", 2), ("2", "HP-10004", 1)])
        sized.packages[0].dimensions = .init(length: 14, width: 11, height: 6)
        #expect(review(sized, "homedepot", plans: [Self.homeDepotPlan], profile: profile).refusals.isEmpty)
    }

    @Test("the same inputs give the same review")
    func pure() {
        let confirmation = Self.shipment(
            [("1", "HP-10001", 2), ("2", "HP-10004", 1)], at: Self.shipBy.addingTimeInterval(60))
        #expect(
            review(confirmation, "homedepot", plans: [Self.homeDepotPlan])
                == review(confirmation, "homedepot", plans: [Self.homeDepotPlan]))
    }

    // MARK: Cancels from the floor

    func cancel(
        _ lines: [String: Int], _ retailer: RetailerID, plan: ShipmentPlan, history: FloorHistory = FloorHistory(),
        acknowledged: Bool = true
    ) -> FloorCancelReview {
        FloorCancelReview(
            cancelling: lines, reason: .damaged, node: plan.node,
            order: W.order(retailer, lines: [("HP-10001", 2), ("HP-10004", 1)]), plans: [plan], history: history,
            profile: W.profile(retailer), acknowledged: acknowledged, now: Self.onTime)
    }

    @Test("line fill-or-kill cancels the whole line; order fill-or-kill the whole order; ship complete what is asked")
    func cancelFill() {
        let line = cancel(["1": 1], "homedepot", plan: Self.homeDepotPlan)
        #expect(
            line.cancelled.map { [$0.lineNumber, "\($0.quantity)", $0.reason.rawValue] } == [["1", "2", "damaged"]])
        let order = cancel(
            ["1": 1], "amazon", plan: Self.plan("EWR1", lines: [("1", "HP-10001", 2), ("2", "HP-10004", 1)]))
        #expect(order.cancelled.map(\.quantity) == [2, 1])
        #expect(order.cancelled.map(\.reason) == [.damaged, .fillOrKill])
        #expect(order.cancelled.map(\.collateral) == [false, true])
        let asked = cancel(["1": 1], "bestbuy", plan: Self.plan("ONT1", lines: [("1", "HP-10001", 2)]))
        #expect(asked.cancelled.map(\.quantity) == [1])
    }

    @Test("a cancel costs the profile's fee; more than is open, or a line not on the ticket, is refused")
    func cancelFeesAndRefusals() {
        let result = cancel(
            ["2": 1], "walmart", plan: Self.plan("EWR1", lines: [("1", "HP-10001", 2), ("2", "HP-10004", 1)]))
        #expect(result.flags.map(\.violation) == [.cancelForStock])
        #expect(result.flags.first?.fee == Money(5, .usd), "Walmart: $5 per unit")
        #expect(result.flags.first?.allowance == "0.1% of units")
        let tooMany = cancel(["1": 2], "homedepot", plan: Self.homeDepotPlan, history: FloorHistory(shipped: ["1": 1]))
        #expect(tooMany.refusals == ["line 1: cannot cancel 2; 1 remain to ship from ORD1"])
        let unknown = cancel(["7": 1], "homedepot", plan: Self.homeDepotPlan)
        #expect(unknown.refusals == ["line 7 is not on ORD1's pick ticket for PO PO-1"])
        #expect(cancel([:], "homedepot", plan: Self.homeDepotPlan).refusals == ["no line to cancel"])
    }
}
