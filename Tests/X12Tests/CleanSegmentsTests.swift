import Testing

@testable import X12

/// The clean-segment table a stream validation keeps is shared by its copies: each walk locks it for its set.
@Suite("Clean segments kept between sets")
struct CleanSegmentsTests {
    /// Twelve interchanges of one 850 each; every third has a unit price that is not a number, so the table must
    /// never let a faulty segment pass for a clean one.
    static let events: [X12StreamEvent] = {
        let text = (0..<12).map { index in
            let sample = Sample.purchaseOrder(controlNumber: "0000009\(10 + index)")
            return index % 3 == 2 ? sample.replacing("*12.5*", with: "*12.5X*") : sample
        }.joined()
        var reader = X12StreamReader(X12InMemorySource(Array(text.utf8), chunkSize: 4096))
        var events: [X12StreamEvent] = []
        while let event = try? reader.next() { events.append(event) }
        return events
    }()

    @Test("copies of one stream validation carried on in several tasks each report what one validation reports")
    func copiesInTasks() async {
        let events = Self.events
        #expect(events.count == 24)
        var alone = X12StreamValidation()
        for event in events { alone.add(event) }
        #expect(alone.report.errors.count == 4, "one bad unit price in each of four sets")
        // Past its second set, the validation keeps clean segments; its copies share them.
        var started = X12StreamValidation()
        for event in events.prefix(6) { started.add(event) }
        let reports = await withTaskGroup(of: X12ValidationReport.self) { group in
            for _ in 0..<4 {
                group.addTask { [started] in
                    var copy = started
                    for event in events.dropFirst(6) { copy.add(event) }
                    return copy.report
                }
            }
            var reports: [X12ValidationReport] = []
            for await report in group { reports.append(report) }
            return reports
        }
        #expect(reports.count == 4)
        for report in reports {
            #expect(report.errors == alone.report.errors)
            #expect(report.skippedChecks == alone.report.skippedChecks)
        }
    }
}
