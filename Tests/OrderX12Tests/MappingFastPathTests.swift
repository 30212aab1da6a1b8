import Foundation
import Testing

@testable import OrderX12

/// The mapper's shortcuts must give exactly what the general code gives.
@Suite("850 mapping shortcuts")
struct MappingFastPathTests {
    @Test("the packed segment codes are the IDs they name")
    func segmentCodes() {
        let codes: [(UInt32, StaticString)] = [
            (X12SegmentCode.beg, "BEG"), (X12SegmentCode.cur, "CUR"), (X12SegmentCode.ref, "REF"),
            (X12SegmentCode.dtm, "DTM"), (X12SegmentCode.td5, "TD5"), (X12SegmentCode.n1, "N1"),
            (X12SegmentCode.n2, "N2"), (X12SegmentCode.n3, "N3"), (X12SegmentCode.n4, "N4"),
            (X12SegmentCode.per, "PER"), (X12SegmentCode.po1, "PO1"), (X12SegmentCode.pid, "PID"),
            (X12SegmentCode.msg, "MSG"), (X12SegmentCode.nte, "NTE"), (X12SegmentCode.n9, "N9"),
            (X12SegmentCode.sac, "SAC"), (X12SegmentCode.ctt, "CTT"), (X12SegmentCode.amt, "AMT"),
            (X12SegmentCode.tds, "TDS"), (X12SegmentCode.se, "SE"),
        ]
        for (code, id) in codes { #expect(code == X12SegmentFields.code(id), "\(id)") }
    }

    @Test("the packed qualifier codes are the texts they name, and a qualifier that does not pack compares as text")
    func qualifierCodes() {
        let codes: [(UInt32, StaticString)] = [
            (X12QualifierCode.q001, "001"), (X12QualifierCode.q002, "002"), (X12QualifierCode.q010, "010"),
            (X12QualifierCode.q038, "038"), (X12QualifierCode.q067, "067"), (X12QualifierCode.q106, "106"),
            (X12QualifierCode.te, "TE"), (X12QualifierCode.hp, "HP"), (X12QualifierCode.wp, "WP"),
            (X12QualifierCode.cp, "CP"), (X12QualifierCode.em, "EM"), (X12QualifierCode.vn, "VN"),
            (X12QualifierCode.vp, "VP"), (X12QualifierCode.va, "VA"), (X12QualifierCode.in, "IN"),
            (X12QualifierCode.bp, "BP"), (X12QualifierCode.sk, "SK"), (X12QualifierCode.cb, "CB"),
            (X12QualifierCode.pi, "PI"), (X12QualifierCode.up, "UP"), (X12QualifierCode.en, "EN"),
            (X12QualifierCode.uk, "UK"), (X12QualifierCode.ua, "UA"), (X12QualifierCode.ui, "UI"),
        ]
        for (code, text) in codes { #expect(code == X12SegmentFields.code(text), "\(text)") }
        // KELVIN SIGN is canonically equivalent to K, so `S` + KELVIN SIGN is `SK` as a `String`.
        #expect(X12QualifierCode.productQualifier("S\u{212A}") == X12QualifierCode.sk)
        #expect(X12QualifierCode.productQualifier("SKU") == 0)
        #expect(X12QualifierCode.productQualifier(nil) == 0)
    }

    static let decimals = [
        "1", "17.99", "-3.25", ".5", "5.", "-.5", "12.3456", "1.500", "100", "000123", "0.0000001", "-100.00",
        "999999999999999999", "123456789012345678", "18.990",
    ]

    @Test("a decimal built from its digits is, bit for bit, what Decimal(string:) reads", arguments: decimals)
    func exactDecimal(_ text: String) throws {
        let fast = try #require(PurchaseOrderMapper.exactDecimal(text))
        let slow = try #require(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")))
        #expect(withUnsafeBytes(of: fast) { Array($0) } == withUnsafeBytes(of: slow) { Array($0) })
        #expect(fast.description == slow.description)
    }

    @Test(
        "zero, signs alone and long digit runs are left to Decimal(string:)",
        arguments: ["0", "-0", "0.00", "-", ".", "1234567890123456789", "1-2", "1..2"])
    func leftToTheParser(_ text: String) {
        #expect(PurchaseOrderMapper.exactDecimal(text) == nil)
    }

    @Test("random decimal texts read the same both ways")
    func randomDecimals() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789.-00")
        for _ in 0..<20_000 {
            let text = String(
                (0..<Int.random(in: 1...20, using: &generator)).map { _ in
                    alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]
                })
            guard let fast = PurchaseOrderMapper.exactDecimal(text) else { continue }
            let slow = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
            #expect(
                slow.map { s in withUnsafeBytes(of: s) { Array($0) } } == withUnsafeBytes(of: fast) { Array($0) },
                "\(text)")
        }
    }
}
