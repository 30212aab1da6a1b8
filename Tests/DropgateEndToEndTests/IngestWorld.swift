import Foundation
import TestSupport

/// A fresh SQLite store with the sample world's stock, files to ingest, and `dropgate` children to run over them:
/// what the durable-pipeline tests share.
struct IngestWorld {
    /// The clock every run decides against (fixtures/README.md).
    static let at = "2026-11-24T10:00:00-05:00"

    /// The sample world by absolute paths, as `ingest` and `inventory import` take it (stock comes from the store).
    static let options = [
        "--profiles", "\(DropgateCommand.packageRoot.path)/retailer-profiles",
        "--network", "\(DropgateCommand.packageRoot.path)/fixtures/network.yaml",
        "--items", "\(DropgateCommand.packageRoot.path)/fixtures/items.csv",
    ]

    let folder: URL

    init() throws { folder = try DropgateCommand.temporaryFolder() }

    /// Removes the folder, unless `DROPGATE_E2E_KEEP` is set: then it stays for a look, and says where.
    func remove() {
        if ProcessInfo.processInfo.environment["DROPGATE_E2E_KEEP"] != nil {
            print("kept: \(folder.path)")
            return
        }
        try? FileManager.default.removeItem(at: folder)
    }

    /// A new store in the folder with `inventory` (the sample stock unless told) imported.
    func store(_ name: String, inventory: URL = SampleCatalog.inventoryFile) throws -> URL {
        let database = folder.appendingPathComponent(name)
        try Self.importInventory(inventory, db: database.path)
        return database
    }

    /// Imports `inventory` (the sample stock unless told) into the store `--db` names: a SQLite path or a
    /// `postgres://` URL.
    static func importInventory(_ inventory: URL = SampleCatalog.inventoryFile, db: String) throws {
        let result = try DropgateCommand.run(["inventory", "import", inventory.path, "--db", db] + Self.options)
        guard result.status == 0 else {
            throw DropgateCommand.Missing(description: "inventory import: \(result.status) \(result.stderr)")
        }
    }

    /// Writes each generated file into `subfolder` and returns their paths, in order.
    func write(_ files: [PurchaseOrderGenerator.File], into subfolder: String) throws -> [URL] {
        try write(files.map { ($0.name, $0.bytes) }, into: subfolder)
    }

    func write(_ files: [(name: String, bytes: [UInt8])], into subfolder: String) throws -> [URL] {
        let directory = folder.appendingPathComponent(subfolder)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return try files.map { file in
            let url = directory.appendingPathComponent(file.name)
            try Data(file.bytes).write(to: url)
            return url
        }
    }

    static func ingestArguments(_ files: [URL], database: URL, json: Bool = false) -> [String] {
        ingestArguments(files, db: database.path, json: json)
    }

    /// `db` as `--db` takes it: a SQLite path or a `postgres://` URL.
    static func ingestArguments(_ files: [URL], db: String, json: Bool = false) -> [String] {
        ["ingest"] + files.map(\.path) + ["--db", db, "--at", at] + options + (json ? ["--json"] : [])
    }

    /// Runs `dropgate ingest` to its end.
    func ingest(_ files: [URL], database: URL, json: Bool = false) throws -> DropgateCommand.Result {
        try DropgateCommand.run(Self.ingestArguments(files, database: database, json: json))
    }
}

/// A `dropgate` child that the test can kill: started, then waited for or killed with a signal. Its output goes
/// to files, so that a chatty child never blocks on a full pipe.
final class DropgateChild {
    let process: ChildProcess
    let stdout: URL
    let stderr: URL

    /// `environment` is added to this process's environment.
    init(_ arguments: [String], environment: [String: String] = [:], outputIn folder: URL, name: String) throws {
        stdout = folder.appendingPathComponent("\(name).out")
        stderr = folder.appendingPathComponent("\(name).err")
        process = try ChildProcess(
            [try DropgateCommand.executable.path] + arguments, output: .file(stdout.path), errors: .file(stderr.path),
            environment: environment, directory: folder.path)
    }

    /// Waits up to `seconds` for the child to end by itself; true when it did.
    func wait(upTo seconds: Double) -> Bool { process.wait(upTo: seconds) }

    /// SIGKILL: no handler, no cleanup, no flushing; then reaps the child.
    func kill() { process.kill(SIGKILL) }

    var wasKilled: Bool { process.waitForExit() == .signalled(SIGKILL) }
    /// Whether it exited by itself (not by a signal), with `status`.
    var exitedByItself: Bool { if case .exited = process.waitForExit() { true } else { false } }
    /// How it ended (waiting for it to end).
    var exit: ChildExit { process.waitForExit() }
    var status: Int32 { process.waitForExit().status }
    var output: String { (try? String(decoding: Data(contentsOf: stdout), as: UTF8.self)) ?? "" }
    var errors: String { (try? String(decoding: Data(contentsOf: stderr), as: UTF8.self)) ?? "" }
}
