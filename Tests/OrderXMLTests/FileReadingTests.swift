import Foundation
import OrderXML
import Orders
import Testing

/// A document dropped into an inbox (read from its file a chunk at a time) must read exactly as the same bytes
/// posted to the service (read from memory): the same orders, and for a bad one the same error at the same place.
@Suite("XML read from a file as from memory")
struct FileReadingTests {
    let decoder = OrderXMLDecoder()

    func bothWays(_ bytes: [UInt8]) throws -> (memory: [String], file: [String]) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dropgate-\(UUID()).xml").path
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let memory = bytes.withUnsafeBufferPointer { decoder.decode($0, origin: path) }
        let file: [Result<PurchaseOrder, OrderXMLError>]
        do { file = Array(try decoder.orders(inFile: path)) } catch { file = [.failure(error)] }
        func text(_ results: [Result<PurchaseOrder, OrderXMLError>]) -> [String] {
            results.map {
                switch $0 {
                case .success(let order): "order \(order.poNumber)"
                case .failure(let error): "\(error)"
                }
            }
        }
        return (text(memory), text(file))
    }

    /// Found by the XML fuzzer: a declared encoding (UTF-7, converted by iconv) that cannot take a byte of the
    /// document. libxml2 reports it only on the chunk that ends the input; the file used to end with an empty
    /// chunk, and read as "ends before its root element is closed" at line 0.
    @Test(
        "a byte the declared encoding cannot convert is the same error at the same place",
        arguments: [0, 70_000, 140_000])
    func unconvertibleByte(padding: Int) throws {
        var bytes = Array(#"<?xml version="1.0" encoding="UTF-7"?>"#.utf8) + [0x0A]
        bytes += Array("<!--\(String(repeating: "x", count: padding))-->\n".utf8)
        bytes += Array("<cXML><Header><From><Credential doma".utf8) + [0x90] + Array(#"n="NetworkId"/>"#.utf8)
        bytes += Array("</From></Header></cXML>\n".utf8)
        let (memory, file) = try bothWays(bytes)
        #expect(memory == file)
        #expect(memory.first?.contains("line 3") == true, "\(memory)")
    }

    @Test("documents of every size around the chunk boundary read the same", arguments: [65_535, 65_536, 65_537])
    func chunkBoundaries(size: Int) throws {
        let head = Array(#"<?xml version="1.0"?><orders>"#.utf8)
        let tail = Array("</orders>".utf8)
        let filler = max(0, size - head.count - tail.count - 7)
        let bytes = head + Array("<!--\(String(repeating: "y", count: filler))-->".utf8) + tail
        let (memory, file) = try bothWays(bytes)
        #expect(memory == file)
    }
}
