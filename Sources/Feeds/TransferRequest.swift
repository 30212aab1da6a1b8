/// One upload: a body sent to a destination (https POST/PUT to a retailer's endpoint, or a file written over
/// sftp:// or file://).
public struct TransferRequest: Sendable {
    public var url: String
    public var method: Method
    public var headers: [Header]
    public var body: [UInt8]
    /// Whole-transfer limit; a feed that cannot be delivered in this time is retried later, not waited on.
    public var timeout: Duration
    public var connectTimeout: Duration
    public var credentials: Credentials?
    /// How the destination proves who it is (TLS CA bundle, SFTP known hosts) and how we prove who we are (a TLS
    /// client certificate).
    public var security: TransferSecurity

    public init(
        url: String, method: Method = .post, headers: [Header] = [], body: [UInt8], timeout: Duration = .seconds(30),
        connectTimeout: Duration = .seconds(10), credentials: Credentials? = nil,
        security: TransferSecurity = TransferSecurity()
    ) {
        self.url = url
        self.method = method
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.connectTimeout = connectTimeout
        self.credentials = credentials
        self.security = security
    }

    public enum Method: String, Sendable {
        /// HTTP POST with the body as the request entity.
        case post = "POST"
        /// HTTP PUT, or an upload for file:// and sftp:// (which have no methods).
        case put = "PUT"
    }

    public struct Header: Hashable, Sendable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// How to log in. Secrets are resolved from the environment by the caller; they are never kept in profiles.
    public enum Credentials: Sendable {
        case basic(user: String, password: String)
        case bearer(token: String)
        /// SSH public-key login for sftp://. An empty `publicKeyPath` lets libssh2 derive it from the private key.
        case sshKey(user: String, privateKeyPath: String, publicKeyPath: String)
        /// A key sent in a header of the retailer's choosing (`X-API-Key`, Mirakl's `Authorization`).
        case apiKey(header: String, value: String)
    }

    /// The URL with any `user:password@` removed, for messages and logs.
    public var redactedURL: String {
        let bytes = Array(url.utf8)
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), bytes[colon...].starts(with: Array("://".utf8))
        else { return url }
        let authorityStart = colon + 3
        let authorityEnd = bytes[authorityStart...].firstIndex(of: UInt8(ascii: "/")) ?? bytes.endIndex
        guard let at = bytes[authorityStart..<authorityEnd].lastIndex(of: UInt8(ascii: "@")) else { return url }
        return String(decoding: bytes[..<authorityStart] + bytes[(at + 1)...], as: UTF8.self)
    }
}

/// Trust settings of one transfer. TLS peer and host verification are always on; these only say what to trust and
/// what to present.
public struct TransferSecurity: Hashable, Sendable {
    /// A PEM file of CA certificates to verify the server with, instead of the system's bundle.
    public var caBundle: String?
    /// A PEM client certificate, and its key, for servers that ask for one (mutual TLS).
    public var clientCertificate: String?
    public var clientKey: String?
    /// An OpenSSH known_hosts file: an sftp:// server whose host key it does not list is refused.
    public var knownHosts: String?

    public init(
        caBundle: String? = nil, clientCertificate: String? = nil, clientKey: String? = nil, knownHosts: String? = nil
    ) {
        self.caBundle = caBundle
        self.clientCertificate = clientCertificate
        self.clientKey = clientKey
        self.knownHosts = knownHosts
    }
}

/// What came back: the HTTP status (0 for file://, sftp:// has none either), the response headers and body.
public struct TransferResponse: Sendable {
    public var status: Int
    public var headers: [TransferRequest.Header]
    public var body: [UInt8]
    public var bytesSent: Int
    public var totalTime: Duration

    public init(status: Int, headers: [TransferRequest.Header], body: [UInt8], bytesSent: Int, totalTime: Duration) {
        self.status = status
        self.headers = headers
        self.body = body
        self.bytesSent = bytesSent
        self.totalTime = totalTime
    }

    public var isSuccess: Bool { status == 0 || (200..<300).contains(status) }

    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}
