import Foundation
import Orders
import Store
import Synchronization
import Testing

/// A document too large to hold is kept a part at a time from where it is read (`DocumentParts`): never read whole,
/// given back byte for byte, its size told, a redelivery of the same bytes recognised. The same contract on both
/// backends.
@Suite("Order store: documents kept in parts")
struct StoreDocumentPartsTests {
    /// Bytes read a range at a time, noting the largest range asked for; `cut` bytes short when asked for its end.
    final class CountingSource: DocumentSource {
        let content: [UInt8]
        let cut: Int
        private let largest = Mutex(0)

        init(_ content: [UInt8], cut: Int = 0) {
            self.content = content
            self.cut = cut
        }

        var count: Int { content.count }
        var largestRead: Int { largest.withLock { $0 } }

        func bytes(in range: Range<Int>) throws -> [UInt8] {
            largest.withLock { $0 = max($0, range.count) }
            let end = range.upperBound == content.count ? range.upperBound - cut : range.upperBound
            return Array(content[range.lowerBound..<max(range.lowerBound, end)])
        }
    }

    /// Two and a half parts of X12-looking bytes, every byte of them depending on `seed` and its place.
    static func large(seed: UInt8) -> [UInt8] {
        let count = DocumentParts.size * 5 / 2 + 17
        return Array("ISA*00*".utf8) + (0..<(count - 7)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ Int(seed)) }
    }

    static func kept(_ source: any DocumentSource, origin: String = "inbox/big.x12") -> InboundDocument {
        InboundDocument(receivedAt: t0, origin: origin, format: .x12, source: source)
    }

    @Test(
        "a large document is kept a part at a time, told at its size, and given back byte for byte",
        arguments: Backend.allCases)
    func largeDocumentRoundTrip(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let bytes = Self.large(seed: 1)
            let source = CountingSource(bytes)
            let kept = try await store.keep(Self.kept(source))
            #expect(kept.sameBytesAs == nil)
            #expect(source.largestRead == DocumentParts.size, "read no more than a part at a time")
            let record = try #require(try await store.document(kept.id))
            #expect(record.byteCount == bytes.count)
            #expect(record.origin == "inbox/big.x12")
            let pending = try await store.pendingDocuments()
            #expect(pending.map(\.id) == [kept.id])
            #expect(pending.first?.document.bytes.count == bytes.count)
            #expect(pending.first?.document.bytes == bytes)
        }
    }

    @Test(
        "the same large bytes kept again name the first document; other bytes of the same size do not",
        arguments: Backend.allCases)
    func largeRedeliveryRecognised(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let first = try await store.keep(Self.kept(CountingSource(Self.large(seed: 1))))
            let other = try await store.keep(Self.kept(CountingSource(Self.large(seed: 2))))
            var changed = Self.large(seed: 1)
            changed[changed.count - 1] ^= 0xFF
            let lastByte = try await store.keep(Self.kept(CountingSource(changed)))
            let again = try await store.keep(Self.kept(CountingSource(Self.large(seed: 1)), origin: "inbox/again.x12"))
            #expect(other.sameBytesAs == nil)
            #expect(lastByte.sameBytesAs == nil, "one byte apart at the very end")
            #expect(again.sameBytesAs == first.id)
            #expect(again.id != first.id)
        }
    }

    @Test(
        "a document no larger than a part is kept whole, as its bytes would be, whichever way it comes",
        arguments: Backend.allCases)
    func smallSourceKeptWhole(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let bytes = Array("ISA*00*small".utf8)
            let fromSource = try await store.keep(Self.kept(CountingSource(bytes)))
            let fromBytes = try await store.keep(
                InboundDocument(receivedAt: t0, origin: "inbox/b.x12", format: .x12, bytes: bytes))
            #expect(fromBytes.sameBytesAs == fromSource.id)
            #expect(try await store.document(fromSource.id)?.byteCount == bytes.count)
            #expect(try await store.pendingDocuments().first?.document.bytes == bytes)
        }
    }

    @Test("a source that ends short of its size keeps nothing and says so", arguments: Backend.allCases)
    func shortSourceKeepsNothing(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let source = CountingSource(Self.large(seed: 3), cut: 5)
            await #expect(throws: StoreError.self) { try await store.keep(Self.kept(source)) }
            #expect(try await store.pendingDocuments().isEmpty, "the keeping transaction was rolled back whole")
            // The store goes on keeping.
            let next = try await store.keep(Self.kept(CountingSource(Self.large(seed: 3))))
            #expect(try await store.pendingDocuments().map(\.id) == [next.id])
        }
    }
}
