import Foundation
import OrderX12
import Orders
import TestSupport
import Testing
import X12

/// The orders of every corpus file and inbox fixture, written as `dropgate x12 po` prints them (a list, each order
/// by hand in the pretty layout), are byte for byte what `JSONEncoder` writes of the same list with
/// `[.prettyPrinted, .sortedKeys]`.
@Suite("hand-written pretty JSON of the corpus's orders")
struct SortedJSONCorpusTests {
    static func expectSameText(_ bytes: [UInt8], _ name: String) throws -> Int {
        guard let document = try? X12Document(bytes: bytes) else { return 0 }  // not X12: no orders to print
        let orders = document.purchaseOrders(origin: name).compactMap { try? $0.get() }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let writer = JSONByteWriter(layout: .pretty(escapesSlashes: true))
        writer.beginArray()
        for order in orders { try writer.element(order) }
        writer.endArray()
        #expect(writer.bytes == [UInt8](try encoder.encode(orders)), "\(name)")
        return orders.count
    }

    @Test("every corpus file's orders", arguments: StreamPurchaseOrderTests.corpusFiles)
    func corpus(_ name: String) throws {
        _ = try Self.expectSameText(try Corpus.bytes(name), name)
    }

    @Test("every inbox fixture's orders", arguments: StreamPurchaseOrderTests.inboxFiles)
    func inbox(_ path: String) throws {
        let data = try #require(FileManager.default.contents(atPath: path))
        // The origin the command prints is the path it was given: one with slashes, which the text escapes.
        let count = try Self.expectSameText([UInt8](data), path)
        #expect(count > 0 || path.contains("broken"), "\(path) holds no order to compare")
    }
}
