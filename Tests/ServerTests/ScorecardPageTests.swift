import Foundation
import Operations
import Orders
import Profiles
import Testing

@testable import Server

/// The operations scorecard page rendered from a hand-built scorecard: what each retailer's section says, and its
/// three plots read back.
@Suite("Scorecard page")
struct ScorecardPageTests {
    static func page() throws -> String {
        try WarehousePages().scorecard(
            ScorecardSample.scorecard, choices: [("amazon", "Amazon"), ("walmart", "Walmart")], retailer: nil,
            query: "month=2026-11")
    }

    /// The part of the page between a retailer's section start and the next one's.
    static func section(_ html: String, _ retailer: String) throws -> String {
        let start = try #require(html.range(of: "<section class=\"retailer\" id=\"retailer-\(retailer)\""))
        let rest = html[start.lowerBound...]
        let end = rest.range(of: "</section>")?.upperBound ?? rest.endIndex
        return String(rest[..<end])
    }

    @Test("a retailer's headline figures, thresholds met and missed, fees with their forecasts, and DCs")
    func walmartSection() throws {
        let html = try Self.page()
        #expect(html.hasPrefix("<!doctype html>"))
        #expect(html.contains("<title>Scorecard 2026-11 · dropgate</title>"))
        #expect(html.contains("href=\"/operations/scorecard?format=json&amp;month=2026-11\""))
        let walmart = try Self.section(html, "walmart")
        for figure in ["400", "98.5%", "100%", "0.5%", "60.00 USD", "25.00 USD", "10.00 USD", "day 23.4 of 30"] {
            #expect(walmart.contains(figure), "\(figure)")
        }
        #expect(walmart.contains("America/Chicago"))
        // Thresholds: on-time ship missed (and on course to miss), cancel rate met.
        #expect(
            walmart.contains(
                "<tr class=\"missed\" data-metric=\"on-time-ship\"><td>On-time ship</td><td>≥ 99%</td><td>98.5%</td>"))
        #expect(walmart.contains("WILL MISS"))
        #expect(walmart.contains("<tr class=\"met\" data-metric=\"cancel-rate\"><td>Cancel rate</td><td>≤ 2%</td>"))
        #expect(walmart.contains("<span class=\"flag met\">MET</span>"))
        // Fees: the forecast in words.
        #expect(walmart.contains("3 more late POs this month are free; the 4th costs $5."))
        #expect(walmart.contains("No more units cancelled for stock are free this month: the next costs $5."))
        #expect(walmart.contains("<tr class=\"missed\" data-violation=\"cancel-for-stock\">"))
        // DCs, in the scorecard's order.
        let dfw = try #require(walmart.range(of: "<tr data-node=\"DFW1\"><td>DFW1</td><td>100</td><td>400</td>"))
        let ewr = try #require(walmart.range(of: "<tr data-node=\"EWR1\"><td>EWR1</td><td>300</td><td>600</td>"))
        #expect(dfw.lowerBound < ewr.lowerBound)
        #expect(SVGMarks.plots(in: walmart).count == 3)
    }

    @Test("the three plots carry the month's values, readable from attributes and from pixels")
    func plots() throws {
        let walmart = try Self.section(try Self.page(), "walmart")
        let plots = SVGMarks.plots(in: walmart)
        try #require(plots.count == 3)

        // (a) Daily on-time ship rate: Nov 1 100%, Nov 2 nothing due, Nov 3 7 of 8; the threshold at 99.
        let ship = SVGMarks(plots[0])
        #expect(ship.points.map { $0.attributes["data-day"] ?? "" } == ["2026-11-01", "2026-11-03"])
        #expect(ship.points.map { $0.attributes["data-value"] ?? "" } == ["100", "87.5"])
        for point in ship.points {
            let value = try #require(point.number("data-value"))
            let row = try #require(point.number("cy"))
            #expect(abs((ship.value(atY: row) ?? .nan) - value) < 0.01)
        }
        let threshold = try #require(ship.threshold)
        let thresholdRow = try #require(threshold.number("y1"))
        #expect(abs((ship.value(atY: thresholdRow) ?? .nan) - 99) < 0.01)
        // The x axis is the whole month: the 30th's label is drawn.
        #expect(plots[0].contains(">29</text>") || plots[0].contains(">30</text>"))

        // (b) Fees by day, avoided and incurred.
        let fees = SVGMarks(plots[1])
        let byDay = Dictionary(
            grouping: fees.bars, by: { $0.attributes["data-day"] ?? "" })
        #expect(byDay["2026-11-03"]?.map { $0.attributes["data-value"] ?? "" } == ["40", "25"])
        #expect(byDay["2026-11-01"]?.map { $0.attributes["data-value"] ?? "" } == ["20", "0"])
        for bar in fees.bars {
            let value = try #require(bar.number("data-value"))
            let top = try #require(bar.number("y"))
            #expect(abs((fees.value(atY: top) ?? .nan) - value) < 0.01)
        }

        // (c) Units cancelled by DC, the ceiling at 2%.
        let cancel = SVGMarks(plots[2])
        #expect(cancel.bars.map { $0.attributes["data-node"] ?? "" } == ["DFW1", "EWR1"])
        #expect(cancel.bars.map { $0.attributes["data-value"] ?? "" } == ["0", "0.83"])
        let ceiling = try #require(cancel.threshold)
        let ceilingRow = try #require(ceiling.number("y1"))
        #expect(abs((cancel.value(atY: ceilingRow) ?? .nan) - 2) < 0.01)
        let ewr = try #require(cancel.bars.last)
        let ewrTop = try #require(ewr.number("y"))
        #expect(abs((cancel.value(atY: ewrTop) ?? .nan) - 0.83) < 0.01)
    }

    @Test("a retailer with nothing due yet shows its empty plots and a threshold with no base")
    func nothingYet() throws {
        let amazon = try Self.section(try Self.page(), "amazon")
        #expect(amazon.contains("NO BASE YET"))
        let plots = SVGMarks.plots(in: amazon)
        #expect(plots.count == 3)
        #expect(plots.allSatisfy { $0.contains("No data yet") })
        #expect(!amazon.contains("<h3>Fees and allowances</h3>"))
        #expect(!amazon.contains("<h3>By DC</h3>"))
    }

    @Test("a month without retailers says so")
    func empty() throws {
        let html = try WarehousePages().scorecard(
            Scorecard(month: "2026-10", asOf: ScorecardSample.asOf, retailers: []))
        #expect(html.contains("No retailer has a scorecard for 2026-10."))
    }

    @Test(
        "the forecast sentence counts what is left free and names the fee beyond it",
        arguments: [
            (
                FeeSchedule.Violation.lateShip, "5.00 USD beyond 1% of orders", 3, "5.00 USD",
                "3 more late POs this month are free; the 4th costs $5."
            ),
            (
                .lateShip, "5.00 USD beyond 1% of orders", 1, "5.00 USD",
                "1 more late PO this month is free; the 2nd costs $5."
            ),
            (
                .lateASN, "10.00 USD beyond 2% of orders", 10, "10.00 USD",
                "10 more late ASNs this month are free; the 11th costs $10."
            ),
            (
                .cancelForStock, "2.00 USD per unit beyond 1% of units", 21, "2.00 USD",
                "21 more units cancelled for stock this month are free; the 22nd costs $2."
            ),
            (
                .lateAck, "25.00 USD", 0, "25.00 USD",
                "No more late acknowledgements are free this month: the next costs $25."
            ),
            (.invoiceError, "2% of the order", 0, nil, "No more invoice errors are free this month."),
        ] as [(FeeSchedule.Violation, String, Int, String?, String)])
    func forecast(_ violation: FeeSchedule.Violation, fee: String, left: Int, next: String?, sentence: String) {
        let standing = FeeStanding(
            violation: violation, fee: fee, count: 0, base: 0, free: 0, charged: 0, incurred: ScorecardSample.usd(0),
            projectedBase: 0, projectedCount: 0, projectedFree: 0, projectedIncurred: ScorecardSample.usd(0),
            remainingFree: left, nextFee: next.flatMap { Money(parsing: $0) }, atRisk: ScorecardSample.usd(0),
            countsUnits: fee.contains("per unit"))
        #expect(standing.forecast == sentence)
    }

    @Test(
        "ordinals",
        arguments: [
            (1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"), (13, "13th"), (21, "21st"),
            (22, "22nd"), (101, "101st"), (111, "111th"),
        ])
    func ordinal(_ number: Int, _ text: String) {
        #expect(FeeStanding.ordinal(number) == text)
    }

    @Test(
        "a month is YYYY-MM",
        arguments: [
            ("2026-11", true), ("2026-01", true), ("2026-13", false), ("2026-1", false), ("26-11", false),
            ("2026-00", false), ("2026-11-01", false), ("", false), ("abcd-ef", false),
        ])
    func month(_ text: String, _ valid: Bool) {
        #expect((ScorecardMonth(parsing: text) != nil) == valid)
    }
}
