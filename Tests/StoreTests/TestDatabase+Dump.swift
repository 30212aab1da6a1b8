import Foundation
import Store
import TestSupport

extension TestDatabase {
    /// What `sql` returns, as `sqlite3` or `psql` prints it (`|` between columns, bytes in hex when the query asks
    /// for them so on SQLite, PostgreSQL's default hex for `bytea`): the rows as another program reads them.
    func dump(_ sql: String) throws -> String {
        let process = Process()
        switch place {
        case .file(let path):
            process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
            process.arguments = ["-batch", "-bail", path, sql]
        case .postgres(let location):
            process.executableURL = URL(fileURLWithPath: "\(TemporaryPostgres.binaries)/psql")
            process.arguments = [
                "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", location.host, "-p", "\(location.port)", "-U",
                location.user, "-d", location.database, "-c", sql,
            ]
        }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("dropgate-dump-\(UUID())")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: output)
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ExecuteFailure(description: "\(process.executableURL?.lastPathComponent ?? "") failed: \(sql)")
        }
        return String(decoding: try Data(contentsOf: output), as: UTF8.self)
    }
}
