import Testing

@testable import X12

/// The validator's shortcuts (packed code lists, byte classes, flattened tables) must answer as the general checks.
@Suite("Validation shortcuts")
struct ValidationFastPathTests {
    static let lists: [Set<String>] = [
        ["DS", "SA", "NE", "00"], ["K", "A", "Z9"], ["LONGERCODE1", "X"], ["É", "E"],
    ]

    @Test("a packed code list accepts exactly what the set of strings accepts", arguments: lists)
    func codeLists(_ codes: Set<String>) {
        let list = X12SegmentRules.CodeList(codes)
        let values = [
            "DS", "DS  ", " DS", "D", "DSX", "", "   ", "K", "\u{212A}", "A", "Z9", "Z9 ", "LONGERCODE1",
            "LONGERCODE1 ",
            "X", "É", "E\u{301}", "E", "ÉÉ", "00", "0",
        ]
        for value in values {
            var trimmed = value
            while trimmed.last == " " { trimmed.removeLast() }
            let expected: X12Error.Kind? = codes.contains(trimmed) ? nil : .invalidCodeValue(trimmed)
            let bytes = Array(value.utf8)
            let found = bytes.withUnsafeBufferPointer { SetWalker.codeProblem($0, list: list) }
            #expect(found == expected, "\(value) in \(codes.sorted())")
        }
    }

    @Test("sixteen bytes are classified as byte by byte, inside the buffer and in its last sixteen")
    func sixteenBytes() {
        var generator = SystemRandomNumberGenerator()
        let choices: [X12Delimiters] = [
            .standard, X12Delimiters(element: 0x7F, component: 0x3E, segment: 0x15, repetition: 0x5E),
            X12Delimiters(element: 0x1D, component: 0x1F, segment: 0x1C),
            X12Delimiters(element: 0x7C, component: 0x60, segment: 0x0A, repetition: 0xE9),
        ]
        for delimiters in choices {
            let classes = X12ByteClasses(delimiters)
            // Bytes drawn from the delimiters, control bytes, ASCII and bytes above 0x7F.
            let pool: [UInt8] =
                [delimiters.element, delimiters.component, delimiters.repetition ?? 0x41, 0x00, 0x0A, 0x1F, 0x20]
                + [0x41, 0x7E, 0x7F, 0x80, 0x9F, 0xE9, 0xFF]
            for _ in 0..<2_000 {
                let bytes = (0..<Int.random(in: 1...40, using: &generator)).map { _ in
                    pool.randomElement(using: &generator)!
                }
                let at = Int.random(in: 0..<bytes.count, using: &generator)
                let to = Int.random(in: (at + 1)...bytes.count, using: &generator)
                let (separators, others) = bytes.withUnsafeBufferPointer { classes.classify16($0, at: at, to: to) }
                var expectedSeparators: UInt32 = 0
                var expectedOthers: UInt32 = 0
                for offset in 0..<min(16, to - at) {
                    let byteClass = classes[bytes[at + offset]]
                    if byteClass & X12ByteClasses.separator != 0 {
                        expectedSeparators |= 1 << UInt32(offset)
                    } else if byteClass != 0 {
                        expectedOthers |= 1 << UInt32(offset)
                    }
                }
                #expect(separators == expectedSeparators, "\(bytes) from \(at) to \(to)")
                #expect(others == expectedOthers, "\(bytes) from \(at) to \(to)")
            }
        }
    }

    @Test(
        "a segment ID is checked a word at a time as X12Segment checks it byte by byte, at every length and offset, alone and with its code"
    )
    func segmentIDs() {
        var generator = SystemRandomNumberGenerator()
        let pool: [UInt8] = Array("AZNM0916*~az".utf8) + [0x00, 0x40, 0x5B, 0x2F, 0x3A, 0xC3]
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...7, using: &generator)
            let padding = Int.random(in: 0...5, using: &generator)
            let tail = Int.random(in: 0...4, using: &generator)
            let bytes =
                (0..<padding).map { _ in UInt8(0x58) }
                + (0..<length).map { _ in pool.randomElement(using: &generator)! }
                + (0..<tail).map { _ in UInt8(0x58) }
            let range = padding..<(padding + length)
            let expected = X12Segment(bytes: bytes, range: range, delimiters: .standard, index: 0).hasValidID
            let found = bytes.withUnsafeBufferPointer { SetWalker.hasValidID(range, in: $0, separator: 0x2A) }
            #expect(found == expected, "\(bytes[range]) in \(bytes)")
            // The one-word read gives the answer and the code the byte-by-byte read gives, and the code is the ID's
            // bytes packed (up to three of them).
            let (code, isValid) = bytes.withUnsafeBufferPointer {
                X12SegmentCode.read(range, in: $0, separator: 0x2A)
            }
            let slow = bytes.withUnsafeBufferPointer { X12SegmentCode.readByteByByte(range, in: $0, separator: 0x2A) }
            #expect(isValid == expected && slow.isValid == expected, "\(bytes[range]) in \(bytes)")
            #expect(code == slow.code, "\(bytes[range]) in \(bytes)")
            let id = bytes[range].prefix { $0 != 0x2A }
            if id.count <= 3 {
                #expect(code.rawValue == id.reduce(0) { $0 << 8 | UInt32($1) }, "\(bytes[range]) in \(bytes)")
            } else {
                #expect(code == .invalid, "\(bytes[range]) in \(bytes)")
            }
        }
    }

    @Test("dates and times are checked against the calendar and the clock")
    func datesAndTimes() {
        for (text, valid) in [
            ("20240229", true), ("20230229", false), ("21000229", false), ("20000229", true), ("991231", true),
            ("20261301", false), ("20261100", false), ("2026113", false), ("2026-1-1", false),
        ] {
            #expect(X12Syntax.isDate(ArraySlice(text.utf8)) == valid, "\(text)")
        }
        for (text, valid) in [("2359", true), ("2400", false), ("235960", false), ("23595999", true), ("12345", false)]
        {
            #expect(X12Syntax.isTime(ArraySlice(text.utf8)) == valid, "\(text)")
        }
    }
}
