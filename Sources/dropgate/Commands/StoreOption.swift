import ArgumentParser
import Foundation
import Store

/// `--db`: the store every durable command shares. A SQLite file (the embedded default) or a PostgreSQL URL for
/// several gateway processes; `DROPGATE_DB` gives it when the option does not.
struct StoreOption: ParsableArguments {
    @Option(
        name: .customLong("db"),
        help: """
            The store: a SQLite file (path/file.sqlite or sqlite:path) or postgres://user@host:port/db (password \
            from PGPASSWORD or the URL). Default: $DROPGATE_DB, else dropgate.sqlite in the working folder.
            """)
    var db: String?

    var location: StoreLocation {
        StoreLocation(db ?? ProcessInfo.processInfo.environment["DROPGATE_DB"] ?? "dropgate.sqlite")
    }

    /// Opens the store, or says why it cannot and exits 2. A command that only reads (`creating: false`) never
    /// makes a new, empty SQLite file where none was.
    func open(creating: Bool = true) async throws -> any OrderStore {
        if !creating, case .sqlite(let path) = location, !FileManager.default.fileExists(atPath: path) {
            printError("\(path): no dropgate store here (ingest or inventory import makes one; --db names another)")
            throw ExitCode(2)
        }
        do {
            return try await location.open()
        } catch {
            printError("\(location): cannot be opened as a dropgate store: \(error)")
            throw ExitCode(2)
        }
    }
}
