public import Foundation

/// Who a presented key belongs to.
public enum Principal: Hashable, Sendable, CustomStringConvertible {
    /// A retailer trading partner, by its profile id (e.g. "walmart"): posts its own documents, reads its own.
    case partner(String)
    /// A member of staff with a role, by a name for the audit trail.
    case staff(Role, name: String)

    /// `partner walmart`, `admin alice`: how a log line or a listing names it.
    public var description: String {
        switch self {
        case .partner(let id): "partner \(id)"
        case .staff(let role, let name): "\(role.rawValue) \(name)"
        }
    }
}

/// What a member of staff may do through the service.
public enum Role: String, Hashable, Sendable, CaseIterable {
    /// Reads orders and pick tickets, moves orders on toward shipping.
    case warehouse
    /// Everything, the keys of others included.
    case admin
}

/// A key as issued: the secret is shown once, here, and never stored.
public struct IssuedKey: Sendable {
    /// The key's public half: 12 lowercase hex digits, unique, how the store finds the key when it is presented.
    public var keyID: String
    /// The whole token to present (`dg_<keyID>_<secret>`). The store keeps only a salted SHA-256 of its secret, so
    /// it cannot be shown again.
    public var secret: String
    /// Whom the store will take the token for.
    public var principal: Principal
    /// When it was issued, as the store keeps instants (seconds since 1970).
    public var createdAt: Date

    public init(keyID: String, secret: String, principal: Principal, createdAt: Date) {
        self.keyID = keyID
        self.secret = secret
        self.principal = principal
        self.createdAt = createdAt
    }
}

/// A stored key, without its secret.
public struct CredentialSummary: Hashable, Sendable {
    /// The key's public id, as its token begins (`dg_<keyID>_…`): what an operator names to revoke it.
    public var keyID: String
    /// Whom the key stands for.
    public var principal: Principal
    /// When it was issued.
    public var createdAt: Date
    /// When the key stopped being accepted; nil while it is active.
    public var revokedAt: Date?

    public init(keyID: String, principal: Principal, createdAt: Date, revokedAt: Date?) {
        self.keyID = keyID
        self.principal = principal
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }

    /// Whether the key is still accepted.
    public var isActive: Bool { revokedAt == nil }
}
