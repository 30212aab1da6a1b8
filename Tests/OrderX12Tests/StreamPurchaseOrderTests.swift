import Foundation
import OrderX12
import Orders
import TestSupport
import Testing
import X12

/// Orders mapped from a stream, set by set, are the orders `X12Document.purchaseOrders()` maps from the whole file,
/// failures (with their file locations) included.
@Suite("Purchase orders read through the stream")
struct StreamPurchaseOrderTests {
    static let chunkSizes = [1, 7, 64, 4096, 1 << 20]

    static let inboxFiles: [String] = {
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { root.deleteLastPathComponent() }
        let folder = root.appendingPathComponent("fixtures/inbox")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".x12") }.sorted().map { folder.appendingPathComponent($0).path }
    }()

    static var corpusFiles: [String] { Corpus.files.isEmpty ? ["(../shared/corpus/x12 is absent)"] : Corpus.files }

    static func expectSameOrders(_ bytes: [UInt8], chunkSize: Int, _ name: String) {
        guard let document = try? X12Document(bytes: bytes) else { return }  // not X12: no orders either way
        let whole = document.purchaseOrders(origin: name)
        var streamed: [Result<PurchaseOrder, OrderX12Error>] = []
        var reader = X12StreamReader(
            X12InMemorySource(bytes, chunkSize: chunkSize), options: X12StreamOptions(chunkSize: chunkSize))
        do {
            while let event = try reader.next() {
                if case .transactionSet(let set) = event, let order = set.purchaseOrder(origin: name) {
                    streamed.append(order)
                }
            }
        } catch {
            Issue.record("\(name): the stream threw \(error.debugDescription) where the document read")
        }
        #expect(streamed == whole, "\(name), chunks of \(chunkSize)")
    }

    @Test(
        "every corpus file maps to the same orders through the stream at every chunk size",
        arguments: corpusFiles, chunkSizes)
    func corpus(_ name: String, chunkSize: Int) throws {
        Self.expectSameOrders(try Corpus.bytes(name), chunkSize: chunkSize, name)
    }

    @Test(
        "every inbox fixture maps to the same orders through the stream at every chunk size",
        arguments: inboxFiles, chunkSizes)
    func inbox(_ path: String, chunkSize: Int) throws {
        let data = try #require(FileManager.default.contents(atPath: path))
        Self.expectSameOrders([UInt8](data), chunkSize: chunkSize, path)
    }

    @Test("the inbox holds X12 purchase orders to map")
    func inboxHasOrders() throws {
        #expect(Self.inboxFiles.count >= 3)
        let first = try #require(Self.inboxFiles.first)
        let data = try #require(FileManager.default.contents(atPath: first))
        #expect(!(try X12Document(bytes: [UInt8](data))).purchaseOrders().isEmpty)
    }
}
