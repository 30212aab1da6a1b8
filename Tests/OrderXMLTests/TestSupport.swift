import Foundation
import OrderXML
import Orders
import Testing

/// Where test inputs live: the shared corpus beside the package (`../shared/corpus`), and this package's fixtures.
enum TestFiles {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static var corpus: URL { packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus") }

    /// The bytes of a corpus file; records an issue naming the missing path when the corpus is absent.
    static func corpusFile(_ relativePath: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [UInt8]
    {
        let url = corpus.appendingPathComponent(relativePath)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            Issue.record(
                "corpus file missing: \(url.path) (the shared corpus must sit beside the package)",
                sourceLocation: sourceLocation)
            throw CocoaError(.fileNoSuchFile)
        }
        return Array(data)
    }

    static func fixture(_ relativePath: String) -> URL { packageRoot.appendingPathComponent(relativePath) }
}

extension OrderXMLDecoder {
    /// The only order in `text`; fails the test when there is not exactly one successful order.
    func singleOrder(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> PurchaseOrder {
        let results = decode(Array(text.utf8))
        try #require(results.count == 1, "expected one result, got \(results.count)", sourceLocation: sourceLocation)
        return try results[0].get()
    }

    /// The first failure in `text`'s results.
    func failure(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> OrderXMLError {
        try failure(Array(text.utf8), sourceLocation: sourceLocation)
    }

    func failure(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) throws -> OrderXMLError {
        let failures = decode(bytes).compactMap { result -> OrderXMLError? in
            if case .failure(let error) = result { return error }
            return nil
        }
        return try #require(failures.first, "expected a failure", sourceLocation: sourceLocation)
    }
}
