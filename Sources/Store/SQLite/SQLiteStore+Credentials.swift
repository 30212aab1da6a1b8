public import Foundation
import GRDB

extension SQLiteStore {
    public func issueKey(for principal: Principal, at: Date) async throws(StoreError) -> IssuedKey {
        try await write("issue key for \(principal)") { db in
            try Self.insert(NewCredential(for: principal, at: at), in: db)
        }
    }

    public func rotateKey(for principal: Principal, at: Date) async throws(StoreError) -> IssuedKey {
        try await write("rotate key of \(principal)") { db in
            _ = try Self.revoke(principal, keyID: nil, at: at, in: db)
            return try Self.insert(NewCredential(for: principal, at: at), in: db)
        }
    }

    public func revokeKeys(of principal: Principal, keyID: String?, at: Date) async throws(StoreError) -> Int {
        try await write("revoke keys of \(principal)") { db in try Self.revoke(principal, keyID: keyID, at: at, in: db)
        }
    }

    public func credentials() async throws(StoreError) -> [CredentialSummary] {
        try await read("list credentials") { db in
            try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT key_id, kind, name, role, created_at, revoked_at FROM credential
                        ORDER BY created_at, id
                        """)
            ).map { row throws(StoreError) in
                let keyID: String = row["key_id"]
                let revokedAt: Double? = row["revoked_at"]
                return CredentialSummary(
                    keyID: keyID,
                    principal: try Principal.stored(
                        kind: row["kind"], name: row["name"], role: row["role"], keyID: keyID,
                        operation: "list credentials"),
                    createdAt: Date(timeIntervalSince1970: row["created_at"]),
                    revokedAt: revokedAt.map(Date.init(timeIntervalSince1970:)))
            }
        }
    }

    public func authenticate(_ token: String) async throws(StoreError) -> Principal? {
        guard let token = CredentialToken(parsing: token) else { return nil }
        let stored = try await read("authenticate") { db -> StoredCredential? in
            guard
                let row = try Row.fetchOne(
                    db.cachedStatement(
                        sql: "SELECT kind, name, role, salt, digest, revoked_at FROM credential WHERE key_id = ?"),
                    arguments: [token.keyID])
            else { return nil }
            let revokedAt: Double? = row["revoked_at"]
            return StoredCredential(
                principal: try Principal.stored(
                    kind: row["kind"], name: row["name"], role: row["role"], keyID: token.keyID,
                    operation: "authenticate"),
                digest: CredentialDigest(salt: [UInt8](row["salt"] as Data), digest: [UInt8](row["digest"] as Data)),
                revokedAt: revokedAt.map(Date.init(timeIntervalSince1970:)))
        }
        return StoredCredential.principal(presenting: token, stored: stored)
    }

    /// Inserts a new key in the caller's transaction, drawing another key id while the one drawn is taken (48
    /// random bits: a collision is rare, never an error).
    static func insert(_ credential: NewCredential, in db: Database) throws -> IssuedKey {
        var credential = credential
        while try Bool.fetchOne(
            db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM credential WHERE key_id = ?)"),
            arguments: [credential.token.keyID]) == true
        {
            credential.redraw()
        }
        let principal = credential.principal
        try db.cachedStatement(
            sql: """
                INSERT INTO credential (key_id, kind, name, role, salt, digest, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(
            arguments: [
                credential.token.keyID, principal.kind.rawValue, principal.name, principal.role,
                Data(credential.digest.salt), Data(credential.digest.digest),
                credential.createdAt.timeIntervalSince1970,
            ])
        return credential.issued
    }

    /// Revokes `principal`'s active keys (only `keyID` when given) in the caller's transaction; how many.
    static func revoke(_ principal: Principal, keyID: String?, at: Date, in db: Database) throws -> Int {
        try db.cachedStatement(
            sql: """
                UPDATE credential SET revoked_at = ?
                WHERE kind = ? AND name = ? AND role IS ? AND revoked_at IS NULL AND (? IS NULL OR key_id = ?)
                """
        ).execute(
            arguments: [
                at.timeIntervalSince1970, principal.kind.rawValue, principal.name, principal.role, keyID, keyID,
            ])
        return db.changesCount
    }
}
