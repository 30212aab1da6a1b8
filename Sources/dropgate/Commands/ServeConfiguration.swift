import ArgumentParser
import Foundation
import Yams

/// `dropgate serve`'s settings, each from (first found) its option, its environment variable, the config file,
/// or its default: the same service runs from a unit file's environment, a config file or a command line.
struct ServeConfiguration: Equatable {
    var host = "127.0.0.1"
    var port = 8080
    var db = "dropgate.sqlite"
    var profiles = "retailer-profiles"
    var network = "fixtures/network.yaml"
    var items = "fixtures/items.csv"
    var inbox: String?
    var maxBodyBytes = 16 << 20
    var maxInFlight = 256
    var workers = 128
    var reloadSeconds = 2.0
    var idleSeconds = 30.0
    var clientIdentityHeader: String?
    /// PEM files for TLS the service terminates itself: its certificate chain and key, and the CA that signs
    /// partners' client certificates (mutual TLS).
    var tlsCertificate: String?
    var tlsKey: String?
    var tlsClientCA: String?
    /// Seconds between passes of the delivery loop (due feeds, then the due outbox); 0 turns it off.
    var deliverEvery = 15.0
    /// Hours before a deadline that the deadlines page and the pick list call it due soon.
    var dueSoonHours = 4.0

    /// The keys a config file may hold, each with its environment variable.
    static let keys: [(key: String, variable: String)] = [
        ("host", "DROPGATE_HOST"), ("port", "DROPGATE_PORT"), ("db", "DROPGATE_DB"),
        ("profiles", "DROPGATE_PROFILES"), ("network", "DROPGATE_NETWORK"), ("items", "DROPGATE_ITEMS"),
        ("inbox", "DROPGATE_INBOX"), ("max-body-bytes", "DROPGATE_MAX_BODY_BYTES"),
        ("max-in-flight", "DROPGATE_MAX_IN_FLIGHT"), ("workers", "DROPGATE_WORKERS"),
        ("reload-seconds", "DROPGATE_RELOAD_SECONDS"), ("idle-seconds", "DROPGATE_IDLE_SECONDS"),
        ("client-identity-header", "DROPGATE_CLIENT_IDENTITY_HEADER"), ("deliver-every", "DROPGATE_DELIVER_EVERY"),
        ("due-soon", "DROPGATE_DUE_SOON"), ("tls-certificate", "DROPGATE_TLS_CERTIFICATE"),
        ("tls-key", "DROPGATE_TLS_KEY"), ("tls-client-ca", "DROPGATE_TLS_CLIENT_CA"),
    ]

    /// Resolves every setting; a value that does not read (a port that is no number, an unknown key in the
    /// file) is an error that says where it came from.
    static func resolve(options: [String: String], environment: [String: String], file: String?) throws
        -> ServeConfiguration
    {
        var fromFile: [String: String] = [:]
        if let file { fromFile = try read(file) }
        var configuration = ServeConfiguration()
        for (key, variable) in keys {
            let found: (value: String, source: String)? =
                options[key].map { ($0, "--\(key)") } ?? environment[variable].map { ($0, "$\(variable)") }
                ?? fromFile[key].map { ($0, "\(file ?? "config"): \(key)") }
            guard let (value, source) = found else { continue }
            try configuration.set(key, value, source: source)
        }
        if (configuration.tlsCertificate == nil) != (configuration.tlsKey == nil) {
            throw ValidationError("tls-certificate and tls-key go together: the service needs both to speak TLS")
        }
        if configuration.tlsClientCA != nil, configuration.tlsCertificate == nil {
            throw ValidationError("tls-client-ca asks for mutual TLS: it needs tls-certificate and tls-key too")
        }
        return configuration
    }

    private mutating func set(_ key: String, _ value: String, source: String) throws {
        func number(_ range: ClosedRange<Int>) throws -> Int {
            guard let number = Int(value), range.contains(number) else {
                throw ValidationError("\(source): '\(value)' is not a whole number in \(range)")
            }
            return number
        }
        func seconds() throws -> Double {
            guard let seconds = Double(value), seconds > 0, seconds < 86_400 else {
                throw ValidationError("\(source): '\(value)' is not a number of seconds above 0 (and below a day)")
            }
            return seconds
        }
        switch key {
        case "host": host = value
        case "port": port = try number(0...65535)
        case "db": db = value
        case "profiles": profiles = value
        case "network": network = value
        case "items": items = value
        case "inbox": inbox = value
        case "max-body-bytes": maxBodyBytes = try number(1...(1 << 30))
        // Each document in hand holds its bytes in memory until it is finished.
        case "max-in-flight": maxInFlight = try number(1...10_000)
        case "workers": workers = try number(1...1024)
        case "reload-seconds": reloadSeconds = try seconds()
        case "idle-seconds": idleSeconds = try seconds()
        case "client-identity-header":
            guard !value.isEmpty, value.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
                throw ValidationError("\(source): '\(value)' is not an HTTP header name")
            }
            clientIdentityHeader = value
        case "deliver-every":
            guard let seconds = Double(value), seconds >= 0, seconds.isFinite else {
                throw ValidationError("\(source): '\(value)' is not a number of seconds (0 turns delivery off)")
            }
            deliverEvery = seconds
        case "due-soon":
            guard let hours = Double(value), hours > 0, hours <= 24 * 14 else {
                throw ValidationError("\(source): '\(value)' is not a number of hours above 0 (and at most 336)")
            }
            dueSoonHours = hours
        case "tls-certificate": tlsCertificate = value
        case "tls-key": tlsKey = value
        case "tls-client-ca": tlsClientCA = value
        default: throw ValidationError("\(source): unknown setting '\(key)'")
        }
    }

    /// A config file: a YAML mapping of the keys above to scalars.
    static func read(_ file: String) throws -> [String: String] {
        let text: String
        do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
            throw ValidationError("\(file): cannot be read: \(error.localizedDescription)")
        }
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch {
            throw ValidationError("\(file): is not YAML: \(error)")
        }
        guard let mapping = node?.mapping else {
            throw ValidationError("\(file): expected a mapping of settings (host: 127.0.0.1, port: 8080, …)")
        }
        var settings: [String: String] = [:]
        let known = Set(keys.map(\.key))
        for (key, value) in mapping {
            guard let name = key.string, known.contains(name) else {
                throw ValidationError(
                    "\(file):\(key.mark?.line ?? 0): unknown setting '\(key.string ?? "?")' (known: "
                        + keys.map(\.key).joined(separator: ", ") + ")")
            }
            guard let scalar = value.scalar?.string else {
                throw ValidationError("\(file):\(value.mark?.line ?? 0): \(name) must be a single value")
            }
            settings[name] = scalar
        }
        return settings
    }
}
