import Foundation
import HTTPTypes
import Hummingbird
import Store

/// Tells who sent a request from its key: `Authorization: Bearer KEY` or `X-API-Key: KEY`. No key, or a key the
/// store does not know or has revoked, is 401 and nothing else happens.
struct Authenticator: Sendable {
    let store: any CredentialStore

    static let apiKeyHeader = HTTPField.Name("X-API-Key")!

    func principal(of request: Request) async throws -> Principal {
        guard let token = Self.token(in: request.headers) else {
            throw HTTPError(
                .unauthorized, headers: [.wwwAuthenticate: "Bearer realm=\"dropgate\""],
                message: "no API key: send Authorization: Bearer KEY (dropgate partners add ID makes one)")
        }
        let principal: Principal?
        do { principal = try await store.authenticate(token) } catch {
            throw HTTPError(.serviceUnavailable, headers: [.retryAfter: "1"], message: "keys cannot be checked now")
        }
        guard let principal else {
            throw HTTPError(
                .unauthorized, headers: [.wwwAuthenticate: "Bearer realm=\"dropgate\", error=\"invalid_token\""],
                message: "the API key is unknown or revoked")
        }
        return principal
    }

    static func token(in headers: HTTPFields) -> String? {
        if let value = headers[.authorization] {
            let parts = value.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" {
                let token = parts[1].trimmingCharacters(in: .whitespaces)
                return token.isEmpty ? nil : token
            }
            return nil
        }
        return headers[apiKeyHeader].flatMap { $0.isEmpty ? nil : $0 }
    }
}
