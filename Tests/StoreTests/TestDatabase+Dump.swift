import Foundation
import Store
import TestSupport

extension TestDatabase {
    /// What `sql` returns, as `sqlite3` or `psql` prints it (`|` between columns, bytes in hex when the query asks
    /// for them so on SQLite, PostgreSQL's default hex for `bytea`): the rows as another program reads them.
    func dump(_ sql: String) throws -> String {
        let command: [String]
        switch place {
        case .file(let path): command = ["/usr/bin/sqlite3", "-batch", "-bail", path, sql]
        case .postgres(let location):
            command = [
                "\(TemporaryPostgres.binaries)/psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h",
                location.host,
                "-p", "\(location.port)", "-U", location.user, "-d", location.database, "-c", sql,
            ]
        }
        let result = try ChildProcess.run(command)
        guard result.status == 0 else {
            throw ExecuteFailure(description: "\(command[0].split(separator: "/").last ?? "") failed: \(sql)")
        }
        return result.text
    }
}
