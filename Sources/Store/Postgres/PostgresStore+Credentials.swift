public import Foundation
import PostgresNIO

extension PostgresStore {
    public func issueKey(for principal: Principal, at: Date) async throws(StoreError) -> IssuedKey {
        try await transaction("issue key for \(principal)") { connection in
            try await lockKeys(of: principal, on: connection)
            return try await insert(NewCredential(for: principal, at: at), on: connection)
        }
    }

    public func rotateKey(for principal: Principal, at: Date) async throws(StoreError) -> IssuedKey {
        try await transaction("rotate key of \(principal)") { connection in
            try await lockKeys(of: principal, on: connection)
            _ = try await revoke(principal, keyID: nil, at: at, on: connection)
            return try await insert(NewCredential(for: principal, at: at), on: connection)
        }
    }

    public func revokeKeys(of principal: Principal, keyID: String?, at: Date) async throws(StoreError) -> Int {
        try await transaction("revoke keys of \(principal)") { connection in
            try await lockKeys(of: principal, on: connection)
            return try await revoke(principal, keyID: keyID, at: at, on: connection)
        }
    }

    public func credentials() async throws(StoreError) -> [CredentialSummary] {
        try await connection("list credentials") { connection in
            var summaries: [CredentialSummary] = []
            for row in try await rows(
                "SELECT key_id, kind, name, role, created_at, revoked_at FROM credential ORDER BY created_at, id",
                on: connection)
            {
                let (keyID, kind, name, role, createdAt, revokedAt) = try row.decode(
                    (String, String, String, String?, Double, Double?).self)
                summaries.append(
                    CredentialSummary(
                        keyID: keyID,
                        principal: try Principal.stored(
                            kind: kind, name: name, role: role, keyID: keyID, operation: "list credentials"),
                        createdAt: Date(timeIntervalSince1970: createdAt),
                        revokedAt: revokedAt.map(Date.init(timeIntervalSince1970:))))
            }
            return summaries
        }
    }

    public func authenticate(_ token: String) async throws(StoreError) -> Principal? {
        guard let token = CredentialToken(parsing: token) else { return nil }
        let stored = try await connection("authenticate") { connection -> StoredCredential? in
            guard
                let row = try await rows(
                    """
                    SELECT kind, name, role, salt, digest, revoked_at FROM credential WHERE key_id = \(token.keyID)
                    """, on: connection
                ).first
            else { return nil }
            let (kind, name, role, salt, digest, revokedAt) = try row.decode(
                (String, String, String?, ByteBuffer, ByteBuffer, Double?).self)
            return StoredCredential(
                principal: try Principal.stored(
                    kind: kind, name: name, role: role, keyID: token.keyID, operation: "authenticate"),
                digest: CredentialDigest(
                    salt: Array(salt.readableBytesView), digest: Array(digest.readableBytesView)),
                revokedAt: revokedAt.map(Date.init(timeIntervalSince1970:)))
        }
        return StoredCredential.principal(presenting: token, stored: stored)
    }

    /// The first key of the advisory locks that order changes to one principal's keys (the second is a hash of the
    /// principal): two rotations at once must not each leave their own new key active.
    static let credentialLock: Int32 = 3

    private func lockKeys(of principal: Principal, on connection: PostgresConnection) async throws {
        let key = "\(principal.kind.rawValue) \(principal.role ?? "") \(principal.name)"
        try await connection.query(
            "SELECT pg_advisory_xact_lock(\(Self.credentialLock), hashtext(\(key)))", logger: logger)
    }

    /// Inserts a new key in the caller's transaction, drawing another key id while the one drawn is taken (48
    /// random bits: a collision is rare, never an error).
    private func insert(_ credential: NewCredential, on connection: PostgresConnection) async throws -> IssuedKey {
        var credential = credential
        while true {
            let principal = credential.principal
            let inserted = try await rows(
                """
                INSERT INTO credential (key_id, kind, name, role, salt, digest, created_at)
                VALUES (\(credential.token.keyID), \(principal.kind.rawValue), \(principal.name),
                    \(principal.role)::text, \(ByteBuffer(bytes: credential.digest.salt)),
                    \(ByteBuffer(bytes: credential.digest.digest)), \(credential.createdAt.timeIntervalSince1970))
                ON CONFLICT (key_id) DO NOTHING
                RETURNING id
                """, on: connection)
            if !inserted.isEmpty { return credential.issued }
            credential.redraw()
        }
    }

    /// Revokes `principal`'s active keys (only `keyID` when given) in the caller's transaction; how many.
    private func revoke(_ principal: Principal, keyID: String?, at: Date, on connection: PostgresConnection)
        async throws -> Int
    {
        try await rows(
            """
            UPDATE credential SET revoked_at = \(at.timeIntervalSince1970)
            WHERE kind = \(principal.kind.rawValue) AND name = \(principal.name)
                AND role IS NOT DISTINCT FROM \(principal.role)::text AND revoked_at IS NULL
                AND (\(keyID)::text IS NULL OR key_id = \(keyID))
            RETURNING 1
            """, on: connection
        ).count
    }
}
