public import Foundation

/// Where a PostgreSQL store lives, read from a libpq-style URL: `postgres://user[:password]@host[:port]/database`
/// with an optional `?sslmode=…` (`postgresql://` works too).
///
/// The password comes from the URL, else from `PGPASSWORD` (as libpq does: the URL wins). The database defaults to
/// the user name and the port to 5432. `sslmode` follows libpq's meaning: `disable` (the default here: the issue asks
/// for TLS only "when asked"), `prefer`, `require` (encrypted, the server's certificate not checked), `verify-ca`
/// (checked against the system's roots, any host name) and `verify-full` (checked, host name too). Any other query
/// parameter is refused rather than ignored, so that a typo cannot silently turn TLS off.
public struct PostgresLocation: Hashable, Sendable, CustomStringConvertible {
    public enum TLSMode: String, Hashable, Sendable, CaseIterable {
        case disable
        case prefer
        case require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    public var tls: TLSMode

    public init(
        host: String, port: Int = 5432, user: String, password: String? = nil, database: String,
        tls: TLSMode = .disable
    ) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
        self.tls = tls
    }

    /// Reads `url`; `environment` supplies `PGPASSWORD` when the URL has no password.
    public init(url: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(StoreError)
    {
        func refuse(_ reason: String) -> StoreError {
            StoreError("read database URL", code: .unavailable, underlying: PostgresLocationError(reason: reason))
        }
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            scheme == "postgres" || scheme == "postgresql"
        else { throw refuse("expected postgres://user[:password]@host[:port]/database") }
        guard var host = components.host, !host.isEmpty else { throw refuse("no host") }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard let user = components.user, !user.isEmpty else { throw refuse("no user name") }
        let port = components.port ?? 5432
        guard (1...65535).contains(port) else { throw refuse("port \(port) is out of range") }
        var database = components.path
        if database.hasPrefix("/") { database.removeFirst() }
        guard !database.contains("/") else { throw refuse("the database name cannot contain '/'") }
        var tls = TLSMode.disable
        for item in components.queryItems ?? [] {
            guard item.name == "sslmode" else { throw refuse("unknown parameter '\(item.name)'") }
            guard let value = item.value, let mode = TLSMode(rawValue: value) else {
                throw refuse(
                    "sslmode must be one of \(TLSMode.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            tls = mode
        }
        let password = components.password ?? environment["PGPASSWORD"]
        self.init(
            host: host, port: port, user: user, password: password, database: database.isEmpty ? user : database,
            tls: tls)
    }

    /// The URL without its password.
    public var description: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "postgres://\(user)@\(shownHost):\(port)/\(database)?sslmode=\(tls.rawValue)"
    }
}

/// Why a database URL was refused. Names the part, never the password.
struct PostgresLocationError: Error, CustomStringConvertible {
    var reason: String
    var description: String { reason }
}
