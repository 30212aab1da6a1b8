import Foundation
import Operations
import Orders
import Profiles
import PropertyBased
import Testing

@Suite("fee allowances and the forecast sentence")
struct FeeStandingTests {
    typealias F = ScorecardFixtures

    /// `orders` POs received on the 2nd of November (Chicago), the first `late` of them shipped late, seen at
    /// `asOf`.
    static func standing(orders: Int, late: Int, percent: Decimal, asOf: Date) -> FeeStanding? {
        let profile = F.profile(
            "chi", name: "Walmart", zone: F.chicago,
            fees: [.lateShip: Fee(amount: .fixed(F.usd(5)), allowance: .init(percent: percent, of: .orders))])
        let received = F.local(F.chicago, 2026, 11, 2, 9)
        let pos = (0..<orders).map { F.order(Int64($0), "chi", at: received, late: $0 < late) }
        return Scorecard.compute(pos, profiles: [profile], month: F.november, asOf: asOf).retailers.first?.fees.first
    }

    @Test("free, charged and remaining-free obey their definitions for any counts and allowance")
    func allowanceDefinitions() async {
        let percents: [Decimal] = [0, Decimal(string: "0.1")!, 1, Decimal(string: "2.5")!, 5, 100]
        await propertyCheck(
            count: 150, input: Gen.int(in: 0...600), Gen.int(in: 0...600), Gen.int(in: 0...(percents.count - 1)),
            Gen.int(in: 2...30)
        ) { orders, lateDraw, percentIndex, day in
            let late = orders == 0 ? 0 : lateDraw % (orders + 1)
            let percent = percents[percentIndex]
            let asOf = F.local(F.chicago, 2026, 11, day, 12)
            guard let fee = Self.standing(orders: orders, late: late, percent: percent, asOf: asOf) else {
                Issue.record("no late-ship standing")
                return
            }
            // free is the largest whole number with free × 100 ≤ percent × base.
            #expect(Decimal(fee.free) * 100 <= percent * Decimal(fee.base))
            #expect(Decimal(fee.free + 1) * 100 > percent * Decimal(fee.base))
            #expect(fee.base == orders && fee.count == late)
            #expect(fee.charged == max(0, fee.count - fee.free))
            #expect(fee.charged + min(fee.count, fee.free) == fee.count)
            #expect(fee.incurred == F.usd(Decimal(fee.charged) * 5))
            #expect(fee.projectedBase >= fee.base && fee.projectedCount >= fee.count)
            #expect(Decimal(fee.projectedFree) * 100 <= percent * Decimal(fee.projectedBase))
            #expect(Decimal(fee.projectedFree + 1) * 100 > percent * Decimal(fee.projectedBase))
            #expect(fee.remainingFree == max(0, fee.projectedFree - fee.count))
            // The (remainingFree + 1)th more violation would be charged at the month's projected base.
            #expect(fee.count + fee.remainingFree <= fee.projectedFree || fee.remainingFree == 0)
            #expect(fee.count + fee.remainingFree + 1 > fee.projectedFree)
            #expect(fee.nextFee == F.usd(5))
        }
    }

    @Test("the forecast says how many more late POs are free and what the next one costs")
    func sentence() throws {
        // 400 POs in the month, 1 late, the month over: 1% of 400 frees 4, so 3 more are free and the 4th costs $5.
        let fee = try #require(
            Self.standing(orders: 400, late: 1, percent: 1, asOf: F.iso("2026-12-10T00:00:00Z")))
        #expect(fee.free == 4 && fee.remainingFree == 3)
        #expect(fee.sentence(retailer: "Walmart") == "Walmart: 3 more late POs this month are free; the 4th costs $5.")
        let one = try #require(Self.standing(orders: 400, late: 3, percent: 1, asOf: F.iso("2026-12-10T00:00:00Z")))
        #expect(one.sentence(retailer: "Walmart") == "Walmart: 1 more late PO this month is free; the 2nd costs $5.")
        let none = try #require(
            Self.standing(orders: 400, late: 6, percent: 1, asOf: F.iso("2026-12-10T00:00:00Z")))
        #expect(none.charged == 2)
        #expect(
            none.sentence(retailer: "Walmart") == "Walmart: no more late POs are free this month: the next costs $5.")
    }

    @Test("mid-month, the allowance the forecast counts on is the projected month's")
    func forecastAtTodaysRate() throws {
        // 100 POs and 1 late by noon on the 10th (9.5 of 30 days): at that rate the month ends with 316 POs and 3
        // late; 1% of 316 frees 3, so 2 more are free; 1% of 100 frees 1 today, so nothing is charged yet.
        let fee = try #require(
            Self.standing(orders: 100, late: 1, percent: 1, asOf: F.local(F.chicago, 2026, 11, 10, 12)))
        #expect(fee.free == 1 && fee.charged == 0)
        #expect(fee.projectedBase == 316 && fee.projectedCount == 3 && fee.projectedFree == 3)
        #expect(fee.remainingFree == 2 && fee.projectedIncurred == F.usd(0))
        #expect(fee.sentence(retailer: "Walmart") == "Walmart: 2 more late POs this month are free; the 3rd costs $5.")
    }

    @Test(
        "ordinals",
        arguments: [
            (1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"),
            (13, "13th"), (21, "21st"), (22, "22nd"), (101, "101st"), (111, "111th"),
        ])
    func ordinals(number: Int, text: String) {
        let fee = FeeStanding(
            violation: .lateShip, fee: "5.00 USD", count: 0, base: 0, free: 0, charged: 0, incurred: F.usd(0),
            projectedBase: 0, projectedCount: 0, projectedFree: number - 1, projectedIncurred: F.usd(0),
            remainingFree: number - 1, nextFee: F.usd(Decimal(string: "5.50")!), atRisk: F.usd(0))
        let sentence = fee.sentence(retailer: "R") ?? ""
        #expect(number == 1 || sentence.hasSuffix("the \(text) costs $5.50."))
    }
}
