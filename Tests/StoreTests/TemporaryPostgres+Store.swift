import Store
import TestSupport

extension TemporaryPostgres {
    /// A new, empty database on the run's throwaway server, as a store opens it.
    nonisolated func location() async throws(TemporaryPostgresError) -> PostgresLocation {
        let database = try await database()
        return PostgresLocation(
            host: database.host, port: database.port, user: database.user, database: database.name)
    }
}
