import Foundation
import TestSupport
import Testing

/// Inputs the stream equivalence tests read: files beside the tests and interchanges built in code.
enum StreamInputs {
    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    /// The corpus files, or one name that fails the test when ../shared/corpus is absent.
    static var corpusFiles: [String] { Corpus.files.isEmpty ? ["(../shared/corpus/x12 is absent)"] : Corpus.files }

    /// fixtures/inbox/*.x12 and Fuzz/X12/corpus/*, relative to the package root.
    static let repositoryFiles: [String] = {
        func list(_ folder: String, suffix: String?) -> [String] {
            let names =
                (try? FileManager.default.contentsOfDirectory(atPath: packageRoot.appendingPathComponent(folder).path))
                ?? []
            return names.filter { suffix == nil || $0.hasSuffix(suffix ?? "") }.sorted().map { "\(folder)/\($0)" }
        }
        return list("fixtures/inbox", suffix: ".x12") + list("Fuzz/X12/corpus", suffix: nil)
    }()

    static func repositoryBytes(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: packageRoot.appendingPathComponent(path).path) else {
            Issue.record("\(path) is missing from the package")
            throw CocoaError(.fileNoSuchFile)
        }
        return [UInt8](data)
    }

    /// A mailbag: a BOM, interchanges with different delimiters, filler (CR LF, spaces, 0x1A) between them, one
    /// interchange of three groups with envelope faults (GE01 off, ST02 repeated, SE missing, GS06 repeated, IEA01
    /// off), one without IEA followed straight by the next ISA, and a trailing 0x1A.
    static let mailbag: [UInt8] = {
        var text = "\u{FEFF}" + Sample.purchaseOrder(lineBreak: "\r\n") + "\r\n\u{1A}"
        text += Sample.purchaseOrder(element: "|", component: "^", segment: "\n", controlNumber: "000000906") + "  \n"
        text += groups(control: "000000907")
        let noIEA = Sample.purchaseOrder(controlNumber: "000000908")
        text += String(noIEA[..<(noIEA.range(of: "IEA")?.lowerBound ?? noIEA.endIndex)])
        text += Sample.purchaseOrder(
            element: "\u{1D}", component: ":", segment: "\u{1C}", repetition: "^", version: "00501",
            controlNumber: "000000909")
        return Array(text.utf8) + [0x1A]
    }()

    /// One interchange of three groups of three 850s, with faults in the second group and a wrong IEA01.
    static func groups(control: String) -> String {
        var segments = [
            "ISA*00*          *00*          *ZZ*WALMART        *ZZ*HARBORPINE     *261124*1000*U*00401*\(control)*1*P*>"
        ]
        for group in 1...3 {
            segments.append("GS*PO*925485US00*HARBORPINE*20261124*1000*\(group == 3 ? 2 : group)*X*004010")
            for set in 1...3 {
                let control = String(format: "%04d", group == 2 && set == 3 ? 2 : set)
                segments += [
                    "ST*850*\(control)", "BEG*00*DS*PO\(group)\(set)**20261124",
                    "PO1*1*2*EA*12.5**VN*HP-1*UP*084512000017", "CTT*1",
                ]
                if !(group == 2 && set == 1) { segments.append("SE*5*\(control)") }
            }
            segments.append("GE*\(group == 2 ? 4 : 3)*\(group == 3 ? 2 : group)")
        }
        segments.append("IEA*4*\(control)")
        return segments.map { $0 + "~\n" }.joined()
    }
}
