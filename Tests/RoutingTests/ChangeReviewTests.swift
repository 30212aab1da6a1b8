import Foundation
import Orders
import Profiles
import Routing
import Testing

/// A retailer's change and cancel requests against the order as it stands, on the sample profiles: what is
/// accepted, refused, cancelled or decided again, and why.
@Suite("Change request review")
struct ChangeReviewTests {
    typealias W = SampleWorld

    static let source = OrderSource(format: .x12)

    /// Home Depot PO-1 (line fill-or-kill, primary ORD1): line 1 three of HP-10001, line 2 one of HP-10004.
    static let order = W.order("homedepot", lines: [("HP-10001", 3), ("HP-10004", 1)])
    static let plan = ShipmentPlan(
        node: "ORD1", service: "ups-ground", shipBy: W.instant("2026-11-26T23:59:59-05:00"),
        lines: [
            ShipmentLine(lineNumber: "1", sku: "HP-10001", quantity: 3),
            .init(lineNumber: "2", sku: "HP-10004", quantity: 1),
        ])

    static func target(_ stage: ChangeTarget.Stage, history: FloorHistory = FloorHistory()) -> ChangeTarget {
        ChangeTarget(order: order, stage: stage, plans: [plan], history: ["ORD1": history])
    }

    static func change(_ lines: [LineChange], purpose: OrderChange.Purpose = .change, shipTo: Party? = nil)
        -> OrderChange
    {
        OrderChange(poNumber: "PO-1", purpose: purpose, lines: lines, shipTo: shipTo, source: source)
    }

    static func profile(cancelAfterRelease: CancelAfterRelease = .refuse) -> RetailerProfile {
        var profile = W.profile("homedepot")
        profile.orders.cancelAfterRelease = cancelAfterRelease
        return profile
    }

    @Test("860 for an unknown PO: refused whole, every line with unknown-order, nothing to do")
    func unknownPO() {
        let review = ChangeReview(
            change: Self.change([LineChange(lineNumber: "1", kind: .quantityDecrease, code: "QD", quantity: 1)]),
            target: nil, profile: Self.profile())
        #expect(review.verdict == .refused)
        #expect(review.action == .none)
        #expect(review.lines.map(\.reason) == [.unknownOrder])
        #expect(review.refusal == .unknownOrder)
        #expect(review.lines.first?.code == "QD")
        #expect(review.checks.first?.contains("no PO PO-1") == true, "\(review.checks)")
    }

    @Test("cancel before release: the whole order's open units are cancelled and every line answered accepted")
    func cancelBeforeRelease() {
        let review = ChangeReview(
            change: Self.change([], purpose: .cancel), target: Self.target(.open), profile: Self.profile())
        #expect(review.verdict == .accepted)
        #expect(review.lines.map(\.lineNumber) == ["1", "2"])
        #expect(review.lines.allSatisfy { $0.accepted && $0.answered == 0 })
        #expect(
            review.action
                == .cancel([
                    .init(node: "ORD1", lineNumber: "1", sku: "HP-10001", quantity: 3),
                    .init(node: "ORD1", lineNumber: "2", sku: "HP-10004", quantity: 1),
                ]))
    }

    @Test("cancel after release under cancel-after-release: refuse: refused with change-after-release")
    func cancelAfterReleaseRefused() {
        let review = ChangeReview(
            change: Self.change([], purpose: .cancel), target: Self.target(.released), profile: Self.profile())
        #expect(review.verdict == .refused)
        #expect(review.action == .none)
        #expect(review.lines.allSatisfy { $0.reason == .changeAfterRelease && $0.answered == $0.before })
    }

    @Test("cancel after release honoured: the units still open are cancelled; more than is open is refused")
    func cancelAfterReleaseHonoured() {
        let history = FloorHistory(shipped: ["1": 2], shipments: 1)
        let review = ChangeReview(
            change: Self.change([
                LineChange(lineNumber: "1", kind: .quantityDecrease, quantity: 0),
                LineChange(lineNumber: "2", kind: .cancel),
            ]),
            target: Self.target(.released, history: history), profile: Self.profile(cancelAfterRelease: .honour))
        #expect(review.verdict == .partlyAccepted)
        #expect(review.lines.map(\.accepted) == [false, true])
        #expect(review.lines.first?.reason == .changeAfterShipment, "two of line 1's three units shipped")
        #expect(review.action == .cancel([.init(node: "ORD1", lineNumber: "2", sku: "HP-10004", quantity: 1)]))
    }

    @Test("more units after release are refused whatever the cancel policy: the warehouse picks what it has")
    func increaseAfterRelease() {
        let review = ChangeReview(
            change: Self.change([LineChange(lineNumber: "1", kind: .quantityIncrease, quantity: 5)]),
            target: Self.target(.released), profile: Self.profile(cancelAfterRelease: .honour))
        #expect(review.verdict == .refused)
        #expect(review.lines.first?.reason == .changeAfterRelease)
    }

    @Test("shipped: refused with change-after-shipment; cancelled: a cancel is accepted, a change refused")
    func closedOrders() {
        let shipped = ChangeReview(
            change: Self.change([], purpose: .cancel), target: Self.target(.shipped), profile: Self.profile())
        #expect(shipped.verdict == .refused)
        #expect(shipped.lines.allSatisfy { $0.reason == .changeAfterShipment })
        let cancelAgain = ChangeReview(
            change: Self.change([], purpose: .cancel), target: Self.target(.cancelled), profile: Self.profile())
        #expect(cancelAgain.verdict == .accepted)
        #expect(cancelAgain.action == .none)
        let changeCancelled = ChangeReview(
            change: Self.change([LineChange(lineNumber: "1", kind: .quantityDecrease, quantity: 1)]),
            target: Self.target(.cancelled), profile: Self.profile())
        #expect(changeCancelled.lines.map(\.reason) == [.orderCancelled])
    }

    @Test("a change naming a line the PO does not have is refused whole with invalid-change")
    func invalidChange() {
        let review = ChangeReview(
            change: Self.change([
                LineChange(lineNumber: "1", kind: .quantityDecrease, quantity: 1),
                LineChange(lineNumber: "9", kind: .quantityDecrease, quantity: 1),
            ]),
            target: Self.target(.open), profile: Self.profile())
        #expect(review.verdict == .refused)
        #expect(review.lines.map(\.reason) == [.invalidChange, .invalidChange])
        #expect(review.checks.first?.contains("line 9: is not a line of the PO") == true, "\(review.checks)")
    }

    @Test("quantity decrease under line fill-or-kill, before release: decided again and accepted at the new quantity")
    func decreaseUnderLineFillOrKill() throws {
        let review = ChangeReview(
            change: Self.change([LineChange(lineNumber: "1", kind: .quantityDecrease, code: "QD", quantity: 1)]),
            target: Self.target(.open), profile: Self.profile())
        #expect(review.action == .redecide)
        let changed = try #require(review.changed)
        #expect(changed.lines.map(\.quantity) == [1, 1])
        let decision = W.decide(changed, W.stock([("ORD1", "HP-10001", 1), ("ORD1", "HP-10004", 1)]))
        let judged = review.judged(by: decision)
        #expect(judged.verdict == .accepted)
        #expect(judged.lines.map(\.answered) == [1])
        #expect(judged.checks.last?.contains("every line complete") == true, "\(judged.checks)")
    }

    @Test("quantity increase the primary cannot fill is decided again and rerouted, and accepted")
    func increaseForcesReroute() throws {
        let review = ChangeReview(
            change: Self.change([LineChange(lineNumber: "1", kind: .quantityIncrease, quantity: 6)]),
            target: Self.target(.open), profile: Self.profile())
        let changed = try #require(review.changed)
        let decision = W.decide(
            changed,
            W.stock([
                ("ORD1", "HP-10001", 3), ("ORD1", "HP-10004", 5), ("DFW1", "HP-10001", 10), ("DFW1", "HP-10004", 5),
            ]))
        #expect(decision.outcome == .reroute)
        let judged = review.judged(by: decision)
        #expect(judged.verdict == .accepted)
        #expect(judged.checks.last?.contains("reroute from DFW1") == true, "\(judged.checks)")
    }

    @Test("quantity increase no node can fill: refused with the router's reason; the order stands")
    func increaseNobodyCanFill() throws {
        let review = ChangeReview(
            change: Self.change([LineChange(lineNumber: "1", kind: .quantityIncrease, quantity: 60)]),
            target: Self.target(.open), profile: Self.profile())
        let decision = W.decide(
            try #require(review.changed), W.stock([("ORD1", "HP-10001", 3), ("ORD1", "HP-10004", 5)]))
        let judged = review.judged(by: decision)
        #expect(judged.verdict == .refused)
        #expect(judged.action == .none)
        #expect(judged.lines.first?.reason == .outOfStock)
        #expect(judged.lines.first?.answered == 3)
    }

    @Test("ship-to change into a region the profile forbids (Walmart, lower 48 only): refused, order stands")
    func shipToForbidden() throws {
        let walmart = W.order("walmart", lines: [("HP-10001", 1)], assigned: "EWR1")
        let target = ChangeTarget(
            order: walmart, stage: .open,
            plans: [
                ShipmentPlan(
                    node: "EWR1", service: "fedex-home", shipBy: W.instant("2026-11-26T23:59:59-05:00"),
                    lines: [ShipmentLine(lineNumber: "1", sku: "HP-10001", quantity: 1)])
            ], history: [:])
        let honolulu = Party(role: .shipTo, name: "Pat Doe", address: W.address("Honolulu", "HI", "96813"))
        let review = ChangeReview(
            change: OrderChange(poNumber: "PO-1", purpose: .change, shipTo: honolulu, source: Self.source),
            target: target, profile: W.profile("walmart"))
        #expect(review.action == .redecide)
        #expect(review.headerAccepted == true)
        let decision = W.decide(try #require(review.changed), W.stock([("EWR1", "HP-10001", 5)]))
        let judged = review.judged(by: decision)
        #expect(judged.verdict == .refused)
        #expect(judged.headerAccepted == false)
        #expect(judged.checks.last?.contains("cannot ship complete") == true, "\(judged.checks)")
    }

    @Test("applying a change: lines added, cancelled (taken off), increased; a restated order diffs line by line")
    func applied() throws {
        let added = OrderLine(lineNumber: "3", sku: "HP-10005", quantity: 2, unitPrice: Money(14, .usd))
        let changed = try Self.change([
            LineChange(lineNumber: "1", kind: .quantityIncrease, quantity: 4),
            LineChange(lineNumber: "2", kind: .cancel),
            LineChange(lineNumber: "3", kind: .add, line: added),
        ]).applied(to: Self.order).get()
        #expect(changed.order.lines.map(\.lineNumber) == ["1", "3"])
        #expect(changed.order.lines.map(\.quantity) == [4, 2])
        #expect(changed.lines.map(\.before) == [3, 1, 0])
        #expect(changed.lines.map(\.after) == [4, 0, 2])
        var restated = Self.order
        restated.purpose = .replace
        restated.lines[0].quantity = 1
        restated.lines.remove(at: 1)
        let request = try #require(restated.changeRequest)
        let diffed = try request.applied(to: Self.order).get()
        #expect(diffed.lines.map(\.change.kind) == [.quantityDecrease, .cancel])
        #expect(diffed.order.lines.map(\.quantity) == [1])
        #expect(throws: ChangeProblem.self) {
            try Self.change([LineChange(lineNumber: "1", kind: .quantityIncrease, quantity: 2)]).applied(to: Self.order)
                .get()
        }
    }

    @Test("an order waiting for stock keeps every line when one changes, and may go on waiting")
    func backorderedOrderChanges() throws {
        var profile = Self.profile()
        profile.fulfilment = FulfilmentPolicy(fill: .shipComplete, maxShipments: 1, backorder: .businessDays(10))
        let waiting = ChangeTarget(order: Self.order, stage: .open, plans: [], history: [:])
        let review = ChangeReview(
            change: Self.change([LineChange(lineNumber: "1", kind: .quantityDecrease, quantity: 2)]), target: waiting,
            profile: profile)
        let changed = try #require(review.changed)
        #expect(changed.lines.map(\.lineNumber) == ["1", "2"], "no pick ticket yet: every line is still wanted")
        let decision = W.decide(changed, W.stock([]), profile: profile)
        #expect(decision.outcome == .backorder)
        let judged = review.judged(by: decision)
        #expect(judged.verdict == .accepted, "\(judged.checks)")
        let cancel = ChangeReview(change: Self.change([], purpose: .cancel), target: waiting, profile: profile)
        #expect(cancel.verdict == .accepted)
        #expect(cancel.action == .cancel([]), "nothing is reserved for it: the order is simply cancelled")
    }
}
