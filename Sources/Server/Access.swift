import Hummingbird
import Store

/// Who may do what: a partner posts only as itself and reads only its own documents and orders; staff read
/// everything; only an admin changes the world (nodes, stock) or reads the outbox, the feeds and the operations
/// scorecard (every retailer's fees and allowances).
enum Access {
    /// The partner a key belongs to, when it may post as `partner`; else 403.
    static func post(as partner: String, by principal: Principal) throws -> String {
        guard case .partner(let own) = principal else {
            throw HTTPError(
                .forbidden, message: "only a partner's own key may post its documents; this is \(principal)")
        }
        guard own == partner else {
            throw HTTPError(
                .forbidden, message: "this key is partner '\(own)''s: it may post only as '\(own)', not '\(partner)'")
        }
        return own
    }

    /// Whether `principal` may read what belongs to `owner` (a document's partner or an order's retailer); 403 if
    /// not.
    static func read(ownedBy owner: String?, by principal: Principal) throws {
        switch principal {
        case .staff: return
        case .partner(let own):
            guard own == owner else {
                throw HTTPError(.forbidden, message: "partner '\(own)' may read only its own documents and orders")
            }
        }
    }

    /// 403 unless `principal` is staff with `role` (an admin may do what a warehouse role may).
    static func require(_ role: Role, _ principal: Principal) throws {
        if case .staff(let held, _) = principal, held == role || held == .admin { return }
        throw HTTPError(.forbidden, message: "this needs a \(role.rawValue) token; this is \(principal)")
    }
}
