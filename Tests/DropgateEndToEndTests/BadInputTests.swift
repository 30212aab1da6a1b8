import Foundation
import TestSupport
import Testing

@Suite("bad input: truncated, garbled, binary, empty and hostile files in a batch with good ones", .serialized)
struct BadInputTests {
    /// How a bad file must come out: answered (a TA1 or 997/999 that rejects, or accepts what could be read), or
    /// not answerable because no ISA can be read.
    enum Answer: Equatable {
        case rejected, accepted, none
    }

    struct Case {
        var name: String
        var bytes: [UInt8]
        var answer: Answer
        /// POs in it that must not be decided (their interchange is rejected).
        var undecided: [String] = []
        /// POs in it that must be decided all the same (sound interchanges beside the damage).
        var decided: [String] = []
    }

    static func cases(_ generator: inout PurchaseOrderGenerator) -> (bad: [Case], good: [Case]) {
        var random = SplitMix(seed: 0xBAD_1297)
        func noise(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) } }
        func text(_ interchange: PurchaseOrderGenerator.Interchange) -> String {
            String(decoding: interchange.bytes, as: UTF8.self)
        }
        let truncated = generator.interchange(for: .walmart, orders: 3)
        let garbled = generator.interchange(for: .homedepot, orders: 3)
        let huge = generator.interchange(for: .amazon, orders: 2)
        let nested = generator.interchange(for: .walmart, orders: 2)
        let soup = generator.interchange(for: .homedepot, orders: 2)
        let trailing = generator.interchange(for: .amazon, orders: 3)
        var garbledBytes = garbled.bytes
        for index in stride(from: 200, to: garbledBytes.count, by: 37) {
            garbledBytes[index] = UInt8(truncatingIfNeeded: random.next())
        }
        let hugeText = text(huge).replacingOccurrences(
            of: "~N3*", with: "~N3*" + String(repeating: "A", count: 2 << 20) + " ", options: [], range: nil)
        // Envelopes out of order: an ST before any GS, a GE for a group never opened, a second ISA inside a set.
        let soupText = text(soup).replacingOccurrences(of: "GS|PO|", with: "ST|850|0000~\r\nGE|1|1~\r\nGS|PO|")
        let bomb = """
            <?xml version="1.0"?>
            <!DOCTYPE cXML [
             <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
             <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
             <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
             <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
             <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
             <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
            ]>
            <cXML payloadID="bomb@example.test" timestamp="2026-11-24T09:05:00-05:00"><Header/><Request>
            <OrderRequest><OrderRequestHeader orderID="&f;" orderDate="2026-11-24"/></OrderRequest></Request></cXML>
            """
        let bestBuy =
            (try? Data(
                contentsOf: DropgateCommand.packageRoot.appendingPathComponent(
                    "fixtures/inbox/bestbuy-20261124-0905.xml"))).map { [UInt8]($0) } ?? []
        let external = String(decoding: bestBuy, as: UTF8.self).replacingOccurrences(
            of: "<cXML", with: "<!DOCTYPE cXML [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>\n<cXML"
        )
        .replacingOccurrences(of: "8841207-A", with: "&secret;")
        let bad = [
            Case(name: "empty.x12", bytes: [], answer: .none),
            Case(
                name: "truncated.x12", bytes: Array(truncated.bytes.prefix(truncated.bytes.count * 2 / 3)),
                answer: .rejected, undecided: truncated.orders.map(\.poNumber)),
            Case(name: "truncated-isa.x12", bytes: Array(truncated.bytes.prefix(60)), answer: .none),
            Case(name: "garbled.x12", bytes: garbledBytes, answer: .rejected),
            Case(name: "binary.bin", bytes: noise(4096), answer: .none),
            Case(name: "png.x12", bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + noise(600), answer: .none),
            Case(
                name: "huge-segment.x12", bytes: Array(hugeText.utf8), answer: .rejected,
                undecided: huge.orders.map(\.poNumber)),
            Case(
                name: "nested-isa.x12",
                bytes: Array(
                    text(nested).replacingOccurrences(of: "CUR*BY*USD~\n", with: "CUR*BY*USD~\nISA*00*junk~\nGS*PO~\n")
                        .utf8), answer: .rejected, undecided: nested.orders.map(\.poNumber)),
            Case(name: "envelope-soup.x12", bytes: Array(soupText.utf8), answer: .rejected),
            Case(
                name: "trailing-garbage.x12", bytes: trailing.bytes + [0x00, 0x01] + noise(300), answer: .accepted,
                decided: trailing.orders.map(\.poNumber)),
            Case(
                name: "utf16.x12", bytes: Array(text(truncated).utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }),
                answer: .none),
            Case(name: "entity-bomb.xml", bytes: Array(bomb.utf8), answer: .none),
            Case(name: "external-entity.xml", bytes: Array(external.utf8), answer: .none),
            Case(name: "truncated.xml", bytes: Array(bestBuy.prefix(bestBuy.count / 2)), answer: .none),
            Case(name: "not-a-po.xml", bytes: Array("<html><body>404</body></html>".utf8), answer: .none),
        ]
        let good =
            [
                generator.interchange(for: .walmart, orders: 4), generator.interchange(for: .amazon, orders: 4),
                generator.interchange(for: .homedepot, orders: 4),
            ].map {
                Case(
                    name: "good-\($0.retailer).x12", bytes: $0.bytes, answer: .accepted,
                    decided: $0.orders.map(\.poNumber))
            } + [Case(name: "good-bestbuy.xml", bytes: bestBuy, answer: .none, decided: ["8841207-A"])]
        return (bad, good)
    }

    @Test(
        "every file is kept and reported, answered as rejected where an ISA can be read, and the good ones are decided"
    )
    func badFilesAmongGoodOnes() throws {
        let world = try IngestWorld()
        defer { world.remove() }
        var generator = PurchaseOrderGenerator(seed: 0xBAD_0001, catalog: try SampleCatalog.load())
        let (bad, good) = Self.cases(&generator)
        // Good and bad taking turns, so that a bad file never gets the end of a batch to itself.
        var batch: [Case] = []
        for index in 0..<max(bad.count, good.count) {
            if index < bad.count { batch.append(bad[index]) }
            if index < good.count { batch.append(good[index]) }
        }
        let files = try world.write(batch.map { ($0.name, $0.bytes) }, into: "batch")
        let database = try world.store("bad.sqlite")
        let started = Date()
        let result = try world.ingest(files, database: database, json: true)
        let elapsed = Date().timeIntervalSince(started)
        #expect(result.status == 1, "a batch with rejected documents exits 1: \(result.stderr.prefix(1_000))")
        #expect(elapsed < 60, "the batch took \(elapsed) s")
        let reports = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]],
            "no JSON: \(result.stdout.prefix(1_000))")
        let store = StoreInspector(database)

        // Every file kept, byte for byte, once.
        #expect(try store.integer("SELECT count(*) FROM inbound_document") == batch.count)
        #expect(try store.integer("SELECT count(*) FROM inbound_document WHERE finished = 0") == 0)
        for file in batch {
            let report = reports.first { $0["origin"] as? String == file.name }
            let document = try #require(report?["document"] as? Int, "\(file.name) was not kept: \(report ?? [:])")
            // A file larger than a part of the store (the huge segment) is kept in parts: put together, the file.
            let kept = try store.keptBytes(of: document)
            #expect(kept.count == file.bytes.count, "\(file.name) kept as \(kept.count) bytes")
            #expect(kept == file.bytes, "\(file.name) kept byte for byte")

            // Answered where an ISA can be read: a TA1 or a 997 that rejects, or accepts what was sound.
            let answers = try store.lines(
                """
                SELECT kind || ' ' || replace(replace(CAST(bytes AS TEXT), char(13), ''), char(10), '') FROM outbox
                WHERE in_reply_to = \(document) AND kind IN ('TA1', '997', '999')
                """)
            let isBad = bad.contains { $0.name == file.name }
            let status = report?["status"] as? String ?? "?"
            let problems = report?["problems"] as? [String] ?? []
            switch file.answer {
            case .none:
                #expect(answers.isEmpty, "\(file.name): \(answers)")
            case .rejected:
                let rejects = answers.contains {
                    $0.hasPrefix("TA1") && ($0.contains("*R*") || $0.contains("|R|"))
                        || $0.contains("AK9*R") || $0.contains("AK9|R") || $0.contains("AK5*R") || $0.contains("AK5|R")
                }
                #expect(rejects, "\(file.name) is not answered with a rejection: \(answers)")
            case .accepted:
                #expect(answers.count == 1 && answers[0].hasPrefix("997"), "\(file.name): \(answers)")
            }
            if isBad {
                #expect(!problems.isEmpty, "\(file.name) is reported without a problem: \(status)")
                #expect(status != "accepted", "\(file.name) is \(status)")
            } else {
                #expect(problems.isEmpty && status == "accepted", "\(file.name): \(status) \(problems)")
            }
            for po in file.decided {
                #expect(
                    try store.integer("SELECT count(*) FROM purchase_order WHERE po_number = '\(po)'") == 1,
                    "\(file.name): \(po) was not decided")
            }
            for po in file.undecided {
                #expect(
                    try store.integer("SELECT count(*) FROM purchase_order WHERE po_number = '\(po)'") == 0,
                    "\(file.name): \(po) was decided though its interchange was rejected")
            }
        }
        // Hostile XML never reaches the orders: no entity is expanded, no file read.
        #expect(try store.integer("SELECT count(*) FROM purchase_order WHERE order_json LIKE '%aaaaaaaaaa%'") == 0)
        #expect(try store.integer("SELECT count(*) FROM purchase_order WHERE order_json LIKE '%root:%'") == 0)
        #expect(try store.brokenInvariants().isEmpty)
        print("bad input: \(batch.count) files (\(bad.count) bad) in \(String(format: "%.1f", elapsed)) s")
    }
}
