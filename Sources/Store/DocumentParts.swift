import Crypto
public import Foundation

/// How a document too large to hold is kept: in parts of `size` bytes, rows of `inbound_part` in order, beside its
/// `inbound_document` row (whose `bytes` are then empty and whose `parts` say how many). A document no larger than
/// a part is kept whole in its row, as every document was before parts.
///
/// A kept-in-parts document's fingerprint is the SHA-256 of its bytes (`sha256:HEX-COUNT`), worked out a part at a
/// time as the parts are written: two such documents with the same fingerprint hold the same bytes, so that
/// finding a redelivery reads no earlier document back. A document kept whole keeps its cheap fingerprint
/// (`StoreFingerprint`), which only narrows the search before the bytes decide; the two never look alike.
public enum DocumentParts {
    /// 4 MiB: few enough rows for a gigabyte, small enough that keeping one holds little.
    public static let size = 4 << 20

    /// Whether a document of `count` bytes is kept in parts.
    public static func isParted(_ count: Int) -> Bool { count > size }

    /// `source` a part at a time, hashing what it reads.
    struct Reader {
        let source: any DocumentSource
        private var hash = SHA256()
        private var offset = 0
        private var index = 0

        init(_ source: any DocumentSource) { self.source = source }

        /// The next part and its index; nil after the last.
        mutating func next() throws -> (Int, [UInt8])? {
            guard offset < source.count else { return nil }
            let end = min(offset + size, source.count)
            let part = try source.bytes(in: offset..<end)
            guard part.count == end - offset else {
                throw DocumentPartsError(description: "read \(part.count) bytes at \(offset), expected \(end - offset)")
            }
            hash.update(data: part)
            defer {
                offset = end
                index += 1
            }
            return (index, part)
        }

        /// The fingerprint of every part read: the document's once the last is read.
        var fingerprint: String {
            let hex = hash.finalize().map { byte in
                let text = String(byte, radix: 16)
                return byte < 16 ? "0" + text : text
            }.joined()
            return "sha256:\(hex)-\(offset)"
        }
    }

    /// How many parts a document of `count` bytes is kept in.
    static func count(of count: Int) -> Int { (count + size - 1) / size }
}

/// A document's source gave fewer bytes than it said it holds (a file cut while it was kept).
struct DocumentPartsError: Error, CustomStringConvertible {
    var description: String
}

extension InboundDocument {
    /// The document with its bytes in hand, read from its source, when it is no larger than a part (kept whole, as
    /// bytes are); nil when it is kept in parts, or already holds its bytes.
    func inHand() throws(StoreError) -> InboundDocument? {
        guard let source, !DocumentParts.isParted(source.count) else { return nil }
        var whole = self
        do { whole.bytes = try source.bytes(in: 0..<source.count) } catch {
            throw StoreError("keep inbound document", underlying: error)
        }
        whole.source = nil
        return whole
    }
}
