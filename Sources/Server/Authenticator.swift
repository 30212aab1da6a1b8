import Foundation
import HTTPTypes
import Hummingbird
import Store

/// Tells who sent a request from its key: `Authorization: Bearer KEY` or `X-API-Key: KEY`. No key, or a key the
/// store does not know or has revoked, is 401 and nothing else happens.
///
/// Behind a proxy that terminates TLS and verifies partners' client certificates, `clientIdentityHeader` names the
/// header the proxy sets to the verified certificate's subject (nginx's `$ssl_client_s_dn`, say): a partner's key
/// is then taken only with a certificate of the same partner (its CN, or the whole value), so that a stolen key
/// alone acts as no one. Staff tokens are not asked for one. When the service terminates mutual TLS itself
/// (`ServiceTLS` with a client CA), the certificate the handshake verified is read off the connection instead.
struct Authenticator: Sendable {
    let store: any CredentialStore
    var clientIdentityHeader: HTTPField.Name?
    /// The service terminates mutual TLS itself: a partner's key is taken only with that partner's verified client
    /// certificate (its CN).
    var clientCertificates = false
    /// Keys checked in the last second.
    var cache: KeyCache?

    static let apiKeyHeader = HTTPField.Name("X-API-Key")!

    /// Who sent `request`. `context` is the request's connection, for its client certificate under mutual TLS; nil
    /// where only staff tokens are taken (the pages), which no certificate backs.
    func principal(of request: Request, context: DropgateRequestContext?) async throws -> Principal {
        guard let token = Self.token(in: request.headers) else {
            throw HTTPError(
                .unauthorized, headers: [.wwwAuthenticate: "Bearer realm=\"dropgate\""],
                message: "no API key: send Authorization: Bearer KEY (dropgate partners add ID makes one)")
        }
        var principal = cache?.principal(for: token)
        if principal == nil {
            do { principal = try await store.authenticate(token) } catch {
                throw HTTPError(
                    .serviceUnavailable, headers: [.retryAfter: "1"], message: "keys cannot be checked now")
            }
            if let principal { cache?.remember(principal, for: token) }
        }
        guard let principal else {
            throw HTTPError(
                .unauthorized, headers: [.wwwAuthenticate: "Bearer realm=\"dropgate\", error=\"invalid_token\""],
                message: "the API key is unknown or revoked")
        }
        let certificates = clientCertificates ? context : nil
        if clientIdentityHeader != nil || certificates != nil, case .partner(let partner) = principal {
            let identity: String?
            if let certificates {
                identity = await certificates.peerCertificate().flatMap(ServiceTLS.identity(of:))
            } else {
                identity = clientIdentityHeader.flatMap { request.headers[$0] }.flatMap(Self.identity(inSubject:))
            }
            guard let identity else {
                throw HTTPError(.unauthorized, message: "no verified client certificate came with the key")
            }
            guard identity == partner else {
                throw HTTPError(
                    .forbidden, message: "the client certificate is '\(identity)''s, the key partner '\(partner)''s")
            }
        }
        return principal
    }

    /// The identity a certificate subject names: its CN (`CN=walmart,O=…` or `/O=…/CN=walmart`), or the whole value
    /// when it has none.
    static func identity(inSubject subject: String) -> String? {
        let parts = subject.split(whereSeparator: { $0 == "," || $0 == "/" }).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        if let common = parts.first(where: { $0.uppercased().hasPrefix("CN=") }) {
            let name = String(common.dropFirst(3))
            return name.isEmpty ? nil : name
        }
        let whole = subject.trimmingCharacters(in: .whitespaces)
        return whole.isEmpty ? nil : whole
    }

    /// The key in `Authorization: Bearer`, else `X-API-Key`, else the warehouse pages' cookie (a browser sends no
    /// header of its own: `POST /warehouse/login` sets the cookie).
    static func token(in headers: HTTPFields) -> String? {
        if let value = headers[.authorization] {
            let parts = value.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" {
                let token = trimmed(parts[1])
                return token.isEmpty ? nil : token
            }
            return nil
        }
        if let key = headers[apiKeyHeader], !key.isEmpty { return key }
        return cookieToken(in: headers)
    }

    /// `text` without the spaces and tabs HTTP allows around a field's parts (optional whitespace, RFC 9110 5.6.3):
    /// Foundation's `trimmingCharacters(in:)` bridged every request's key through `NSString` and back.
    static func trimmed(_ text: Substring) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = text.firstIndex(where: { !isSpace($0) }), let last = text.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(text[first...last])
    }

    /// The cookie that holds a key a person typed into `/warehouse/login` (HttpOnly, SameSite=Strict).
    static let cookieName = "dropgate_key"

    static func cookieToken(in headers: HTTPFields) -> String? {
        for field in headers[values: .cookie] {
            for pair in field.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2, trimmed(parts[0]) == cookieName else { continue }
                let value = trimmed(parts[1])
                if !value.isEmpty { return value }
            }
        }
        return nil
    }
}
