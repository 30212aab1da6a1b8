import Foundation
import Gateway
import Logging
import Orders
import Profiles
import Routing
import Store
import Testing
import X12

/// The sample world with one profile's text edited, loaded with the answer writers' rules.
func editedWorld(_ retailer: String, _ edit: (String) -> String) throws(ProfileErrors) -> ProfileSet {
    let root = SampleWorld.root
    func file(_ path: String) -> SourceFile {
        SourceFile(
            name: path,
            text: (try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)) ?? "")
    }
    let profiles = ["amazon", "bestbuy", "homedepot", "walmart"].map { name in
        var source = file("retailer-profiles/\(name).yaml")
        if name == retailer { source.text = edit(source.text) }
        return source
    }
    return try ProfileSet.load(
        profiles: profiles, network: file("fixtures/network.yaml"), catalog: file("fixtures/items.csv"),
        rules: ProfileRule.answerWriters)
}

@Suite("One release per reply, and profiles that ask for what cannot be written")
struct ReplyVersionTests {
    /// Walmart (its profile: 004010, no repetition separator) sending a 005010 interchange.
    static let walmart5010 = """
        ISA*00*          *00*          *08*925485US00     *ZZ*HARBORPINE     *261124*0600*^*00501*000018300*0*P*>~
        GS*PO*925485US00*HARBORPINE*20261124*0600*18300*X*005010~
        ST*850*0001~
        BEG*00*DS*4792299001**20261124~
        N1*ST*Jane Doe~
        N3*12 Elm St~
        N4*Springfield*IL*62704*US~
        N1*SF*Harbor & Pine EWR1*92*EWR1~
        PO1*1*1*EA*19.99**VN*HP-10001~
        CTT*1~
        SE*9*0001~
        GE*1*18300~
        IEA*1*000018300~

        """

    func answer(with profiles: ProfileSet) async throws -> X12Document {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dropgate-version-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let gateway = Gateway(
            profiles: profiles, store: try SQLiteStore(path: folder.appendingPathComponent("s.sqlite").path),
            output: OutputFolder(root: folder), logger: Logger(label: "test"))
        let report = await gateway.process(Array(Self.walmart5010.utf8), origin: "w.x12", receivedAt: SampleWorld.clock)
        let ack = try #require(report.written.first { $0.lastPathComponent.hasPrefix("997-") })
        return try X12Document(bytes: [UInt8](Data(contentsOf: ack)))
    }

    @Test("a 997 answers a 005010 interchange in 005010, with a repetition separator in ISA11, not U")
    func inboundRelease() async throws {
        let document = try await answer(with: try editedWorld("walmart") { $0 })
        let header = try #require(document.interchanges.first?.header)
        #expect(header.version == "00501")
        #expect(header.repetitionOrStandards != "U")
        #expect(document.interchanges.first?.delimiters.repetition != nil)
        #expect(document.interchanges.first?.groups.first?.version.rawValue == "005010")
        #expect(document.first("AK1")?.text(3) == "005010", "AK103 exists from 005010 on")
        #expect(X12Validator().validate(document).errors.isEmpty)
    }

    @Test("a profile that pins x12-reply-version gets every reply in that release, ISA11 U under 00401")
    func pinnedRelease() async throws {
        let world = try editedWorld("walmart") {
            $0.replacingOccurrences(
                of: "  x12-version: \"004010\"", with: "  x12-version: \"004010\"\n  x12-reply-version: \"004010\"")
        }
        let document = try await answer(with: world)
        let header = try #require(document.interchanges.first?.header)
        #expect(header.version == "00401")
        #expect(header.repetitionOrStandards == "U")
        #expect(document.interchanges.first?.groups.first?.version.rawValue == "004010")
        #expect(document.first("AK1")?.text(3) == nil, "no AK103 in 004010")
        #expect(X12Validator().validate(document).errors.isEmpty)
    }

    @Test(
        "profiles check names what the writers cannot send, at the key that asks for it",
        arguments: [
            ("  unknown-item: IR\n", "  unknown-item: XX\n", "reason-codes.unknown-item: 'XX' cannot be sent"),
            ("    required: true\n", "    required: true\n", ""),
            ("    kinds: [accept, reject, cancel]", "    kinds: [reject, cancel]", "'accept' is not among the kinds"),
            (
                "  x12-version: \"004010\"", "  x12-version: \"004010\"\n  x12-reply-version: \"003040\"",
                "no tables to write release 003040"
            ),
        ])
    func inexpressible(original: String, replacement: String, message: String) throws {
        do {
            _ = try editedWorld("walmart") { $0.replacingOccurrences(of: original, with: replacement) }
            #expect(message.isEmpty, "expected a problem: \(message)")
        } catch {
            let found = error.errors.filter { $0.message.contains(message) }
            #expect(!message.isEmpty && found.count == 1, "\(error.errors.map(\.description))")
            let problem = try #require(found.first)
            #expect(problem.file == "retailer-profiles/walmart.yaml")
            let text = try String(
                contentsOf: SampleWorld.root.appendingPathComponent("retailer-profiles/walmart.yaml"), encoding: .utf8
            ).replacingOccurrences(of: original, with: replacement)
            let line = text.split(separator: "\n", omittingEmptySubsequences: false)[problem.line - 1]
            #expect(replacement.contains(line.trimmingCharacters(in: .whitespaces).prefix(8)), "reported at \(line)")
        }
    }
}
