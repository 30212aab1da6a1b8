import Foundation
import Testing

@testable import X12

/// A set whose sequence of segment IDs was seen right before is not walked again; what it reports must be what a
/// walk reports.
@Suite("Validation by known set shapes")
struct SetShapeTests {
    /// One group of 850s: the same shape again and again, with element problems (a bad date, a code not in its
    /// list, a value too long, a missing mandatory element), and shapes with structural problems in between (a
    /// segment out of order, one missing, one unknown, a loop repeated past its limit is not needed: the walk's
    /// other problems stand for it).
    static let sets: [[String]] = {
        let good = ["BEG*00*DS*PO1**20261124", "PO1*1*2*EA*12.5**VN*HP-1", "CTT*1"]
        return [
            good,
            ["BEG*00*DS*PO2**20261399", "PO1*1*2*EA*12.5**VN*HP-1", "CTT*1"],  // bad date
            ["BEG*00*XX*PO3**20261124", "PO1*1*2*EA*12.5**VN*HP-1", "CTT*1"],  // BEG02 not in its list
            ["BEG*00*DS*PO4**20261124", "PO1*1*2*EA*12.5**VN*HP-1", "CTT*1234567"],  // CTT01 too long
            ["BEG*00*DS***20261124", "PO1*1*2*EA*12.5**VN*HP-1", "CTT*1"],  // BEG03 missing
            ["PO1*1*2*EA*12.5**VN*HP-1", "BEG*00*DS*PO6**20261124", "CTT*1"],  // out of order
            ["BEG*00*DS*PO7**20261124", "CTT*1"],  // PO1 missing
            ["BEG*00*DS*PO8**20261124", "ZZZ*1", "PO1*1*2*EA*12.5**VN*HP-1", "CTT*1"],  // unknown segment
            good,
            ["BEG*00*DS*PO9**20261124", "PO1*1*2*EA*12.5**VN*HP-1", "PO1*2*1*EA*3**VN*HP-2", "CTT*2"],
            ["BEG*00*DS*PO10**20261124", "PO1*1*2*EA*12.5**VN*HP-1", "PO1*2*1*EA*3**VN*HP-2", "CTT*X"],
            ["BEG*00*DS*PO11**20261124", "N1*ST*KAREN", "PO1*1*2*EA*12.5**VN*HP-1", "CTT*1"],
            // A clean PO1, then one alike in its first and last sixteen bytes with a control byte between: the
            // clean-segment table must not take the second for the first.
            ["BEG*00*DS*PO13**20261124", "PO1*1*2*EA*12.5**VN*HP-10001*UP*084512000017", "CTT*1"],
            ["BEG*00*DS*PO14**20261124", "PO1*1*2*EA*12.5**VN*HP-1\u{1}001*UP*084512000017", "CTT*1"],
            // A known shape with a segment ID that is not one: NUL before N1 reads as N1's code, but is no ID.
            ["BEG*00*DS*PO12**20261124", "\u{0}N1*ST*KAREN", "PO1*1*2*EA*12.5**VN*HP-1", "CTT*1"],
        ]
    }()

    static func interchange(_ sets: [[String]]) -> [UInt8] {
        var segments = [
            "ISA*00*          *00*          *ZZ*WALMART        *ZZ*HARBORPINE     *261124*1000*U*00401*000000905*0*P*>",
            "GS*PO*925485US00*HARBORPINE*20261124*1000*7*X*004010",
        ]
        for (offset, body) in sets.enumerated() {
            let control = String(format: "%04d", offset + 1)
            segments += ["ST*850*\(control)"] + body + ["SE*\(body.count + 2)*\(control)"]
        }
        segments += ["GE*\(sets.count)*7", "IEA*1*000000905"]
        return Array(segments.map { $0 + "~" }.joined().utf8)
    }

    @Test("a document of sets of known shapes reports what each set reports on its own")
    func sameReport() throws {
        let document = try X12Document(bytes: Self.interchange(Self.sets))
        let together = X12Validator().validate(document)
        #expect(!together.errors.isEmpty)
        // Each set alone, in a document of its own: no shape is known to its walk.
        var alone: [X12Error.Kind] = []
        for body in Self.sets {
            alone += X12Validator().validate(try X12Document(bytes: Self.interchange([body]))).errors.map(\.kind)
        }
        // Set-level problems only (the single-set documents differ from the whole in their envelope counts).
        #expect(together.errors.map(\.kind) == alone)
        // The NUL before N1 is reported in the last set, whose shape is known by then.
        #expect(together.errors.last { $0.kind == .unrecognizedSegmentID }?.location.set == Self.sets.count - 1)
        // The control byte inside PO14's PO107.
        #expect(together.errors.contains { $0.kind == .invalidCharacter && $0.location.set == Self.sets.count - 2 })
        // The same document again, the sets in reverse order: every shape met first where it was met last.
        let reversed = try X12Document(bytes: Self.interchange(Self.sets.reversed()))
        var aloneReversed: [X12Error.Kind] = []
        for body in Self.sets.reversed() {
            aloneReversed +=
                X12Validator().validate(try X12Document(bytes: Self.interchange([body]))).errors.map(\.kind)
        }
        #expect(X12Validator().validate(reversed).errors.map(\.kind) == aloneReversed)
    }

    @Test("a segment known clean under one interchange's delimiters is checked again under another's")
    func delimitersChange() throws {
        /// An interchange of three copies of one set, whose PO1 holds `>`: plain text where `:` separates
        /// components, a component separator in a simple element where `>` does.
        func interchange(component: String, control: String) -> String {
            var segments = [
                "ISA*00*          *00*          *ZZ*WALMART        *ZZ*HARBORPINE     *261124*1000*U*00401*\(control)*0*P*\(component)",
                "GS*PO*925485US00*HARBORPINE*20261124*1000*7*X*004010",
            ]
            for set in 1...3 {
                segments += [
                    "ST*850*000\(set)", "BEG*00*DS*PO1**20261124", "PO1*1*2*EA*12.5**VN*HP>1", "CTT*1",
                    "SE*5*000\(set)",
                ]
            }
            segments += ["GE*3*7", "IEA*1*\(control)"]
            return segments.map { $0 + "~" }.joined()
        }
        let clean = interchange(component: ":", control: "000000901")
        let faulty = interchange(component: ">", control: "000000902")
        let together = X12Validator().validate(try X12Document(bytes: Array((clean + faulty).utf8)))
        let alone = X12Validator().validate(try X12Document(bytes: Array(faulty.utf8)))
        #expect(alone.errors.count == 3)
        #expect(together.errors.map(\.kind) == alone.errors.map(\.kind))
        #expect(X12Validator().validate(try X12Document(bytes: Array(clean.utf8))).errors.isEmpty)
    }

    @Test("a shape is known once a walk of it found nothing wrong with the structure, and only then")
    func learning() {
        var shapes = X12SetShapes()
        func contains(_ raw: [UInt32]) -> Bool {
            raw.map(X12SegmentCode.init(rawValue:)).withUnsafeBufferPointer { shapes.contains($0) }
        }
        let first: [UInt32] = [1, 2, 3]
        #expect(!contains(first))
        shapes.insertLastLooked { Int($0.rawValue) * 10 }
        #expect(contains(first))
        #expect(shapes.foundRules == [10, 20, 30])
        #expect(!contains([1, 2]))
        #expect(!contains([1, 2, 4]))
        // Older shapes give way to newer ones past the capacity.
        for value in 10..<(10 + UInt32(X12SetShapes.capacity)) {
            #expect(!contains([value]))
            shapes.insertLastLooked { Int($0.rawValue) }
        }
        #expect(!contains(first))
        #expect(contains([10 + UInt32(X12SetShapes.capacity) - 1]))
    }
}
