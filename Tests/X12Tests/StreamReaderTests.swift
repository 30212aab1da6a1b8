import Foundation
import TestSupport
import Testing

@testable import X12

/// The stream reader's specification is the whole-document reader: for every input and every chunk size it finds
/// the same envelope errors, validation errors, sets, envelope tree and TA1/997/999 (`StreamEquivalence`).
@Suite("Reading X12 as a stream")
struct StreamReaderTests {
    static func expectSame(_ bytes: [UInt8], chunkSize: Int, _ name: String) {
        let whole = StreamEquivalence.whole(bytes)
        let streamed = StreamEquivalence.streamed(bytes, chunkSize: chunkSize)
        #expect(whole == streamed, "\(name), chunks of \(chunkSize): \(whole.difference(from: streamed) ?? "")")
    }

    @Test(
        "every corpus file reads the same through the stream at every chunk size",
        arguments: StreamInputs.corpusFiles, StreamEquivalence.chunkSizes)
    func corpus(_ name: String, chunkSize: Int) throws {
        Self.expectSame(try Corpus.bytes(name), chunkSize: chunkSize, name)
    }

    @Test(
        "every inbox fixture and fuzz seed reads the same through the stream at every chunk size",
        arguments: StreamInputs.repositoryFiles, StreamEquivalence.chunkSizes)
    func repositoryFiles(_ path: String, chunkSize: Int) throws {
        Self.expectSame(try StreamInputs.repositoryBytes(path), chunkSize: chunkSize, path)
    }

    @Test("there are inbox fixtures and fuzz seeds to read")
    func repositoryFilesExist() {
        #expect(StreamInputs.repositoryFiles.filter { $0.hasPrefix("fixtures/") }.count >= 3)
        #expect(StreamInputs.repositoryFiles.filter { $0.hasPrefix("Fuzz/") }.count >= 5)
    }

    @Test(
        "a mailbag of interchanges with their own delimiters, groups and envelope faults reads the same",
        arguments: StreamEquivalence.chunkSizes)
    func mailbag(chunkSize: Int) {
        let whole = StreamEquivalence.whole(StreamInputs.mailbag)
        #expect(whole.thrown == nil)
        #expect(whole.interchanges.count == 5)
        #expect(whole.sets.count == 13)
        #expect(
            Set(whole.validationErrors.map(\.code)).isSuperset(of: [
                "AK905-5", "AK502-7", "AK502-2", "AK905-19", "TA1-021", "TA1-023",
            ]))
        Self.expectSame(StreamInputs.mailbag, chunkSize: chunkSize, "mailbag")
    }

    @Test(
        "a small interchange cut at every byte reads the same through the stream",
        arguments: StreamEquivalence.chunkSizes)
    func truncations(chunkSize: Int) {
        let bytes = Array(Sample.purchaseOrder(lineBreak: "\n").utf8)
        for length in 0...bytes.count {
            Self.expectSame(Array(bytes.prefix(length)), chunkSize: chunkSize, "first \(length) bytes")
        }
    }

    @Test("data after IEA ends the stream with the error the whole-document reader throws", arguments: [1, 64])
    func dataAfterInterchange(chunkSize: Int) {
        let bytes = Array((Sample.purchaseOrder() + "\nGARBAGE").utf8)
        let streamed = StreamEquivalence.streamed(bytes, chunkSize: chunkSize)
        #expect(streamed.thrown?.kind == .unexpectedDataAfterInterchange)
        Self.expectSame(bytes, chunkSize: chunkSize, "data after IEA")
    }

    @Test("a set longer than the limit ends the read with a limit error instead of holding it all")
    func setLimit() throws {
        let body = (1...2_000).map { "PO1*\($0)*2*EA*12.5**VN*HP-1~" }.joined()
        let text = Sample.purchaseOrder().replacingOccurrences(of: "CTT*1~", with: body + "CTT*1~")
        var reader = X12StreamReader(
            X12InMemorySource(Array(text.utf8), chunkSize: 512),
            options: X12StreamOptions(chunkSize: 512, maximumSetLength: 8_192))
        var thrown: X12Error? = nil
        do {
            while try reader.next() != nil {}
        } catch {
            thrown = error
        }
        guard case .limitExceeded = thrown?.kind else {
            Issue.record("expected limitExceeded, got \(String(describing: thrown))")
            return
        }
        let st = try #require(text.range(of: "ST*"))
        #expect(thrown?.byteOffset == text.utf8.distance(from: text.startIndex, to: st.lowerBound))
    }

    @Test("a file descriptor source reads a file as the in-memory source does")
    func fileDescriptor() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dropgate-stream-\(UUID()).x12").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(StreamInputs.mailbag)))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let handle = try #require(FileHandle(forReadingAtPath: path))
        defer { try? handle.close() }
        var reader = X12StreamReader(
            X12FileDescriptorSource(fileDescriptor: handle.fileDescriptor), options: X12StreamOptions(chunkSize: 100))
        var validation = X12StreamValidation()
        while let event = try reader.next() { validation.add(event) }
        let whole = X12Validator().validate(try X12Document(bytes: StreamInputs.mailbag))
        #expect(validation.report.errors == whole.errors)
    }

    @Test("each set comes with the segments of that set only, and its ST at its file offset", arguments: [1, 4096])
    func setWindows(chunkSize: Int) throws {
        var reader = X12StreamReader(
            X12InMemorySource(StreamInputs.mailbag, chunkSize: chunkSize),
            options: X12StreamOptions(chunkSize: chunkSize))
        let document = try X12Document(bytes: StreamInputs.mailbag)
        var contexts = document.transactionSets[...]
        while let event = try reader.next() {
            guard case .transactionSet(let set) = event else { continue }
            guard let expected = contexts.popFirst() else {
                Issue.record("the stream handed out more sets than the document holds")
                return
            }
            #expect(set.document.segmentCount == expected.set.segments.count)
            #expect(set.byteOffset == document.segment(expected.set.segments.lowerBound).byteOffset)
            #expect(set.context.set.segments == expected.set.segments)
        }
        #expect(contexts.isEmpty)
    }
}
