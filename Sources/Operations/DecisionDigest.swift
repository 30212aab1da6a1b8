internal import Crypto
public import Orders
public import Routing

extension RoutingDecision {
    /// SHA-256, in hex, of the decision's JSON as the store keeps it (`recordJSON`): two decisions with one digest
    /// read the same byte for byte. Nil when the decision cannot be encoded. (A decision encodes as its `written()`
    /// copy does, which the gateway stores: its sentences are written once here, while encoding.)
    public var digest: String? {
        // The bytes `recordJSON` makes its text of, hashed as they are.
        (try? CompactJSONEncoder(dates: .iso8601).encode(self)).map(Self.digest(ofBytes:))
    }

    /// The digest of a decision's JSON already written.
    public static func digest(ofJSON json: String) -> String {
        digest(ofBytes: Array(json.utf8))
    }

    static func digest(ofBytes bytes: [UInt8]) -> String {
        let hex = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in SHA256.hash(data: bytes) {
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
