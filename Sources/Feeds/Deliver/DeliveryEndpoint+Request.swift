public import Foundation
public import Profiles

extension DeliveryEndpoint {
    /// The transfer that sends `body`, named `name`, here: an https:// endpoint gets it as the request entity; an
    /// sftp:// or file:// destination is a folder, and the body is written into it as `name`. Secrets are read from
    /// `environment` under the names the profile gives; a name that is not set fails with `missingCredential`.
    public func request(
        body: [UInt8], name: String, environment: [String: String], timeout: Duration, connectTimeout: Duration
    ) throws(FeedError) -> TransferRequest {
        let scheme = destination.scheme?.lowercased() ?? ""
        var url = destination.absoluteString
        var headers: [TransferRequest.Header] = []
        var credentials: TransferRequest.Credentials?
        var security = TransferSecurity(caBundle: options.caBundle)
        let redacted = TransferRequest(url: url, body: []).redactedURL

        func secret(_ key: String) throws(FeedError) -> String? {
            guard let variable = self.credentials[key] else { return nil }
            guard let value = environment[variable], !value.isEmpty else {
                throw FeedError(.missingCredential(variable: variable), url: redacted)
            }
            return value
        }

        switch scheme {
        case "http", "https":
            headers.append(.init("Content-Type", Self.contentType(of: name)))
            headers.append(.init("X-Document-Name", name))
            if let token = try secret("token") {
                credentials = .bearer(token: token)
            } else if let key = try secret("api-key") {
                credentials = .apiKey(header: options.apiKeyHeader ?? "X-API-Key", value: key)
            } else if let user = try secret("username") {
                credentials = .basic(user: user, password: try secret("password") ?? "")
            }
            security.clientCertificate = try secret("client-certificate")
            security.clientKey = try secret("client-key")
        case "sftp", "file":
            url = url.hasSuffix("/") ? url + name : url + "/" + name
            guard scheme == "sftp" else { break }
            security.knownHosts = options.knownHosts ?? environment["HOME"].map { $0 + "/.ssh/known_hosts" }
            let user = try secret("username") ?? destination.user
            guard let user else { throw FeedError(.missingCredential(variable: "username"), url: redacted) }
            if let key = try secret("key") {
                credentials = .sshKey(user: user, privateKeyPath: key, publicKeyPath: try secret("public-key") ?? "")
            } else {
                credentials = .basic(user: user, password: try secret("password") ?? "")
            }
        default:
            throw FeedError(.unsupportedURL, url: redacted)
        }
        return TransferRequest(
            url: url, method: options.method == .put ? .put : .post, headers: headers, body: body, timeout: timeout,
            connectTimeout: connectTimeout, credentials: credentials, security: security)
    }

    /// What the body is, from its name's extension.
    static func contentType(of name: String) -> String {
        switch name.split(separator: ".").last?.lowercased() {
        case "x12", "edi": "application/edi-x12"
        case "json": "application/json"
        case "xml": "application/xml"
        case "csv": "text/csv"
        default: "text/plain; charset=utf-8"
        }
    }
}
