import Crypto

/// The SHA-256 of a body, as lowercase hex: how a feed run names exactly what was sent, for a retailer's support
/// desk and for deltas that must know which picture the retailer holds.
enum SHA256Digest {
    static func hex(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
    }
}
