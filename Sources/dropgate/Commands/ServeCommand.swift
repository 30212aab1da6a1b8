import ArgumentParser
import Foundation
import Logging
import Profiles
import Server
import Store

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the gateway as a service: partner API, metrics, reloads on edit, graceful shutdown.",
        discussion: """
            Partners post X12 interchanges or XML orders to POST /v1/partners/{partner}/documents with their key \
            (dropgate partners add ID); each document is kept in the store before the 202 answer and goes through \
            the pipeline of dropgate ingest. Orders, documents, acknowledgements, the outbox, feeds, node switches \
            and stock are read and changed through /v1 (the OpenAPI document is at /openapi.yaml); /healthz, \
            /readyz and /metrics (Prometheus) need no key.

            Every option is also read from an environment variable (DROPGATE_HOST, DROPGATE_PORT, DROPGATE_DB, \
            DROPGATE_PROFILES, DROPGATE_NETWORK, DROPGATE_ITEMS, DROPGATE_INBOX, DROPGATE_MAX_BODY_BYTES, \
            DROPGATE_MAX_IN_FLIGHT, DROPGATE_WORKERS, DROPGATE_RELOAD_SECONDS, DROPGATE_IDLE_SECONDS, \
            DROPGATE_CLIENT_IDENTITY_HEADER, DROPGATE_DELIVER_EVERY, DROPGATE_DUE_SOON) or a YAML config file (--config, keys as the \
            options' names); an option wins over the environment, the environment over the file.

            Every --deliver-every seconds (15 by default; 0 turns it off) the service does what dropgate feed \
            run-due does: the due feeds are claimed, built, recorded and sent, then the due outbox is delivered, \
            each result logged and counted in /metrics. The store's claims send each feed and row once, however \
            many serve processes and run-due commands share it.

            The profiles, network and catalog are read again when they change and on SIGHUP: only a set that \
            checks clean replaces the one serving. SIGTERM or SIGINT stops taking requests and finishes every \
            document in hand. Several serve processes may share one PostgreSQL store (or one SQLite file on one \
            machine).

            Example:
              dropgate partners add walmart --db orders.sqlite
              dropgate serve --db orders.sqlite --port 8080
            """)

    @Option(help: "Address to listen on (default 127.0.0.1).") var host: String?
    @Option(help: "Port to listen on; 0 takes a free one (default 8080).") var port: String?
    @Option(help: "The store: a SQLite file or a postgres:// URL (default dropgate.sqlite).") var db: String?
    @Option(help: "Folder of retailer profiles (default retailer-profiles).") var profiles: String?
    @Option(help: "The DC network file (default fixtures/network.yaml).") var network: String?
    @Option(help: "The item catalog (default fixtures/items.csv).") var items: String?
    @Option(help: "A folder to watch for documents dropped by an SFTP or AS2 server.") var inbox: String?
    @Option(help: "Largest request body taken, in bytes (default 16 MiB).") var maxBodyBytes: String?
    @Option(help: "Documents held at once before posts get 503 (default 256).") var maxInFlight: String?
    @Option(help: "Most documents decided in one batch (default 128): their reads and writes are shared.") var workers:
        String?
    @Option(help: "Seconds between looks at the profile files for edits (default 2).") var reloadSeconds: String?
    @Option(help: "Seconds a connection may stay silent before it is closed (default 30).") var idleSeconds: String?
    @Option(
        help: """
            Header in which a TLS-terminating proxy passes the verified client certificate's subject; a partner's key \
            is then taken only with that partner's certificate (CN). Trust it only where only the proxy reaches us.
            """)
    var clientIdentityHeader: String?
    @Option(help: "PEM certificate chain for TLS the service terminates itself (with --tls-key).")
    var tlsCertificate: String?
    @Option(help: "PEM private key of --tls-certificate.") var tlsKey: String?
    @Option(
        help: """
            PEM CA that signs partners' client certificates: mutual TLS, a partner's key taken only with its own \
            certificate (CN).
            """)
    var tlsClientCA: String?
    @Option(help: "Seconds between sending the due feeds and outbox (default 15; 0: never).")
    var deliverEvery: String?
    @Option(help: "Hours before a deadline that the warehouse pages call it due soon (default 4).")
    var dueSoon: String?
    @Option(help: "A YAML file of settings (keys as the options' names).") var config: String?
    @OptionGroup var clock: ClockOption

    func run() async throws {
        let options: [String: String?] = [
            "host": host, "port": port, "db": db, "profiles": profiles, "network": network, "items": items,
            "inbox": inbox, "max-body-bytes": maxBodyBytes, "max-in-flight": maxInFlight, "workers": workers,
            "reload-seconds": reloadSeconds, "idle-seconds": idleSeconds,
            "client-identity-header": clientIdentityHeader, "deliver-every": deliverEvery, "due-soon": dueSoon,
            "tls-certificate": tlsCertificate, "tls-key": tlsKey, "tls-client-ca": tlsClientCA,
        ]
        let configuration: ServeConfiguration
        do {
            configuration = try ServeConfiguration.resolve(
                options: options.compactMapValues { $0 }, environment: ProcessInfo.processInfo.environment,
                file: config)
        } catch {
            printError("\(error)")
            throw ExitCode(2)
        }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel =
                Logger.Level(rawValue: ProcessInfo.processInfo.environment["DROPGATE_LOG_LEVEL"] ?? "")
                ?? .info
            return handler
        }
        let logger = Logger(label: "dropgate.serve")
        var settings = ServerSettings()
        settings.host = configuration.host
        settings.port = configuration.port
        settings.maximumBodyBytes = configuration.maxBodyBytes
        settings.maximumInFlight = configuration.maxInFlight
        settings.workers = configuration.workers
        settings.reloadInterval = .milliseconds(Int(configuration.reloadSeconds * 1000))
        settings.idleTimeout = .milliseconds(Int(configuration.idleSeconds * 1000))
        settings.clientIdentityHeader = configuration.clientIdentityHeader
        if let certificate = configuration.tlsCertificate, let key = configuration.tlsKey {
            for file in [certificate, key] + [configuration.tlsClientCA].compactMap({ $0 })
            where !FileManager.default.isReadableFile(atPath: file) {
                printError("\(file): no such file, or not readable (expected a PEM file for TLS)")
                throw ExitCode(2)
            }
            settings.tls = ServiceTLS(
                certificateChain: URL(fileURLWithPath: certificate), privateKey: URL(fileURLWithPath: key),
                clientCA: configuration.tlsClientCA.map { URL(fileURLWithPath: $0) })
        }
        settings.deliveryInterval =
            configuration.deliverEvery > 0 ? .milliseconds(Int(configuration.deliverEvery * 1000)) : nil
        settings.dueSoon = configuration.dueSoonHours * 3600
        if let fixed = clock.at { settings.clock = { fixed } }
        if let inbox = configuration.inbox {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: inbox, isDirectory: &isFolder), isFolder.boolValue else {
                printError("\(inbox): no such folder (expected the inbox an SFTP or AS2 server drops documents into)")
                throw ExitCode(2)
            }
            settings.inbox = URL(fileURLWithPath: inbox)
        }
        let location = StoreLocation(configuration.db)
        let store: any OrderStore
        do { store = try await location.open(forService: true) } catch {
            printError("\(location): cannot be opened as a dropgate store: \(error)")
            throw ExitCode(2)
        }
        settings.scorecard = Self.scorecardSource(
            store: store, profiles: URL(fileURLWithPath: configuration.profiles),
            network: URL(fileURLWithPath: configuration.network), catalog: URL(fileURLWithPath: configuration.items))
        let source = WorldSource(
            profiles: URL(fileURLWithPath: configuration.profiles),
            network: URL(fileURLWithPath: configuration.network), catalog: URL(fileURLWithPath: configuration.items))
        let server = DropgateServer(
            settings: settings, source: source, store: store, metrics: ServerMetrics.bootstrap(), logger: logger)
        let host = configuration.host
        let scheme = settings.tls == nil ? "http" : "https"
        do {
            try await server.run { port in
                // Straight to the descriptor: a script waiting for this line must not wait for a buffer to fill.
                FileHandle.standardOutput.write(
                    Data("dropgate serve: listening on \(scheme)://\(host):\(port)\n".utf8))
            }
        } catch let problems as ProfileErrors {
            for problem in problems.errors { printError("\(problem)") }
            await store.close()
            throw ExitCode(2)
        } catch let problem as ServiceTLSError {
            printError("dropgate serve: \(problem)")
            await store.close()
            throw ExitCode(2)
        } catch {
            printError("dropgate serve: \(error)")
            await store.close()
            throw ExitCode(1)
        }
        await store.close()
    }
}
