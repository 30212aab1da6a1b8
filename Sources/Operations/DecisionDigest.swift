internal import Crypto
public import Routing

extension RoutingDecision {
    /// SHA-256, in hex, of the decision's JSON as the store keeps it (`recordJSON`): two decisions with one digest
    /// read the same byte for byte. Nil when the decision cannot be encoded. (A decision encodes as its `written()`
    /// copy does, which the gateway stores: its sentences are written once here, while encoding.)
    public var digest: String? {
        (try? recordJSON()).map(Self.digest(ofJSON:))
    }

    /// The digest of a decision's JSON already written.
    public static func digest(ofJSON json: String) -> String {
        SHA256.hash(data: Array(json.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
