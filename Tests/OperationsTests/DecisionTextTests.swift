import Foundation
import Operations
import Orders
import Profiles
import PropertyBased
import Routing
import TestSupport
import Testing

@Suite("the kept texts of a decision: its inputs and its figures")
struct DecisionTextTests {
    /// Identifiers a CSV may hold, separators of the texts included.
    static let names = ["EWR1", "HP-10001", "a\tb", "50%", "x%09y", "line\nbreak", "é-ü", "a|b;c,d*e", "%", "cr\r"]

    static func inputs(_ random: inout SplitMix) -> DecisionInputs {
        func pick() -> String { names[Int(random.next() % UInt64(names.count))] }
        func number() -> Int { Int(random.next() % 2_000) - 1_000 }
        var stock: [DecisionInputs.Position] = []
        for _ in 0..<Int(random.next() % 6) {
            stock.append(
                DecisionInputs.Position(
                    node: DCID(pick()), sku: SKU(pick()), available: abs(number()),
                    stocked: random.next() % 2 == 0
                        ? .init(onHand: abs(number()), safetyStock: abs(number()), surplus: number()) : nil))
        }
        var usage: [DCID: DailyUsage] = [:]
        for _ in 0..<Int(random.next() % 3) {
            usage[DCID(pick())] = DailyUsage(orders: abs(number()), units: abs(number()))
        }
        let inbound = (0..<Int(random.next() % 3)).map { day in
            InboundRow(
                node: DCID(pick()), sku: SKU(pick()), quantity: abs(number()) + 1,
                due: CalendarDate(year: 2026, month: 12, day: day + 1)!)
        }
        let switches =
            random.next() % 3 == 0
            ? [
                NodeSwitch(
                    node: DCID(pick()), enabled: random.next() % 2 == 0,
                    closedWindows: [
                        ClosedWindow(
                            from: Date(timeIntervalSince1970: 1_795_000_000.125),
                            until: Date(timeIntervalSince1970: 1_795_086_400), reason: pick())
                    ], setAt: Date(timeIntervalSince1970: 1_794_999_999.5), setBy: pick(), reason: nil)
            ] : []
        return DecisionInputs(
            stock: stock, usage: usage, inbound: inbound, switches: switches)
    }

    @Test("inputs read back as written, whatever the identifiers hold")
    func inputsRoundTrip() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...Int(Int32.max))) { seed in
            var random = SplitMix(seed: UInt64(seed))
            let inputs = Self.inputs(&random)
            #expect((try? DecisionInputs(encoded: inputs.encoded)) == inputs, "seed \(seed): \(inputs.encoded)")
        }
    }

    @Test("figures read back as written; the summary keeps its words with tabs and breaks as spaces")
    func figuresRoundTrip() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...Int(Int32.max))) { seed in
            var random = SplitMix(seed: UInt64(seed))
            func pick() -> String { Self.names[Int(random.next() % UInt64(Self.names.count))] }
            let outcomes = DecisionOutcome.allCases
            let figures = DecisionFigures(
                outcome: outcomes[Int(random.next() % UInt64(outcomes.count))],
                shipBy: random.next() % 4 == 0
                    ? nil : Date(timeIntervalSince1970: Double(random.next() % 2_000_000_000) / 7),
                shipments: (0..<Int(random.next() % 3)).map { _ in
                    .init(
                        node: DCID(pick()), day: CalendarDate(year: 2026, month: 11, day: 30)!,
                        service: CarrierServiceID(pick()),
                        lines: (0..<Int(1 + random.next() % 3)).map { _ in
                            .init(sku: SKU(pick()), quantity: Int(random.next() % 9) + 1)
                        })
                },
                cancelledUnits: Int(random.next() % 5), backorderedUnits: Int(random.next() % 5),
                summary: "why: \(pick()) \(pick())")
            let read = try? DecisionFigures(encoded: figures.encoded)
            var expected = figures
            expected.summary = String(figures.summary.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 })
            #expect(read == expected, "seed \(seed): \(figures.encoded)")
        }
    }

    @Test("a line that does not read names its number and what was expected")
    func errors() {
        #expect(throws: DecisionInputsError.self) {
            try DecisionInputs(encoded: "s\tEWR1\tHP-1\t4\nu\tEWR1\tmany\t3\n")
        }
        do {
            _ = try DecisionInputs(encoded: "s\tEWR1\tHP-1\t4\nu\tEWR1\tmany\t3\n")
        } catch {
            #expect(error.line == 2)
            #expect(error.description.contains("whole number in field 3"), "\(error)")
        }
        #expect(throws: DecisionFiguresError.self) { try DecisionFigures(encoded: "shipped\t-\t0\t0\t\twhy") }
    }
}
