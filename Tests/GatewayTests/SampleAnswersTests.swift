import Foundation
import FoundationXML
import Gateway
import OrderX12
import Orders
import Profiles
import Routing
import TestSupport
import Testing
import X12

/// The sample inbox run through the gateway at the sample clock, with what came in beside what went out, so that
/// every element we send can be checked against what it answers and what the retailer's profile says.
struct SampleRun {
    let world: SampleWorld
    let reports: [DocumentReport]
    /// Each inbound X12 file's document, by file name.
    let inbound: [String: X12Document]

    init() async throws {
        world = try SampleWorld()
        let gateway = try await world.gateway()
        let inbox = SampleWorld.root.appendingPathComponent("fixtures/inbox")
        let names = try FileManager.default.contentsOfDirectory(atPath: inbox.path).filter { !$0.hasSuffix(".md") }
            .sorted()
        var reports: [DocumentReport] = []
        var inbound: [String: X12Document] = [:]
        for name in names {
            let file = inbox.appendingPathComponent(name)
            reports.append(await gateway.process(file: file, receivedAt: SampleWorld.clock))
            let bytes = try [UInt8](Data(contentsOf: file))
            if name.hasSuffix(".x12") { inbound[name] = try X12Document(bytes: bytes) }
        }
        self.reports = reports
        self.inbound = inbound
    }

    /// Every file written under `area` (`acks`, `answers`), as (retailer folder, file name, bytes).
    func written(_ area: String) throws -> [(retailer: String, name: String, bytes: [UInt8])] {
        let root = world.folder.appendingPathComponent(area)
        var files: [(String, String, [UInt8])] = []
        for retailer in try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() {
            let folder = root.appendingPathComponent(retailer)
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
                files.append((retailer, name, try [UInt8](Data(contentsOf: folder.appendingPathComponent(name)))))
            }
        }
        return files
    }

    func profile(_ retailer: String) throws -> RetailerProfile {
        try #require(world.profiles[RetailerID(retailer)], "no profile \(retailer)")
    }

    /// The inbound 850 set that carried `po`, with its document.
    func inbound850(_ po: String) throws -> (document: X12Document, segments: [X12Segment]) {
        for document in inbound.values {
            for context in document.transactionSets where context.set.id == "850" {
                let segments = document.segments(of: context.set)
                if segments.first(where: { $0.id == "BEG" })?.element(3)?.text == po { return (document, segments) }
            }
        }
        throw SampleRunError.noInbound(po)
    }

    enum SampleRunError: Error { case noInbound(String) }

    /// The decision made for `po`.
    func decision(_ po: String) -> RoutingDecision? {
        for report in reports {
            for order in report.orders where order.poNumber?.rawValue == po {
                if case .decided(let decision) = order.result { return decision }
            }
        }
        return nil
    }
}

extension X12Document {
    func all(_ id: String) -> [X12Segment] { (0..<segmentCount).map(segment).filter { $0.id == id } }
    func first(_ id: String) -> X12Segment? { all(id).first }
}

extension X12Segment {
    func text(_ position: Int) -> String? { element(position)?.text }
    /// Elements from `position` to the last, as text.
    func texts(from position: Int) -> [String] {
        var result: [String] = []
        var index = position
        while let element = element(index) {
            result.append(element.text)
            index += 1
        }
        return result
    }
}

@Suite("What the gateway sends each sample retailer, element by element")
struct SampleAnswersTests {
    @Test("every X12 document is written as its retailer's profile says: separators, line ending, one release")
    func profileFormat() async throws {
        let run = try await SampleRun()
        let files = try run.written("acks") + run.written("answers").filter { $0.name.hasSuffix(".x12") }
        #expect(files.count == 14, "\(files.map(\.name))")
        for file in files {
            let profile = try run.profile(file.retailer)
            let delimiters = try #require(profile.identity.delimiters)
            let document = try X12Document(bytes: file.bytes)
            let report = X12Validator().validate(document)
            #expect(report.errors.isEmpty, "\(file.name): \(report.errors.map(\.description))")
            // And by a reader that shares nothing with ours, on its own grammar of the release.
            let independent = try IndependentX12Reader.check(file.bytes)
            #expect(independent.passed, "\(file.retailer)/\(file.name): \(independent)")
            let interchange = try #require(document.interchanges.first)
            #expect(interchange.delimiters.element == delimiters.element.utf8.first, "\(file.name)")
            #expect(interchange.delimiters.component == delimiters.component.utf8.first, "\(file.name)")
            #expect(interchange.delimiters.segment == delimiters.segment.utf8.first, "\(file.name)")
            // Every terminator is followed by exactly the profile's line ending, and no other line break appears.
            let terminator = String(delimiters.segment)
            let text = String(decoding: file.bytes, as: UTF8.self)
            let ending = String(decoding: delimiters.lineEnding.bytes, as: UTF8.self)
            #expect(
                text.components(separatedBy: terminator + ending).count - 1 == document.segmentCount, "\(file.name)")
            let breaks = text.filter { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }.count
            #expect(breaks == (delimiters.lineEnding == .none ? 0 : document.segmentCount), "\(file.name)")
            // One release: ISA12 is GS08's, ISA11 the repetition separator from 00402 on and U before it.
            let header = interchange.header
            let group = try #require(interchange.groups.first)
            let them = try #require(profile.identity.interchange.first)
            #expect(header.version == String(group.version.base.prefix(5)), "\(file.name)")
            if header.version >= "00402" {
                #expect(header.repetitionOrStandards == (delimiters.repetition ?? "^"), "\(file.name)")
            } else {
                #expect(header.repetitionOrStandards == "U", "\(file.name)")
            }
            // The release the retailer sent in (no sample profile pins one).
            let sent = run.inbound.values.compactMap(\.interchanges.first).first {
                $0.header.senderID == them.id
            }?.groups.first?.version
            #expect(group.version == sent, "\(file.name): GS08 \(group.version) answers \(sent?.rawValue ?? "-")")
            // Identities: ours as the inbound named us, theirs as the profile claims them.
            #expect(header.senderQualifier == "ZZ" && header.senderID == "HARBORPINE", "\(file.name)")
            #expect(header.receiverQualifier == them.qualifier && header.receiverID == them.id, "\(file.name)")
            #expect(group.senderCode == "HARBORPINE" && group.receiverCode == profile.identity.group.first)
            #expect(header.usage == "P")
            // Nothing of ours in words: no MSG or NTE free text.
            #expect(document.all("MSG").isEmpty && document.all("NTE").isEmpty, "\(file.name)")
        }
    }

    @Test("each 997 acknowledges the group and every set it answers, with the counts of what was accepted")
    func functionalAcknowledgements() async throws {
        let run = try await SampleRun()
        let acks = try run.written("acks")
        for (name, inbound) in run.inbound {
            let interchange = try #require(inbound.interchanges.first)
            let group = try #require(interchange.groups.first)
            let header = interchange.header
            let sender = PartnerIdentity(qualifier: header.senderQualifier, id: header.senderID)
            let retailer = try #require(run.world.profiles.profile(interchangeSender: sender)?.id.rawValue)
            let ack = try #require(
                acks.first { $0.retailer == retailer && $0.name == "997-\(interchange.header.controlNumber).x12" },
                "no 997 for \(name)")
            let document = try X12Document(bytes: ack.bytes)
            let reply = try #require(document.interchanges.first?.groups.first)
            #expect(reply.functionalID == "FA")
            #expect(reply.sets.map(\.id) == ["997"])
            let ak1 = try #require(document.first("AK1"))
            #expect(ak1.text(1) == group.functionalID)
            #expect(ak1.text(2) == group.controlNumber)
            #expect(ak1.text(3) == (group.version.isAtLeast5010 ? group.version.rawValue : nil), "AK103 from 005010")
            let ak2 = document.all("AK2")
            #expect(ak2.map { $0.text(1) } == group.sets.map(\.id))
            #expect(ak2.map { $0.text(2) } == group.sets.map(\.controlNumber))
            let ak5 = document.all("AK5").map { $0.text(1) ?? "" }
            let accepted = ak5.filter { $0 == "A" || $0 == "E" }.count
            let ak9 = try #require(document.first("AK9"))
            #expect(ak9.text(2) == String(group.sets.count))
            #expect(ak9.text(3) == String(group.sets.count))
            #expect(ak9.text(4) == String(accepted))
            let broken = name.hasPrefix("broken")
            #expect(ak5 == (broken ? ["A", "R"] : Array(repeating: "A", count: group.sets.count)), "\(name)")
            #expect(ak9.text(1) == (broken ? "P" : "A"), "\(name)")
        }
    }

    /// What each sample PO's 855 must say: BAK02 and, per line written, ACK01 and ACK02; nil for no 855.
    static let expected855: [(po: String, retailer: String, bak02: String?, lines: [(String, String, String)])] = [
        ("D8kTqR2mW", "amazon", "AD", [("1", "IA", "2"), ("2", "IA", "1")]),
        ("D3vNcY8pL", "amazon", "AD", [("1", "IA", "1"), ("2", "IA", "2")]),
        ("DqH6sZ4bK", "amazon", "RD", [("1", "IR", "1"), ("2", "IR", "1")]),
        ("4792183650", "walmart", "AK", []),
        ("4792201188", "walmart", "AK", []),
        ("4792230071", "walmart", "AK", []),
        ("4792190417", "walmart", "RJ", []),
        ("4792215503", "walmart", "RJ", []),
        // Its set failed validation (SE01): refused as sent, beside the 997's AK5 R.
        ("4792230086", "walmart", "RJ", []),
        // Home Depot takes cancellations only: the cancelled line alone, and nothing for POs that ship whole.
        ("31846207", "homedepot", "AE", [("3", "IR", "1")]),
        ("31846519", "homedepot", nil, []),
        ("31847083", "homedepot", nil, []),
    ]

    @Test("each 855 says what was decided in the profile's codes, and echoes the PO as the retailer wrote it")
    func purchaseOrderAcknowledgements() async throws {
        let run = try await SampleRun()
        let answers = try run.written("answers")
        for expected in Self.expected855 {
            let file = answers.first { $0.retailer == expected.retailer && $0.name == "855-\(expected.po).x12" }
            guard let bak02 = expected.bak02 else {
                #expect(file == nil, "\(expected.po): no 855 expected")
                continue
            }
            let bytes = try #require(file?.bytes, "\(expected.po): no 855")
            let document = try X12Document(bytes: bytes)
            let (_, inbound) = try run.inbound850(expected.po)
            let beg = try #require(inbound.first { $0.id == "BEG" })
            let bak = try #require(document.first("BAK"))
            #expect(bak.text(1) == "00", "\(expected.po): an original")
            #expect(bak.text(2) == bak02, "\(expected.po)")
            #expect(bak.text(3) == expected.po)
            #expect(bak.text(4) == beg.text(5), "\(expected.po): BAK04 is the PO's date, BEG05")
            #expect(bak.text(9) == "20261124", "\(expected.po): BAK09 is the day it was acknowledged")
            let po1 = document.all("PO1")
            let ack = document.all("ACK")
            #expect(po1.map { $0.text(1) ?? "" } == expected.lines.map(\.0), "\(expected.po)")
            #expect(ack.map { $0.text(1) ?? "" } == expected.lines.map(\.1), "\(expected.po)")
            #expect(ack.map { $0.text(2) ?? "" } == expected.lines.map(\.2), "\(expected.po)")
            for line in po1 {
                // The PO1 answered, element by element: number, quantity, unit, price, every item number pair.
                let ordered = try #require(inbound.first { $0.id == "PO1" && $0.text(1) == line.text(1) })
                #expect(line.texts(from: 1) == ordered.texts(from: 1), "\(expected.po) line \(line.text(1) ?? "")")
            }
            for segment in ack { #expect(segment.text(3) == "EA") }
            if po1.isEmpty {
                #expect(document.first("CTT") == nil)
            } else {
                #expect(document.first("CTT")?.text(1) == String(po1.count))
            }
        }
    }

    @Test("a line's ACK01 is the profile's code for the real reason it does not ship")
    func reasonCodes() async throws {
        // Amazon's profile maps unknown items to R2: a PO for an item we do not carry is answered R2, not IR.
        let run = try await SampleRun()
        let gateway = try await run.world.gateway()
        let text = """
            ISA*00*          *00*          *ZZ*AMAZONDS       *ZZ*HARBORPINE     *261124*0715*^*00501*000060001*0*P*:~\
            GS*PO*AMAZONDS*HARBORPINE*20261124*0715*60001*X*005010~ST*850*0001~BEG*00*DS*R2TEST01**20261124~\
            TD5*O*2*UPSN*M*UPS GROUND*******SG~N1*ST*Maya Okafor~N3*418 7th Ave~N4*Brooklyn*NY*11215*US~\
            PO1*1*1*EA*13.99**BP*B0NOTOURS1*VN*NO-SUCH-SKU~CTT*1~SE*9*0001~GE*1*60001~IEA*1*000060001~
            """
        let report = await gateway.process(Array(text.utf8), origin: "r2.x12", receivedAt: SampleWorld.clock)
        #expect(report.problems.isEmpty, "\(report.problems)")
        let written = try #require(report.written.first { $0.lastPathComponent == "855-R2TEST01.x12" })
        let bytes = try [UInt8](Data(contentsOf: written))
        #expect(try IndependentX12Reader.check(bytes).passed)
        let document = try X12Document(bytes: bytes)
        #expect(document.first("BAK")?.text(2) == "RD")
        #expect(document.first("ACK")?.text(1) == "R2")
        #expect(document.first("PO1")?.texts(from: 6) == ["BP", "B0NOTOURS1", "VN", "NO-SUCH-SKU"])
    }

    @Test("a cXML confirmation gives each line its own shipment's pickup and the profile's words for a refusal")
    func confirmations() async throws {
        let run = try await SampleRun()
        let answers = try run.written("answers").filter { $0.name.hasSuffix(".xml") }
        #expect(
            answers.map(\.name) == [
                "confirmation-8841207-A.xml", "confirmation-8841362-A.xml", "confirmation-8841590-A.xml",
            ])
        let iso = ISO8601DateFormatter()
        for file in answers {
            let po = String(file.name.dropFirst("confirmation-".count).dropLast(".xml".count))
            let xml = try XMLDocument(data: Data(file.bytes))
            let header = try #require(try xml.nodes(forXPath: "//ConfirmationHeader").first as? XMLElement)
            let items = try xml.nodes(forXPath: "//ConfirmationItem").compactMap { $0 as? XMLElement }
            let decision = try #require(run.decision(po))
            for item in items {
                let line = try #require(item.attribute(forName: "lineNumber")?.stringValue)
                let status = try #require(item.elements(forName: "ConfirmationStatus").first)
                let shipment = decision.shipments.first { $0.lines.contains { $0.lineNumber == line } }
                if let shipment {
                    #expect(status.attribute(forName: "type")?.stringValue == "accept")
                    let date = status.attribute(forName: "shipmentDate")?.stringValue.flatMap(iso.date(from:))
                    #expect(date == shipment.shipAt, "\(po) line \(line): the pickup at \(shipment.node)")
                } else {
                    #expect(status.attribute(forName: "type")?.stringValue == "reject")
                }
            }
            switch po {
            case "8841207-A":
                #expect(header.attribute(forName: "type")?.stringValue == "accept")
            case "8841362-A":
                // A split: the lines leave from two nodes, each at its own pickup.
                #expect(Set(decision.shipments.map(\.shipAt)).count == 2)
            default:
                #expect(header.attribute(forName: "type")?.stringValue == "reject")
                let comments = try xml.nodes(forXPath: "//Comments").compactMap(\.stringValue)
                #expect(comments.contains("More than 5 units of one item in an order"), "\(comments)")
                #expect(!comments.contains { $0.contains("line ") || $0.contains("exceeds") }, "our words: \(comments)")
            }
        }
    }
}
