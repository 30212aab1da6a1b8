import Foundation
import TestSupport
import Testing

@testable import Store

/// What only the PostgreSQL store has: its URL, its connection's lifecycle, and how its failures are reported.
@Suite("PostgreSQL store")
struct PostgresStoreTests {
    @Test(
        "a database URL reads as libpq reads it",
        arguments: [
            (
                "postgres://dropgate:s3cret@db.example.com:6543/orders?sslmode=require",
                PostgresLocation(
                    host: "db.example.com", port: 6543, user: "dropgate", password: "s3cret", database: "orders",
                    tls: .require)
            ),
            (
                "postgresql://dropgate@127.0.0.1/orders",
                PostgresLocation(host: "127.0.0.1", user: "dropgate", password: "from-env", database: "orders")
            ),
            (
                "postgres://dropgate@[::1]:5433",
                PostgresLocation(host: "::1", port: 5433, user: "dropgate", password: "from-env", database: "dropgate")
            ),
            (
                "postgres://drop%40gate:p%2Fw@localhost/orders?sslmode=verify-full",
                PostgresLocation(
                    host: "localhost", user: "drop@gate", password: "p/w", database: "orders", tls: .verifyFull)
            ),
        ])
    func urlIsRead(url: String, expected: PostgresLocation) throws {
        #expect(try PostgresLocation(url: url, environment: ["PGPASSWORD": "from-env"]) == expected)
    }

    @Test(
        "a database URL that cannot be right is refused, saying why",
        arguments: [
            ("mysql://root@localhost/orders", "postgres://"),
            ("postgres://localhost/orders", "no user name"),
            ("postgres://dropgate@localhost/orders?sslmode=always", "sslmode must be one of"),
            ("postgres://dropgate@localhost/orders?sslmod=require", "unknown parameter 'sslmod'"),
            ("postgres://dropgate@localhost:0/orders", "out of range"),
        ])
    func badURLIsRefused(url: String, reason: String) {
        let error = #expect(throws: StoreError.self) { try PostgresLocation(url: url, environment: [:]) }
        #expect(error?.code == .unavailable)
        #expect(error?.description.contains(reason) == true)
    }

    @Test("a location shows no password")
    func descriptionHidesPassword() throws {
        let location = try PostgresLocation(url: "postgres://dropgate:s3cret@db:5432/orders", environment: [:])
        #expect(location.description == "postgres://dropgate@db:5432/orders?sslmode=disable")
    }

    @Test("a server nobody listens on is unavailable, said when the store is opened")
    func unreachableServer() async throws {
        // Port 1 of the loopback: nothing listens there, the connection is refused.
        let location = PostgresLocation(host: "127.0.0.1", port: 1, user: "postgres", database: "postgres")
        let error = await #expect(throws: StoreError.self) { try await PostgresStore(location: location) }
        #expect(error?.code == .unavailable)
    }

    @Test("a database that does not exist is unavailable, with the server's reason")
    func missingDatabase() async throws {
        var location = try await TemporaryPostgres.shared.location()
        location.database = "no_such_database"
        let error = await #expect(throws: StoreError.self) { try await PostgresStore(location: location) }
        #expect(error?.code == .unavailable)
        #expect(error?.description.contains("3D000") == true)
    }

    @Test("TLS is used as asked: preferred falls back to plain, required refuses a server without it")
    func tlsModes() async throws {
        var location = try await TemporaryPostgres.shared.location()
        location.tls = .prefer
        let store = try await PostgresStore(location: location)
        _ = try await store.pendingDocuments()
        await store.shutdown()
        location.tls = .require
        let error = await #expect(throws: StoreError.self) { try await PostgresStore(location: location) }
        #expect(error?.code == .unavailable)
    }

    @Test(
        "a PostgreSQL error becomes a code a caller can act on",
        arguments: [
            ("23505", StoreError.Code.constraint), ("23503", .constraint), ("40001", .busy), ("40P01", .busy),
            ("55P03", .busy), ("08006", .unavailable), ("28P01", .unavailable), ("3D000", .unavailable),
            ("57P01", .unavailable), ("53300", .unavailable), ("42601", nil),
        ])
    func sqlStateCodes(state: String, code: StoreError.Code?) {
        #expect(PostgresFailure.code(sqlState: state) == code)
    }

    @Test("reopening a migrated database applies nothing and keeps its rows")
    func reopenKeepsRows() async throws {
        let location = try await TemporaryPostgres.shared.location()
        let first = try await PostgresStore(location: location)
        let kept = try await first.keep(document("ISA*kept"))
        await first.shutdown()
        let second = try await PostgresStore(location: location)
        #expect(try await second.pendingDocuments().map(\.id) == [kept.id])
        await second.shutdown()
    }

    @Test("the large values are compressed with LZ4, Debian's server having it")
    func largeValuesUseLZ4() async throws {
        let location = try await TemporaryPostgres.shared.location()
        let store = try await PostgresStore(location: location)
        await store.shutdown()
        let methods = try psql(
            location,
            """
            SELECT string_agg(attrelid::regclass::text || '.' || attname || '=' || attcompression::text, ' ')
            FROM pg_attribute WHERE (attrelid::regclass::text, attname::text) IN (('decision', 'explanation_json'),
                ('purchase_order', 'order_json'), ('outbox', 'bytes'), ('inbound_document', 'bytes'))
            """)
        #expect(
            methods.split(separator: " ").sorted()
                == [
                    "decision.explanation_json=l", "inbound_document.bytes=l", "outbox.bytes=l",
                    "purchase_order.order_json=l",
                ], "\(methods)")
    }

    @Test(
        "a document whose keeper's session dies (its process killed) is pending for another store at once; the keeper's next document is kept on a new session"
    )
    func deadKeeperIsTakenOver() async throws {
        let location = try await TemporaryPostgres.shared.location()
        let first = try await PostgresStore(location: location)
        let second = try await PostgresStore(location: location)
        let kept = try await first.keep(document("ISA*kept"))
        #expect(try await second.pendingDocuments().isEmpty, "the first store is at work on it")

        // The server ends the first store's keeping session, as it does when the process is SIGKILLed and its
        // socket closes; `pg_terminate_backend` with a timeout returns once the session is gone. (Advisory locks
        // are per database: other tests' stores hold the same ids in theirs.)
        let terminated = try psql(
            location,
            """
            SELECT pg_terminate_backend(pid, 10000) FROM pg_locks
            WHERE locktype = 'advisory' AND objid = \(kept.id.rawValue) AND granted
                AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """)
        #expect(terminated == "t")
        #expect(try await second.pendingDocuments().map(\.id) == [kept.id])
        #expect(try await first.pendingDocuments().isEmpty, "the second store keeps it now")

        let next = try await first.keep(document("ISA*next"))
        #expect(try await second.pendingDocuments().map(\.id) == [kept.id], "the new session keeps the next one")
        #expect(try await first.pendingDocuments().map(\.id) == [next.id])
        await first.shutdown()
        await second.shutdown()
    }

    /// The output of `psql` running `sql` on `location`'s database, unaligned and without headers.
    func psql(_ location: PostgresLocation, _ sql: String) throws -> String {
        let result = try ChildProcess.run([
            "\(TemporaryPostgres.binaries)/psql", "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", location.host, "-p",
            "\(location.port)", "-U", location.user, "-d", location.database, "-c", sql,
        ])
        #expect(result.status == 0, "psql failed: \(sql): \(result.errorText)")
        return result.text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("after shutdown every operation is unavailable, and shutting down again does nothing")
    func shutdownIsFinal() async throws {
        let store = try await PostgresStore(location: try await TemporaryPostgres.shared.location())
        _ = try await store.pendingDocuments()
        await store.shutdown()
        await store.shutdown()
        let error = await #expect(throws: StoreError.self) { try await store.pendingDocuments() }
        #expect(error?.code == .unavailable)
    }
}
