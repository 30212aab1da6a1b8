import Foundation
import Orders
import Testing
import X12

@testable import OrderX12

/// The mapper's shortcuts must give exactly what the general code gives.
@Suite("850 mapping shortcuts")
struct MappingFastPathTests {
    @Test("the packed segment codes are the IDs they name")
    func segmentCodes() {
        let codes: [(X12SegmentCode, String)] = [
            (X12SegmentCode.beg, "BEG"), (X12SegmentCode.cur, "CUR"), (X12SegmentCode.ref, "REF"),
            (X12SegmentCode.dtm, "DTM"), (X12SegmentCode.td5, "TD5"), (X12SegmentCode.n1, "N1"),
            (X12SegmentCode.n2, "N2"), (X12SegmentCode.n3, "N3"), (X12SegmentCode.n4, "N4"),
            (X12SegmentCode.per, "PER"), (X12SegmentCode.po1, "PO1"), (X12SegmentCode.pid, "PID"),
            (X12SegmentCode.msg, "MSG"), (X12SegmentCode.nte, "NTE"), (X12SegmentCode.n9, "N9"),
            (X12SegmentCode.sac, "SAC"), (X12SegmentCode.ctt, "CTT"), (X12SegmentCode.amt, "AMT"),
            (X12SegmentCode.tds, "TDS"), (X12SegmentCode.se, "SE"), (X12SegmentCode.bch, "BCH"),
            (X12SegmentCode.poc, "POC"),
        ]
        for (code, id) in codes { #expect(code == X12SegmentCode(id), "\(id)") }
    }

    @Test("the packed qualifier codes are the texts they name, and a qualifier that does not pack compares as text")
    func qualifierCodes() {
        let codes: [(X12SegmentCode, String)] = [
            (X12QualifierCode.q001, "001"), (X12QualifierCode.q002, "002"), (X12QualifierCode.q010, "010"),
            (X12QualifierCode.q038, "038"), (X12QualifierCode.q067, "067"), (X12QualifierCode.q106, "106"),
            (X12QualifierCode.te, "TE"), (X12QualifierCode.hp, "HP"), (X12QualifierCode.wp, "WP"),
            (X12QualifierCode.cp, "CP"), (X12QualifierCode.em, "EM"), (X12QualifierCode.vn, "VN"),
            (X12QualifierCode.vp, "VP"), (X12QualifierCode.va, "VA"), (X12QualifierCode.in, "IN"),
            (X12QualifierCode.bp, "BP"), (X12QualifierCode.sk, "SK"), (X12QualifierCode.cb, "CB"),
            (X12QualifierCode.pi, "PI"), (X12QualifierCode.up, "UP"), (X12QualifierCode.en, "EN"),
            (X12QualifierCode.uk, "UK"), (X12QualifierCode.ua, "UA"), (X12QualifierCode.ui, "UI"),
            (X12QualifierCode.ea, "EA"),
        ]
        for (code, text) in codes { #expect(code == X12SegmentCode(text), "\(text)") }
        // KELVIN SIGN is canonically equivalent to K, so `S` + KELVIN SIGN is `SK` as a `String`.
        #expect(X12QualifierCode.productQualifier("S\u{212A}") == X12QualifierCode.sk)
        #expect(X12QualifierCode.productQualifier("SKU").rawValue == 0)
        #expect(X12QualifierCode.productQualifier(nil).rawValue == 0)
    }

    /// Random segment bytes: separators, printable ASCII, control bytes, NUL and UTF-8, in runs of any length.
    static func randomSegment(_ generator: inout some RandomNumberGenerator, separator: UInt8) -> [UInt8] {
        let alphabet: [UInt8] = [separator, separator, 0x41, 0x42, 0x31, 0x20, 0x00, 0x7F, 0xC3, 0xA9, 0x2A, 0x7E]
        return (0..<Int.random(in: 0...40, using: &generator)).map { _ in
            alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]
        }
    }

    @Test("a segment's ID and elements are split as a byte-by-byte reading splits them, at every length and offset")
    func segmentSplitting() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let separator: UInt8 = Bool.random(using: &generator) ? 0x2A : 0x7F
            let segment = Self.randomSegment(&generator, separator: separator)
            // Bytes before and after, so that word reads at either end stay inside the buffer or not.
            let before = Int.random(in: 0...9, using: &generator)
            let after = Int.random(in: 0...9, using: &generator)
            let buffer = [UInt8](repeating: separator, count: before) + segment + [UInt8](repeating: 0x41, count: after)
            let range = before..<(before + segment.count)
            // The reading the fields must match: the ID up to the first separator (a valid segment ID, 2–3 upper-case
            // letters or digits starting with a letter, else no code), then the elements between separators.
            let idEnd = segment.firstIndex(of: separator) ?? segment.count
            let id = segment[..<idEnd]
            let isValid =
                (2...3).contains(id.count)
                && id.enumerated().allSatisfy { offset, byte in
                    (0x41...0x5A).contains(byte) || (offset > 0 && (0x30...0x39).contains(byte))
                }
            let expectedCode = isValid ? X12SegmentCode(rawValue: id.reduce(0) { $0 << 8 | UInt32($1) }) : .invalid
            let expectedElements =
                idEnd < segment.count
                ? segment[(idEnd + 1)...].split(separator: separator, omittingEmptySubsequences: false).map(Array.init)
                : []
            buffer.withUnsafeBufferPointer { bytes in
                var fields = X12SegmentFields(bytes: bytes)
                let code = X12SegmentFields.code(of: range, in: bytes, separator: separator)
                #expect(code == expectedCode, "\(segment)")
                fields.load(range, separator: separator, code: code)
                #expect(fields.count == expectedElements.count, "\(segment)")
                for (offset, element) in expectedElements.enumerated() {
                    let text = fields[offset + 1]
                    #expect(text == (element.isEmpty ? nil : String(decoding: element, as: UTF8.self)), "\(segment)")
                }
            }
        }
    }

    @Test("element text is the String the standard library makes of the bytes, and holds them")
    func elementText() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let bytes = Self.randomSegment(&generator, separator: 0x2A).filter { _ in Bool.random(using: &generator) }
            let padding = Int.random(in: 0...20, using: &generator)
            let buffer = bytes + [UInt8](repeating: 0x5A, count: padding)
            buffer.withUnsafeBufferPointer { buffer in
                let made = ElementText.string(buffer, 0..<bytes.count)
                let expected = String(decoding: bytes, as: UTF8.self)
                #expect(made == expected)
                #expect(Array(made.utf8) == Array(expected.utf8))
                let raw = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer)[0..<bytes.count])
                #expect(ElementText.holds(made, raw) == (Array(made.utf8) == bytes), "\(bytes)")
            }
        }
    }

    @Test("the code tables read an element packed as they read its text, and unit reads it as its initializer does")
    func packedReadings() {
        let values = [
            "", "00", "01", "03", "04", "05", "06", "07", "1", "001", "DS", "SA", "NE", "ds", "DSX", "ST", "BT", "BY",
            "SF", "SE", "VN", "SU", "SO", "RI", "SN", "ZZ", "S\u{212A}", "STORE", "USA", "CAN", "MEX", "US", "usa",
            "EA", "ea", "E", "EACH", "É", "\u{0}A", "GFT", "PKG", "TRA", "gft", "\u{212A}",
        ]
        for value in values {
            let bytes = Array("XX*\(value)".utf8) + [UInt8](repeating: 0x7E, count: 16)
            let range = 0..<(3 + value.utf8.count)
            bytes.withUnsafeBufferPointer { buffer in
                var fields = X12SegmentFields(bytes: buffer)
                fields.load(range, separator: 0x2A, code: X12SegmentFields.code(of: range, in: buffer, separator: 0x2A))
                let text = fields[1]
                let purposes = PurchaseOrderMapper.purposes
                #expect(purposes.value(fields, 1) == purposes.value(text), "\(value)")
                #expect(PurchaseOrderMapper.orderTypes.value(fields, 1) == PurchaseOrderMapper.orderTypes.value(text))
                #expect(PurchaseOrderMapper.roles.value(fields, 1) == PurchaseOrderMapper.roles.value(text))
                #expect(PurchaseOrderMapper.noteKinds.value(fields, 1) == PurchaseOrderMapper.noteKinds.value(text))
                let alpha3 = PurchaseOrderMapper.alpha3Countries
                #expect(PurchaseOrderMapper.country(fields, 1) == (alpha3.value(text) ?? text), "\(value)")
                #expect(PurchaseOrderMapper.unit(fields, 1) == text.map(UnitOfMeasure.init(rawValue:)), "\(value)")
                // KELVIN SIGN packs to three bytes but is `K` as text: a value that is not ASCII is read as text.
                #expect(X12CodeTable(["K": 1], otherwise: 0).value(fields, 1) == (value == "\u{212A}" ? 1 : 0))
            }
        }
    }
}
