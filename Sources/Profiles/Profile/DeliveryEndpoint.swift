public import Foundation
internal import Yams

/// Where something we send goes, and how to log in there: a retailer's feed or document endpoint, a DC's drop folder
/// or WMS. Credentials are the NAMES of environment variables (`username`, `password`, `token`, `api-key`, `key`,
/// `public-key`, `client-certificate`, `client-key`); the secrets are read when sending, never kept in files.
public struct DeliveryEndpoint: Hashable, Sendable, Codable {
    /// An https:// endpoint (the body is the request entity), or an sftp:// or file:// folder (the document is
    /// written into it under its name).
    public var destination: URL
    public var credentials: [String: String]
    public var options: DeliveryOptions

    public init(destination: URL, credentials: [String: String] = [:], options: DeliveryOptions = DeliveryOptions()) {
        self.destination = destination
        self.credentials = credentials
        self.options = options
    }

    /// The credential keys a profile may name.
    public static let credentialKeys = [
        "username", "password", "token", "api-key", "key", "public-key", "client-certificate", "client-key",
    ]

    /// Credentials must name environment variables (`WALMART_SFTP_PASSWORD`), never hold the secret.
    static func checkCredentials(_ credentials: [String: String], _ f: Fields, _ d: inout Diagnostics) {
        for (name, variable) in credentials.sorted(by: { $0.key < $1.key })
        where variable.isEmpty || !variable.allSatisfy({ $0.isUppercase || $0.isNumber || $0 == "_" }) {
            d.report(
                "credential '\(name)' must name an environment variable (like WALMART_SFTP_PASSWORD), "
                    + "never hold the secret", at: f["credentials"], path: f.path("credentials"))
        }
    }
}

/// How to send to an endpoint, beyond its URL and credentials.
public struct DeliveryOptions: Hashable, Sendable, Codable {
    /// HTTP method for https:// endpoints; POST when not given.
    public var method: Method?
    /// The header an `api-key` credential is sent in; `X-API-Key` when not given.
    public var apiKeyHeader: String?
    /// An OpenSSH known_hosts file the sftp:// server's host key must be listed in.
    public var knownHosts: String?
    /// A PEM bundle of the CAs to verify an https:// server with, instead of the system's.
    public var caBundle: String?

    public enum Method: String, Hashable, Sendable, Codable, CaseIterable, YAMLEnum {
        case post = "POST"
        case put = "PUT"
    }

    public init(method: Method? = nil, apiKeyHeader: String? = nil, knownHosts: String? = nil, caBundle: String? = nil)
    {
        self.method = method
        self.apiKeyHeader = apiKeyHeader
        self.knownHosts = knownHosts
        self.caBundle = caBundle
    }

    static let keys = ["method", "api-key-header", "known-hosts", "ca-bundle"]

    static func read(_ f: Fields, _ d: inout Diagnostics) -> DeliveryOptions {
        DeliveryOptions(
            method: d.optional(f, "method"), apiKeyHeader: d.optional(f, "api-key-header"),
            knownHosts: d.optional(f, "known-hosts"), caBundle: d.optional(f, "ca-bundle"))
    }
}

extension DeliveryEndpoint: YAMLReadable {
    static let keys = ["destination", "credentials"] + DeliveryOptions.keys

    static func read(_ node: Node, path: String, _ d: inout Diagnostics) -> DeliveryEndpoint? {
        guard let f = d.fields(node, path: path, keys: keys) else { return nil }
        let destination: URL? = d.required(f, "destination")
        let credentials: [String: String] = d.value(f, "credentials", default: [:])
        checkCredentials(credentials, f, &d)
        let options = DeliveryOptions.read(f, &d)
        guard let destination else { return nil }
        return DeliveryEndpoint(destination: destination, credentials: credentials, options: options)
    }
}
