public import Foundation

/// The keys the HTTP service accepts: API keys of trading partners and tokens of staff roles. A key is issued
/// once, with a secret the store never keeps (only a salted SHA-256 of it), and stays valid until revoked.
public protocol CredentialStore: Sendable {
    /// Issues a new key for `principal` (other keys of it stay valid).
    func issueKey(for principal: Principal, at: Date) async throws(StoreError) -> IssuedKey

    /// Issues a new key and revokes every other active key of `principal`, in one transaction.
    func rotateKey(for principal: Principal, at: Date) async throws(StoreError) -> IssuedKey

    /// Revokes every active key of `principal` (or only `keyID` when given); how many were revoked.
    func revokeKeys(of principal: Principal, keyID: String?, at: Date) async throws(StoreError) -> Int

    /// Every key, active and revoked, oldest first.
    func credentials() async throws(StoreError) -> [CredentialSummary]

    /// Who presented `token`, or nil for an unknown, malformed or revoked token. Compares in constant time.
    func authenticate(_ token: String) async throws(StoreError) -> Principal?
}
