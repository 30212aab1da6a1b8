import Foundation
import Gateway
import Operations
import Orders
import Profiles
import Routing
import Store
import Testing

/// A cancel-for-stock fee that is a share of value, on the gateway's own records: charged on what was cancelled
/// (the first decision's lines and the floor's), at the PO's prices, as routing charges it; never on the whole PO.
@Suite("The scorecard: a share of the cancelled value")
struct ScorecardValueGatewayTests {
    /// Home Depot charging 3% of the cancelled value for each cancel for stock, with no allowance.
    static func percentCancelFee(_ profile: inout RetailerProfile) {
        profile.fees.fees[.cancelForStock] = Fee(amount: .percent(3))
    }

    @Test("the first decision's cancelled line, then a line cut from the floor, are charged at their own prices")
    func cancelledLinesOnly() async throws {
        let floor = FloorGatewayTests()
        let (gateway, id, store) = try await floor.homeDepot(Self.percentCancelFee)
        let profile = try #require(gateway.profiles["homedepot"])
        let recorded = try #require(try await store.floorOrder(id))
        let order = recorded.order
        func price(_ line: String) throws -> Decimal {
            try #require(order.lines.first { $0.lineNumber == line }?.unitPrice?.amount)
        }
        // PO 31846207: lines 1 and 2 ship from ORD1, line 3 (one stoneware set) is cancelled for stock.
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let decision = try decoder.decode(
            RoutingDecision.self, from: Data(try #require(try await store.order(id)).explanationJSON.utf8))
        #expect(decision.cancelledLines.map(\.lineNumber) == ["3"])
        let line3 = try price("3")
        let whole = order.extendedTotal.amount
        #expect(line3 > 0 && whole > line3, "the test needs a cancelled line worth less than the PO")
        let charged = try #require(decision.fees.incurred.first { $0.violation == .cancelForStock })
        #expect(charged.amount == Money(line3 * 3 / 100, .usd))

        let month = try #require(ScorecardMonth(year: 2026, month: 11))
        let asOf = SampleWorld.clock + 7_200
        func cancelFee() async throws -> FeeStanding {
            let card = try await store.scorecard(of: month, profiles: [profile], asOf: asOf)
            return try #require(card.retailers.first?.fees.first { $0.violation == .cancelForStock })
        }
        // The scorecard charges what routing charged: 3% of line 3, not of the PO.
        var fee = try await cancelFee()
        #expect(fee.count == 1 && fee.charged == 1)
        #expect(fee.incurred == charged.amount, "3% of \(line3), not of \(whole)")

        // One unit of line 1 cut from the floor (not found): the same PO's cancel is now worth line 3 and that unit.
        _ = try await gateway.cancel(
            id, node: nil, lines: ["1": 1], reason: .notFound, by: "test", at: SampleWorld.clock + 3_600)
        fee = try await cancelFee()
        #expect(fee.count == 1 && fee.charged == 1)
        #expect(fee.incurred == Money((line3 + (try price("1"))) * 3 / 100, .usd))
        let window = Scorecard.window(of: month, for: [profile])
        let records = try await store.scorecardRecords(
            ScorecardWindow(
                from: window.start, until: window.end,
                valued: ScorecardWindow.priced(Scorecard.valuedRetailers([profile]))))
        let record = try #require(records.first { $0.id == id })
        #expect(record.value == order.extendedTotal)
        #expect(record.cancelledValue == Money(line3 + (try price("1")), .usd))
    }
}
