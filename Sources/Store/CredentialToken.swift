import Crypto
import Foundation

/// A token as a key's holder presents it: `dg_<keyID>_<secret>`, the key id 12 random lowercase hex digits (public:
/// how the store finds the key), the secret 32 random bytes in base64url without padding (43 characters). The
/// secret may itself hold `_`: the parts are found by their fixed lengths, never by splitting.
struct CredentialToken: Hashable {
    var keyID: String
    var secret: String

    static let prefix = "dg_"
    static let keyIDLength = 12
    static let secretLength = 43
    /// `dg_`, the key id, `_`, the secret.
    static let length = prefix.utf8.count + keyIDLength + 1 + secretLength

    init(keyID: String, secret: String) {
        self.keyID = keyID
        self.secret = secret
    }

    /// The whole token, as presented.
    var text: String { Self.prefix + keyID + "_" + secret }

    /// A new key id and secret from the system's random number generator.
    static func random() -> CredentialToken {
        let id = CredentialRandom.bytes(keyIDLength / 2).map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
        let secret = Data(CredentialRandom.bytes(32)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return CredentialToken(keyID: id, secret: secret)
    }

    /// `token` in its parts, or nil when it is not of the form at all: any other length, prefix or alphabet.
    /// Reads bytes only, so that no input can make it trap.
    init?(parsing token: String) {
        // The length first: a hostile megabyte is refused before it is copied.
        guard token.utf8.count == Self.length else { return nil }
        let bytes = Array(token.utf8)
        let prefix = Array(Self.prefix.utf8)
        guard Array(bytes[0..<prefix.count]) == prefix else { return nil }
        let idEnd = prefix.count + Self.keyIDLength
        let id = bytes[prefix.count..<idEnd]
        let secret = bytes[(idEnd + 1)...]
        guard bytes[idEnd] == UInt8(ascii: "_"), id.allSatisfy(Self.isLowercaseHex),
            secret.allSatisfy(Self.isBase64URL)
        else { return nil }
        keyID = String(decoding: id, as: UTF8.self)
        self.secret = String(decoding: secret, as: UTF8.self)
    }

    static func isLowercaseHex(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }

    static func isBase64URL(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: "_")
    }
}

/// Random bytes for key ids, secrets and salts, from `SystemRandomNumberGenerator` (the operating system's
/// cryptographically secure source).
enum CredentialRandom {
    static func bytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
}

/// What the store keeps of a secret: a per-key random 16-byte salt and SHA-256(salt ‖ the secret's UTF-8 text).
/// The text, not its decoded bytes, so that one key has exactly one secret that matches it.
struct CredentialDigest {
    var salt: [UInt8]
    var digest: [UInt8]

    static let saltLength = 16
    static let digestLength = 32

    /// A new salt and the digest of `secret` with it.
    init(secret: String) {
        let salt = CredentialRandom.bytes(Self.saltLength)
        self.init(salt: salt, digest: Self.digest(of: secret, salt: salt))
    }

    init(salt: [UInt8], digest: [UInt8]) {
        self.salt = salt
        self.digest = digest
    }

    static func digest(of secret: String, salt: [UInt8]) -> [UInt8] {
        var hash = SHA256()
        hash.update(data: salt)
        hash.update(data: Array(secret.utf8))
        return Array(hash.finalize())
    }

    /// Whether `secret` is the one this digest was made from. Every byte is compared, with no early exit, so that
    /// the time taken does not say how many leading bytes of a guess were right.
    func matches(_ secret: String) -> Bool {
        let presented = Self.digest(of: secret, salt: salt)
        guard digest.count == Self.digestLength, presented.count == Self.digestLength else { return false }
        var difference: UInt8 = 0
        for index in 0..<Self.digestLength { difference |= presented[index] ^ digest[index] }
        return difference == 0
    }

    /// What an unknown key id is checked against, so that it costs the same hash and comparison as a known one and
    /// the time taken does not tell known ids from unknown. No secret's digest is all zeros.
    static let unknown = CredentialDigest(
        salt: Array(repeating: 0, count: saltLength), digest: Array(repeating: 0, count: digestLength))
}

/// A key's row as `authenticate` reads it.
struct StoredCredential {
    var principal: Principal
    var digest: CredentialDigest
    var revokedAt: Date?

    /// Who presented `token`, given the row of its key id (nil: no such key): nil unless the secret matches and the
    /// key is active. The hash and comparison run whether or not the row exists.
    static func principal(presenting token: CredentialToken, stored: StoredCredential?) -> Principal? {
        let matches = (stored?.digest ?? CredentialDigest.unknown).matches(token.secret)
        guard let stored, matches, stored.revokedAt == nil else { return nil }
        return stored.principal
    }
}

/// A key about to be inserted: its token (returned once) and what the store keeps of it.
struct NewCredential {
    var token: CredentialToken
    var digest: CredentialDigest
    var principal: Principal
    var createdAt: Date

    init(for principal: Principal, at: Date) {
        token = CredentialToken.random()
        digest = CredentialDigest(secret: token.secret)
        self.principal = principal
        createdAt = at.asStored
    }

    /// Another key id (and secret), after the first collided with a stored one.
    mutating func redraw() { self = NewCredential(for: principal, at: createdAt) }

    var issued: IssuedKey {
        IssuedKey(keyID: token.keyID, secret: token.text, principal: principal, createdAt: createdAt)
    }
}

/// How a principal is kept in the `credential` table's `kind`, `name` and `role` columns.
enum PrincipalKind: String, StoredCode {
    case partner, staff
    static var storedName: String { "principal kind" }
}

extension Role: StoredCode {
    static var storedName: String { "role" }
}

extension Principal {
    var kind: PrincipalKind {
        switch self {
        case .partner: .partner
        case .staff: .staff
        }
    }

    var name: String {
        switch self {
        case .partner(let id): id
        case .staff(_, let name): name
        }
    }

    /// The role's stored name; nil for a partner.
    var role: String? {
        switch self {
        case .partner: nil
        case .staff(let role, _): role.rawValue
        }
    }

    /// The principal a `credential` row names, or a `.corrupt` error naming the key.
    static func stored(kind: String, name: String, role: String?, keyID: String, operation: String)
        throws(StoreError) -> Principal
    {
        let row = "key \(keyID)"
        switch try PrincipalKind.stored(kind, row: row, operation: operation) {
        case .partner: return .partner(name)
        case .staff:
            return .staff(try Role.stored(role ?? "", row: row, operation: operation), name: name)
        }
    }
}
