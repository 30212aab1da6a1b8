import Foundation
import Operations
import Orders
import Prometheus
import TestSupport
import Testing

@testable import Server

/// `GET /operations/scorecard` and the `dropgate_scorecard_*` gauges of a real `DropgateServer` in this process, with
/// a fixed injected `ScorecardSource`; and the page in headless Chromium, its plots read back from the rendered SVG.
@Suite("Scorecard served")
struct ScorecardServerTests {
    static func decode(_ text: String) throws -> Scorecard {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(Scorecard.self, from: Data(text.utf8))
    }

    @Test("an admin gets the page as HTML and the same Scorecard as JSON; the query reaches the source")
    func page() async throws {
        let calls = SourceCalls()
        let server = try await ScorecardServer.start(source: calls.source(ScorecardSample.scorecard))
        defer { Task { await server.stop() } }

        let html = try await server.request("/operations/scorecard?month=2026-11", key: server.admin)
        #expect(html.status == 200, "\(html.text)")
        #expect(html.headers["content-type"] == "text/html; charset=utf-8")
        #expect(html.text.contains("3 more late POs this month are free; the 4th costs $5."))
        #expect(SVGMarks.plots(in: html.text).count == 6)
        #expect(html.text.contains("id=\"retailer-walmart\"") && html.text.contains("id=\"retailer-amazon\""))

        for (path, headers) in [
            ("/operations/scorecard?month=2026-11&retailer=walmart&format=json", [:]),
            ("/operations/scorecard?month=2026-11&retailer=walmart", ["Accept": "application/json"]),
        ] {
            let json = try await server.request(path, key: server.admin, headers: headers)
            #expect(json.status == 200, "\(json.text)")
            #expect(json.headers["content-type"]?.hasPrefix("application/json") == true)
            let scorecard = try Self.decode(json.text)
            #expect(
                scorecard
                    == Scorecard(month: "2026-11", asOf: ScorecardSample.asOf, retailers: [ScorecardSample.walmart]))
        }
        // The gauges' refresher asks too, for the current month of every retailer (nil, nil): set apart.
        let asked = calls.all.filter { $0.month != nil || $0.retailer != nil }
        #expect(asked.count == 3)
        #expect(asked.allSatisfy { $0.month == "2026-11" && $0.asOf == ScorecardSample.asOf })
        #expect(asked.map(\.retailer) == [nil, "walmart", "walmart"])

        // Narrowed to one retailer, the page shows only its section and marks its choice.
        let one = try await server.request("/operations/scorecard?retailer=walmart", key: server.admin)
        #expect(one.status == 200)
        #expect(!one.text.contains("id=\"retailer-amazon\""))
        #expect(
            one.text.contains(
                "class=\"button primary\" href=\"/operations/scorecard?month=2026-11&amp;retailer=walmart\""))
        #expect(calls.all.last.map { $0.month == nil && $0.retailer == "walmart" } == true)
    }

    @Test("who may read it, and what a bad query gets")
    func refusals() async throws {
        let server = try await ScorecardServer.start(source: SourceCalls().source(ScorecardSample.scorecard))
        defer { Task { await server.stop() } }
        // The floor's key sees no fees.
        let floor = try await server.request("/operations/scorecard?format=json", key: server.warehouse)
        #expect(floor.status == 403, "\(floor.text)")
        #expect(try await server.request("/operations/scorecard?format=json", key: nil).status == 401)
        // A browser without a key is sent to sign in, and back here after.
        let browser = try await server.request("/operations/scorecard?month=2026-11", key: nil)
        #expect(browser.finalURL.contains("/warehouse/login?next=/operations/scorecard"), "\(browser.finalURL)")
        for (query, status) in [
            ("month=2026-13", 400), ("month=november", 400), ("retailer=nosuch", 404), ("format=csv", 400),
            ("format=xml", 400),
        ] {
            let reply = try await server.request("/operations/scorecard?\(query)", key: server.admin)
            #expect(reply.status == status, "\(query): \(reply.text)")
        }
        #expect(DropgateAPI.safeNext("/operations/scorecard?month=2026-11") != nil)
        #expect(DropgateAPI.safeNext("//operations.example/") == nil)
    }

    @Test("every reply, page, JSON and refusal, is one api/openapi.yaml documents; per-node figures are objects")
    func documented() async throws {
        let server = try await ScorecardServer.start(source: SourceCalls().source(ScorecardSample.scorecard))
        defer { Task { await server.stop() } }
        var records: [String] = []
        for (query, key) in [
            ("month=2026-11", server.admin), ("month=2026-11&format=json", server.admin),
            ("retailer=walmart&format=json", server.admin), ("format=json", server.warehouse), ("format=json", nil),
            ("month=2026-13&format=json", server.admin), ("retailer=nosuch&format=json", server.admin),
            ("format=csv", server.admin),
        ] {
            let reply = try await server.request("/operations/scorecard?\(query)", key: key)
            let record: [String: Any] = [
                "method": "GET", "path": "/operations/scorecard", "status": reply.status,
                "contentType": reply.headers["content-type"] ?? "", "body": reply.text,
            ]
            records.append(String(decoding: try JSONSerialization.data(withJSONObject: record), as: UTF8.self))
            if query == "month=2026-11&format=json" {
                // `{"EWR1": 10}`, not the flat array of keys and values a dictionary keyed by a DCID encodes as.
                #expect(reply.text.contains("\"unitsByNode\":{\"EWR1\":10}"), "\(reply.text)")
                #expect(try Self.decode(reply.text) == ScorecardSample.scorecard)
            }
        }
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("scorecard-replies-\(UUID()).jsonl")
        try Data(records.joined(separator: "\n").utf8).write(to: log)
        defer { try? FileManager.default.removeItem(at: log) }
        let check = try ChildProcess.run([
            "/usr/bin/env", "python3",
            ScorecardServer.root.appendingPathComponent("Tests/TestSupport/openapi_check.py").path,
            ScorecardServer.root.appendingPathComponent("api/openapi.yaml").path, log.path,
        ])
        let problems = check.text
        #expect(check.status == 0, "\(problems)")
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test("without a scorecard source the page answers 503 and says why; no gauges are exported")
    func noSource() async throws {
        let server = try await ScorecardServer.start(source: nil)
        defer { Task { await server.stop() } }
        for format in ["html", "json"] {
            let reply = try await server.request("/operations/scorecard?format=\(format)", key: server.admin)
            #expect(reply.status == 503, "\(reply.text)")
            #expect(reply.text.contains("the scorecard is not available"), "\(reply.text)")
        }
        let metrics = try await server.request("/metrics", key: nil)
        #expect(metrics.status == 200)
        #expect(!metrics.text.contains("dropgate_scorecard_"))
    }

    /// The value of the sample `name{labels}` in Prometheus text, if there is one.
    static func sample(_ text: String, _ series: String) -> Double? {
        for line in text.split(separator: "\n") where line.hasPrefix(series + " ") {
            return Double(line.dropFirst(series.count + 1))
        }
        return nil
    }

    @Test("the refresher takes the current month at start and on its timer; /metrics shows the figures as gauges")
    func gauges() async throws {
        let calls = SourceCalls()
        let server = try await ScorecardServer.start(
            source: calls.source(ScorecardSample.scorecard), interval: .milliseconds(100))
        defer { Task { await server.stop() } }
        var text = ""
        for _ in 0..<100 {
            text = try await server.request("/metrics", key: nil).text
            if calls.all.count >= 2 && text.contains("dropgate_scorecard_") { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(calls.all.count >= 2, "the timer turned")
        #expect(calls.all.allSatisfy { $0.month == nil && $0.retailer == nil && $0.asOf == ScorecardSample.asOf })
        let expected: [(String, Double)] = [
            ("dropgate_scorecard_orders{retailer=\"walmart\"}", 400),
            ("dropgate_scorecard_on_time_ship_rate{retailer=\"walmart\"}", 98.5),
            ("dropgate_scorecard_on_time_asn_rate{retailer=\"walmart\"}", 100),
            ("dropgate_scorecard_cancel_rate{retailer=\"walmart\"}", 0.5),
            ("dropgate_scorecard_unit_cancel_rate{retailer=\"walmart\"}", 0.5),
            ("dropgate_scorecard_fees_incurred{retailer=\"walmart\",currency=\"USD\"}", 25),
            ("dropgate_scorecard_fees_avoided{retailer=\"walmart\",currency=\"USD\"}", 60),
            ("dropgate_scorecard_fees_at_risk{retailer=\"walmart\",currency=\"USD\"}", 10),
            ("dropgate_scorecard_remaining_free{retailer=\"walmart\",violation=\"late-ship\"}", 3),
            ("dropgate_scorecard_remaining_free{retailer=\"walmart\",violation=\"cancel-for-stock\"}", 0),
            ("dropgate_scorecard_threshold{retailer=\"walmart\",metric=\"on-time-ship\"}", 99),
            ("dropgate_scorecard_orders{retailer=\"amazon\"}", 0),
        ]
        for (series, value) in expected {
            #expect(Self.sample(text, series) == value, "\(series)\n\(text)")
        }
        // Amazon has nothing due: its rates have no base and are absent, not 0.
        #expect(Self.sample(text, "dropgate_scorecard_on_time_ship_rate{retailer=\"amazon\"}") == nil)
        #expect(text.contains("# HELP dropgate_scorecard_on_time_ship_rate "))
    }

    @Test("a refresh takes away the gauges the new scorecard no longer sets")
    func gaugesReplaced() {
        let metrics = ServerMetrics(registry: PrometheusCollectorRegistry())
        let first = metrics.scorecard(ScorecardSample.scorecard)
        #expect(metrics.registry.emitToString().contains("retailer=\"amazon\""))
        var later = ScorecardSample.walmart
        later.total = ScorecardFigures(orders: 401, units: 1_001)
        later.fees = []
        metrics.scorecard(Scorecard(month: "2026-11", asOf: ScorecardSample.asOf, retailers: [later]), replacing: first)
        let text = metrics.registry.emitToString()
        #expect(!text.contains("retailer=\"amazon\""), "\(text)")
        #expect(Self.sample(text, "dropgate_scorecard_orders{retailer=\"walmart\"}") == 401)
        #expect(Self.sample(text, "dropgate_scorecard_on_time_ship_rate{retailer=\"walmart\"}") == nil)
        #expect(!text.contains("dropgate_scorecard_remaining_free{"))
    }

    static func tool(_ name: String) -> String? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// Run in the page: each retailer's plots as rendered, every tick and mark with its value and its row on the
    /// screen (a circle's centre, a bar's top, a line's row).
    static let readPlots = """
        Array.from(document.querySelectorAll('section.retailer')).map(section => ({
          retailer: section.dataset.retailer,
          plots: Array.from(section.querySelectorAll('svg.plot')).map(svg => {
            const row = e => { const r = e.getBoundingClientRect(); return e.tagName === 'rect' ? r.top : r.top + r.height / 2; };
            const t = svg.querySelector('line.threshold');
            return {
              width: svg.getBoundingClientRect().width,
              ticks: Array.from(svg.querySelectorAll('line[data-tick]')).map(l => ({ value: parseFloat(l.dataset.tick), y: row(l) })),
              marks: Array.from(svg.querySelectorAll('circle[data-value], rect[data-value]')).map(m => ({
                key: m.dataset.day || m.dataset.node, value: parseFloat(m.dataset.value), y: row(m) })),
              threshold: t ? { value: parseFloat(t.dataset.value), y: row(t) } : null,
            };
          }),
        }))
        """

    @Test("headless Chromium signs in with an admin key and renders the page; its plots read back at known points")
    func chromium() async throws {
        let chromium = try #require(Self.tool("chromium"), "chromium is not installed (make deps installs it)")
        let server = try await ScorecardServer.start(source: SourceCalls().source(ScorecardSample.scorecard))
        defer { Task { await server.stop() } }
        let artifacts = ScorecardServer.root.appendingPathComponent(".build/test-artifacts/scorecard-page")
        try FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
        let png = artifacts.appendingPathComponent("scorecard-2026-11.png")
        try? FileManager.default.removeItem(at: png)
        print("scorecard page screenshot: \(png.path)")
        let plan: [String: Any] = [
            "chromium": chromium, "base": "http://127.0.0.1:\(server.port)", "key": server.admin,
            "login": "/warehouse/login?next=/operations/scorecard?month=2026-11",
            "pages": [["url": "/operations/scorecard?month=2026-11", "png": png.path, "evaluate": Self.readPlots]],
            "width": 1024, "height": 768, "scale": 1, "timeout": 60,
        ]
        let planFile = server.folder.appendingPathComponent("chromium-plan.json")
        try JSONSerialization.data(withJSONObject: plan).write(to: planFile)
        let script = ScorecardServer.root.appendingPathComponent("Tests/TestSupport/chromium.py").path
        let errors = server.folder.appendingPathComponent("chromium.err").path
        let child = try SpawnedServer(
            ["/usr/bin/env", "python3", script, planFile.path], capturesOutput: true, errorFile: errors)
        let (output, status) = await child.outputUntilExit()
        try #require(
            status == 0, "chromium.py: \(status) \((try? String(contentsOfFile: errors, encoding: .utf8)) ?? "")")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        #expect(
            (report["login"] as? [String: Any])?["url"] as? String
                == "http://127.0.0.1:\(server.port)/operations/scorecard?month=2026-11")
        let page = try #require((report["pages"] as? [[String: Any]])?.first)
        #expect(
            (page["text"] as? String)?.contains("3 more late POs this month are free; the 4th costs $5.") == true)
        #expect((page["fontSize"] as? Double ?? 0) >= 18)
        #expect((page["minTarget"] as? Double ?? 0) >= 48, "\(page["minTarget"] ?? "")")
        #expect(FileManager.default.fileExists(atPath: png.path))

        let sections = try #require(page["evaluated"] as? [[String: Any]])
        #expect(sections.map { $0["retailer"] as? String } == ["walmart", "amazon"])
        let plots = try #require(sections.first?["plots"] as? [[String: Any]])
        try #require(plots.count == 3)
        var read: [[String: Double]] = []
        for plot in plots {
            #expect((plot["width"] as? Double ?? 0) > 300, "a plot is drawn at a readable size")
            let ticks = (plot["ticks"] as? [[String: Any]] ?? []).compactMap { tick -> (Double, Double)? in
                guard let value = tick["value"] as? Double, let y = tick["y"] as? Double else { return nil }
                return (value, y)
            }.sorted { $0.0 < $1.0 }
            let (low, high) = try #require(ticks.first.flatMap { low in ticks.last.map { (low, $0) } })
            try #require(high.0 > low.0)
            // The axis as drawn on the screen: value per pixel from the lowest and highest tick.
            let perPixel = (high.0 - low.0) / (low.1 - high.1)
            func value(_ y: Double) -> Double { low.0 + (low.1 - y) * perPixel }
            var values: [String: Double] = [:]
            for mark in plot["marks"] as? [[String: Any]] ?? [] {
                let (key, stated, y) = (
                    mark["key"] as? String ?? "", mark["value"] as? Double ?? .nan, mark["y"] as? Double ?? .nan
                )
                #expect(abs(value(y) - stated) <= perPixel * 1.5 + 1e-9, "\(key): \(stated) drawn at \(value(y))")
                values[key, default: 0] = max(values[key] ?? 0, value(y))
            }
            if let threshold = plot["threshold"] as? [String: Any] {
                let (stated, y) = (threshold["value"] as? Double ?? .nan, threshold["y"] as? Double ?? .nan)
                #expect(abs(value(y) - stated) <= perPixel * 1.5 + 1e-9, "threshold \(stated) drawn at \(value(y))")
            }
            read.append(values)
        }
        // Known points: Nov 1 all on time, Nov 3 7 of 8; EWR1 0.83% of units cancelled.
        #expect(abs((read[0]["2026-11-01"] ?? 0) - 100) < 1)
        #expect(abs((read[0]["2026-11-03"] ?? 0) - 87.5) < 1)
        #expect(read[0]["2026-11-02"] == nil)
        #expect(abs((read[1]["2026-11-03"] ?? 0) - 40) < 1)
        #expect(abs((read[2]["EWR1"] ?? 0) - 0.83) < 0.05)
    }
}
