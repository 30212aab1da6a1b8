import Testing

@testable import X12

/// Real files put whitespace between segments and pad the end of a file: the reader steps over both, as mainstream
/// translators do, and says where in a note; anything else stays an error.
@Suite("Reading real-world layouts")
struct LayoutTests {
    /// The sample 850's segments, one string each, without terminators.
    static let segments: [String] = Sample.purchaseOrder(segment: "~").split(separator: "~").map(String.init)

    /// The sample with `between` after every terminator but the IEA's, and `after` after the IEA.
    static func laidOut(between: String, after: String = "") -> [UInt8] {
        Array((segments.dropLast().map { $0 + "~" + between }.joined() + segments.last! + "~" + after).utf8)
    }

    struct Layout: CustomStringConvertible, Sendable {
        var name: String
        var between: String
        /// Whether it is the plain one-segment-a-line layout, which is no note.
        var isPlain: Bool
        var description: String { name }
    }

    static let layouts: [Layout] = [
        .init(name: "LF", between: "\n", isPlain: true),
        .init(name: "CRLF", between: "\r\n", isPlain: true),
        .init(name: "CR", between: "\r", isPlain: true),
        .init(name: "spaces", between: "  ", isPlain: false),
        .init(name: "tab", between: "\t", isPlain: false),
        .init(name: "CRLF and indent", between: "\r\n    ", isPlain: false),
        .init(name: "blank lines", between: "\n\n", isPlain: false),
        .init(name: "space before LF", between: " \n", isPlain: false),
    ]

    /// Every segment with its elements, without offsets: the same in every layout.
    static func segmentTexts(_ document: X12Document) -> [String] {
        (0..<document.segmentCount).map { "\(document.segment($0).id)\(document.segment($0).elementTexts)" }
    }

    @Test("the same interchange in each layout gives identical segments and no errors", arguments: layouts)
    func sameSegments(_ layout: Layout) throws {
        let compact = try X12Document(bytes: Self.laidOut(between: ""))
        let document = try X12Document(bytes: Self.laidOut(between: layout.between))
        #expect(Self.segmentTexts(document) == Self.segmentTexts(compact))
        #expect(document.envelopeErrors.isEmpty, "\(document.envelopeErrors)")
        #expect(X12Validator().validate(document).errors.isEmpty)
        #expect(document.transactionSets.map(\.set.id) == ["850"])
        #expect(compact.notes.isEmpty)
    }

    @Test(
        "whitespace other than one line break is one note an interchange: first offset, bytes, places",
        arguments: layouts)
    func spacingNote(_ layout: Layout) throws {
        let document = try X12Document(bytes: Self.laidOut(between: layout.between))
        if layout.isPlain {
            #expect(document.notes.isEmpty)
            return
        }
        // The ISA is 106 bytes; the whitespace after its terminator is the first place, and there is one after
        // each of ISA, GS, ST, BEG, PO1, CTT, SE and GE.
        #expect(
            document.notes == [
                X12ReadNote(
                    .whitespaceBetweenSegments, at: 106, skipped: Array(layout.between.utf8), places: 8, interchange: 0)
            ])
    }

    struct Padding: CustomStringConvertible, Sendable {
        var name: String
        var bytes: String
        var said: String
        var description: String { name }
    }

    static let paddings: [Padding] = [
        .init(name: "^Z", bytes: "\u{1A}", said: "skipped 0x1A (^Z) after the IEA of interchange 1"),
        .init(name: "NULs", bytes: "\0\0\0", said: "skipped 3 NULs after the IEA of interchange 1"),
        .init(name: "spaces and LF", bytes: "   \n", said: "skipped 3 spaces, LF after the IEA of interchange 1"),
        .init(
            name: "a long NUL run", bytes: String(repeating: "\0", count: 40),
            said: "skipped 40 bytes: 16 NULs, … after the IEA of interchange 1"),
        .init(
            name: "space, blank line and ^Z", bytes: " \r\n\u{1A}",
            said: "skipped space, CR, LF, 0x1A (^Z) after the IEA of interchange 1"),
    ]

    @Test("padding after the last IEA is skipped with a note saying where and what", arguments: paddings)
    func trailingPadding(_ padding: Padding) throws {
        let plain = Self.laidOut(between: "\n")
        let document = try X12Document(bytes: Self.laidOut(between: "\n", after: padding.bytes))
        #expect(document.envelopeErrors.isEmpty)
        #expect(Self.segmentTexts(document) == Self.segmentTexts(try X12Document(bytes: plain)))
        let note = try #require(document.notes.first)
        #expect(document.notes.count == 1)
        #expect(note.kind == .paddingAfterInterchange)
        #expect(note.byteOffset == plain.count)
        #expect(note.skippedCount == padding.bytes.utf8.count)
        #expect(note.description == padding.said)
        #expect(note.diagnosticLine(file: "po.edi") == "po.edi:byte \(plain.count): note: \(padding.said)")
    }

    @Test("the IEA's own line break is no padding")
    func lineBreakAfterIEA() throws {
        for lineBreak in ["\n", "\r\n", "\r"] {
            let document = try X12Document(bytes: Self.laidOut(between: "\n", after: lineBreak))
            #expect(document.notes.isEmpty)
            #expect(document.interchanges.first?.byteRange.upperBound == document.bytes.count)
        }
    }

    @Test("bytes after the IEA that are not padding are still an error, at their offset")
    func garbageAfterPadding() throws {
        let bytes = Self.laidOut(between: "\n", after: "\n\u{1A}\0junk")
        #expect(throws: X12Error(.unexpectedDataAfterInterchange, at: bytes.count - 4)) {
            try X12Document(bytes: bytes)
        }
        for chunkSize in [1, 7, 4096] {
            #expect(
                StreamEquivalence.streamed(bytes, chunkSize: chunkSize).thrown?.kind == .unexpectedDataAfterInterchange)
        }
    }

    @Test("a run of whitespace longer than a segment may be is a limit error at its start, read whole or streamed")
    func hostileRun() throws {
        let bytes = Self.laidOut(between: "\n" + String(repeating: " ", count: 200))
        let options = X12ReadOptions(maximumSegmentLength: 128)
        #expect(throws: X12Error(.limitExceeded("segment longer than 128 bytes"), at: 106)) {
            try X12Document(bytes: bytes, options: options)
        }
        for chunkSize in [1, 7, 64, 4096] {
            var reader = X12StreamReader(
                X12InMemorySource(bytes, chunkSize: chunkSize),
                options: X12StreamOptions(read: options, chunkSize: chunkSize))
            #expect(throws: X12Error(.limitExceeded("segment longer than 128 bytes"), at: 106), "chunk \(chunkSize)") {
                while try reader.next() != nil {}
            }
        }
    }

    @Test("a segment that is not X12 after whitespace is still reported by validation")
    func notASegment() throws {
        var text = Self.segments.map { $0 + "~\n" }
        text.insert("  <html>*x~\n", at: 4)
        let document = try X12Document(bytes: Array(text.joined().utf8))
        let report = X12Validator().validate(document)
        #expect(!(document.envelopeErrors + report.errors).isEmpty)
        #expect(document.notes.map(\.kind) == [.whitespaceBetweenSegments])
    }

    @Test("a mailbag with different delimiters, spaces between segments and padding between interchanges")
    func mailbag() throws {
        let first = Self.laidOut(between: " \r\n", after: "\r\n\u{1A}")
        let second = Array(
            Sample.purchaseOrder(
                element: "|", component: "^", segment: "\u{15}", lineBreak: "\t", controlNumber: "000000906"
            )
            .utf8)
        let third = Array(Sample.purchaseOrder(lineBreak: "\n", controlNumber: "000000907").utf8)
        let bytes = first + second + third + Array("\0\0".utf8)
        let document = try X12Document(bytes: bytes)
        #expect(document.envelopeErrors.isEmpty, "\(document.envelopeErrors)")
        #expect(document.interchanges.map(\.delimiters.element) == [0x2A, 0x7C, 0x2A])
        #expect(document.transactionSets.count == 3)
        #expect(
            document.notes.map(\.kind) == [
                .whitespaceBetweenSegments, .paddingAfterInterchange, .whitespaceBetweenSegments,
                .paddingAfterInterchange, .paddingAfterInterchange,
            ])
        // The second's tab after its IEA is padding after it (one line break is the IEA's, a tab is not).
        #expect(document.notes.map(\.interchange) == [0, 0, 1, 1, 2])
        #expect(document.notes[1].byteOffset == first.count - 1)
    }

    static let streamInputs: [[UInt8]] =
        layouts.map { laidOut(between: $0.between) } + paddings.map { laidOut(between: " ", after: $0.bytes) } + [
            laidOut(between: "\r\n\t", after: "\r\n")
                + Array(
                    Sample.purchaseOrder(element: "|", segment: "\u{15}", lineBreak: " \n", controlNumber: "000000906")
                        .utf8)
                + Array("\0\u{1A}".utf8)
        ]

    @Test(
        "the stream reader finds the same segments and notes as the whole-document reader, in every chunk size",
        arguments: streamInputs.indices)
    func streamAgrees(_ index: Int) throws {
        let bytes = Self.streamInputs[index]
        let document = try X12Document(bytes: bytes)
        let whole = StreamEquivalence.whole(bytes)
        for chunkSize in StreamEquivalence.chunkSizes {
            let streamed = StreamEquivalence.streamed(bytes, chunkSize: chunkSize)
            #expect(streamed.difference(from: whole) == nil, "chunk \(chunkSize)")
            var reader = X12StreamReader(
                X12InMemorySource(bytes, chunkSize: chunkSize), options: X12StreamOptions(chunkSize: chunkSize))
            var notes: [X12ReadNote] = []
            while try reader.next() != nil { notes += reader.takeNotes() }
            notes += reader.takeNotes()
            #expect(notes == document.notes, "chunk \(chunkSize)")
        }
        #expect(!document.notes.isEmpty || index < 3)
    }
}
