public import Foundation
public import Logging
public import Orders
import PostgresNIO
import Synchronization

/// The store for several gateway processes: one PostgreSQL database through postgres-nio, shared by any number of
/// stateless `dropgate` processes.
///
/// Every check that must hold across processes is made by the database inside the writing transaction: stock and
/// capacity are single conditional `UPDATE`s, a PO is recorded once by its `UNIQUE` key (`INSERT … ON CONFLICT DO
/// NOTHING RETURNING id`), an interchange belongs to the first document whose `INSERT` wins, and a partner's control
/// numbers are rows locked `FOR UPDATE` until the transaction ends, so that they are never used twice nor skipped by
/// a rollback. Row locks are taken in one order (inventory by node and SKU, capacity by node and day, counters by
/// partner, each as bytes), so that two commits cannot deadlock each other: a batch locks all of its rows first,
/// then inserts its POs (`commit(batch:)`); a single order inserts its PO first, then locks its rows in that order.
/// A deadlock that remains (the same POs inserted in two orders) is reported as `.busy`, and decided again.
///
/// Unfinished documents are kept by the session of the store that keeps them (`PostgresDocumentKeepers`): another
/// process's `pendingDocuments()` leaves a live process's documents alone and takes a dead one's at once.
///
/// Lifecycle: `init` connects once on its own to apply the migrations (failing at once, with the server's reason,
/// when the database cannot be reached or refuses the login) and keeps that connection as the session that keeps
/// documents, then starts the task that drives the connection pool (`PostgresClient.run()`). `shutdown()` closes
/// that session, cancels the task and waits for the pool to close its connections; call it before the process
/// ends. After it, every operation fails with `.unavailable`. A store dropped without
/// `shutdown()` cancels the task in `deinit` but cannot wait for it.
public final class PostgresStore: OrderStore {
    /// Where the database is (without the password).
    public let location: PostgresLocation
    let client: PostgresClient
    let logger: Logger
    /// The task running `client.run()`; nil once shut down.
    private let runner: Mutex<Task<Void, Never>?>
    /// The session whose advisory locks say which unfinished documents this store is working on.
    let keepers: PostgresDocumentKeepers

    /// Opens the database `url` names (see `PostgresLocation`) and brings its schema up to date.
    public convenience init(
        url: String, environment: [String: String] = ProcessInfo.processInfo.environment,
        logger: Logger = Logger(label: "dropgate.store.postgres")
    ) async throws(StoreError) {
        try await self.init(location: PostgresLocation(url: url, environment: environment), logger: logger)
    }

    /// Opens the database at `location` and brings its schema up to date. `maximumConnections` bounds the pool:
    /// every operation holds one connection for its duration.
    public init(
        location: PostgresLocation, maximumConnections: Int = 20,
        logger: Logger = Logger(label: "dropgate.store.postgres")
    ) async throws(StoreError) {
        self.location = location
        self.logger = logger
        let operation = "open \(location)"
        do {
            let configuration = try Self.connectionConfiguration(location)
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
            do {
                try await PostgresSchema.migrate(connection, logger: logger)
            } catch {
                try? await connection.close()
                throw error
            }
            // The connection stays open: it becomes the session that keeps this store's documents.
            keepers = PostgresDocumentKeepers(connection: connection, configuration: configuration, logger: logger)
        } catch {
            throw Self.failure(operation, error, otherwise: .unavailable)
        }
        var configuration = PostgresClient.Configuration(
            host: location.host, port: location.port, username: location.user, password: location.password,
            database: location.database, tls: Self.clientTLS(location))
        configuration.options.maximumConnections = maximumConnections
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        // A plain task, as postgres-nio documents, which `init` waits to see begin: a lease made before `run()` has
        // begun would wait for it, with a warning in the log.
        let (begun, signal) = AsyncStream.makeStream(of: Void.self)
        let task = Task {
            signal.finish()
            await client.run()
        }
        for await _ in begun {}
        runner = Mutex(task)
    }

    deinit {
        runner.withLock { $0?.cancel() }
        let keepers = keepers
        Task { await keepers.close() }
    }

    /// Closes the pool: cancels the task that runs it and waits until it has closed its connections. Operations
    /// still running fail; later ones fail with `.unavailable`. Calling it again does nothing.
    public func close() async { await shutdown() }

    /// `close()`; first ends the session that keeps this store's unfinished documents, so that another process may
    /// take them at once.
    public func shutdown() async {
        await keepers.close()
        let task = runner.withLock { task in
            defer { task = nil }
            return task
        }
        guard let task else { return }
        task.cancel()
        // Bounded: under load the pool has been seen never to return from a cancelled `run()` (the test runs that
        // closed several stores hung on the second or third, every connection already gone). The connections are
        // closed or closing by then; a pool that does not say so within the bound is left to finish on its own.
        if await !Self.finishes(task, within: .seconds(10)) {
            logger.warning("the connection pool did not stop within 10 s of closing; left to stop on its own")
        }
    }

    /// Whether `task` ends within `limit` (it is not waited for after).
    static func finishes(_ task: Task<Void, Never>, within limit: Duration) async -> Bool {
        await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let answered = Mutex(false)
            let answer: @Sendable (Bool) -> Void = { finished in
                let first = answered.withLock { done in
                    defer { done = true }
                    return !done
                }
                if first { continuation.resume(returning: finished) }
            }
            let timer = Task {
                try? await Task.sleep(for: limit)
                answer(false)
            }
            Task {
                await task.value
                answer(true)
                timer.cancel()
            }
        }
    }

    // MARK: Connections and transactions

    static func connectionConfiguration(_ location: PostgresLocation) throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS =
            switch location.tls {
            case .disable: .disable
            case .prefer: .prefer(try NIOSSLContext(configuration: tlsConfiguration(location.tls)))
            case .require, .verifyCA, .verifyFull:
                .require(try NIOSSLContext(configuration: tlsConfiguration(location.tls)))
            }
        return PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.user, password: location.password,
            database: location.database, tls: tls)
    }

    static func clientTLS(_ location: PostgresLocation) -> PostgresClient.Configuration.TLS {
        switch location.tls {
        case .disable: .disable
        case .prefer: .prefer(tlsConfiguration(location.tls))
        case .require, .verifyCA, .verifyFull: .require(tlsConfiguration(location.tls))
        }
    }

    /// libpq's meaning of each mode: `prefer` and `require` encrypt without checking the certificate, `verify-ca`
    /// checks it against the system's roots, `verify-full` checks the host name too.
    static func tlsConfiguration(_ mode: PostgresLocation.TLSMode) -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch mode {
        case .disable, .prefer, .require: configuration.certificateVerification = .none
        case .verifyCA: configuration.certificateVerification = .noHostnameVerification
        case .verifyFull: configuration.certificateVerification = .fullVerification
        }
        return configuration
    }

    /// Runs `body` on one pooled connection, without a transaction (each statement commits on its own).
    func connection<T: Sendable>(
        _ operation: String, _ body: (PostgresConnection) async throws -> T
    ) async throws(StoreError) -> T {
        do { return try await client.withConnection { connection in try await body(connection) } } catch {
            throw Self.failure(operation, error)
        }
    }

    /// Runs `body` in one transaction (READ COMMITTED) on one pooled connection: committed when it returns, rolled
    /// back when it throws, and its error rethrown as it was (a `Conflict` stays a `Conflict`). A connection whose
    /// rollback fails is closed, so that the pool never lends a connection left inside a transaction.
    func transaction<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            try await connection.query("BEGIN", logger: logger)
            do {
                let value = try await body(connection)
                try await connection.query("COMMIT", logger: logger)
                return value
            } catch {
                do { try await connection.query("ROLLBACK", logger: logger) } catch { try? await connection.close() }
                throw error
            }
        }
    }

    func transaction<T: Sendable>(
        _ operation: String, _ body: (PostgresConnection) async throws -> T
    ) async throws(StoreError) -> T {
        do { return try await transaction(body) } catch { throw Self.failure(operation, error) }
    }

    /// The rows of `query`, all read.
    func rows(_ query: PostgresQuery, on connection: PostgresConnection) async throws -> [PostgresRow] {
        try await connection.query(query, logger: logger).collect()
    }

    // MARK: Errors

    /// Maps a postgres-nio error to a code a caller can act on: SQLSTATE class 23 (a unique or foreign key refused
    /// the write) is `.constraint`; a serialization failure, deadlock or lock not available (40001, 40P01, 55P03)
    /// is `.busy`, worth retrying; a connection that could not be made, was lost or refused the login is
    /// `.unavailable`.
    static func failure(_ operation: String, _ error: any Error, otherwise: StoreError.Code = .failed) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? PSQLError {
            let failure = PostgresFailure(error)
            return StoreError(operation, code: failure.code ?? otherwise, underlying: failure)
        }
        // The pool's own errors (its circuit breaker tripped: no connection could be made for a while) come as
        // `ConnectionPoolError`, a type of a module postgres-nio does not publish as stable: known by name.
        if error is NIOSSLError || String(describing: type(of: error)) == "ConnectionPoolError" {
            return StoreError(operation, code: .unavailable, underlying: error)
        }
        return StoreError(operation, code: otherwise, underlying: error)
    }

    // MARK: Inbound documents

    public func keep(_ document: InboundDocument) async throws(StoreError) -> KeptDocument {
        if let source = document.source {
            if let whole = try document.inHand() { return try await keep(whole) }
            return try await keep(document, inPartsFrom: source)
        }
        let fingerprint = StoreFingerprint(document.bytes).text
        return try await transaction("keep inbound document") { connection in
            // Two processes keeping the same bytes at once must not both find no earlier document: the lock on the
            // fingerprint orders them, the second then sees the first.
            try await connection.query(
                "SELECT pg_advisory_xact_lock(\(Self.keepLock), hashtext(\(fingerprint)))", logger: logger)
            var earlier: Int64?
            for row in try await rows(
                "SELECT id, bytes FROM inbound_document WHERE fingerprint = \(fingerprint) ORDER BY id",
                on: connection)
            {
                let (id, bytes) = try row.decode((Int64, ByteBuffer).self)
                if bytes.readableBytesView.elementsEqual(document.bytes) {
                    earlier = id
                    break
                }
            }
            let id = try await rows(
                """
                INSERT INTO inbound_document (received_at, origin, format, bytes, fingerprint, partner)
                VALUES (\(document.receivedAt.timeIntervalSince1970), \(document.origin), \(document.format.rawValue),
                    \(ByteBuffer(bytes: document.bytes)), \(fingerprint), \(document.partner))
                RETURNING id
                """, on: connection
            ).first?.decode(Int64.self)
            guard let id else { throw PostgresSchemaError(description: "INSERT … RETURNING id returned no row") }
            // Kept by this store before any other can see it: locked before the row commits.
            try await keepers.take(id)
            return KeptDocument(id: DocumentID(id), sameBytesAs: earlier.map(DocumentID.init))
        }
    }

    /// `keep` for a document read from `source` and larger than a part: a part at a time, its fingerprint worked
    /// out as the parts are written, then the first earlier document with the same fingerprint (the same bytes)
    /// looked up under the fingerprint's lock, as `keep` does.
    private func keep(_ document: InboundDocument, inPartsFrom source: any DocumentSource) async throws(StoreError)
        -> KeptDocument
    {
        return try await transaction("keep inbound document") { connection in
            let id = try await rows(
                """
                INSERT INTO inbound_document (received_at, origin, format, bytes, fingerprint, partner, parts)
                VALUES (\(document.receivedAt.timeIntervalSince1970), \(document.origin), \(document.format.rawValue),
                    ''::bytea, '', \(document.partner), \(DocumentParts.count(of: source.count)))
                RETURNING id
                """, on: connection
            ).first?.decode(Int64.self)
            guard let id else { throw PostgresSchemaError(description: "INSERT … RETURNING id returned no row") }
            var reader = DocumentParts.Reader(source)
            while let (index, part) = try reader.next() {
                try await connection.query(
                    """
                    INSERT INTO inbound_part (document_id, part, bytes)
                    VALUES (\(id), \(index), \(ByteBuffer(bytes: part)))
                    """, logger: logger)
            }
            let fingerprint = reader.fingerprint
            try await connection.query(
                "SELECT pg_advisory_xact_lock(\(Self.keepLock), hashtext(\(fingerprint)))", logger: logger)
            try await connection.query(
                "UPDATE inbound_document SET fingerprint = \(fingerprint) WHERE id = \(id)", logger: logger)
            let earlier = try await rows(
                """
                SELECT id FROM inbound_document WHERE fingerprint = \(fingerprint) AND id < \(id) ORDER BY id LIMIT 1
                """, on: connection
            ).first?.decode(Int64.self)
            try await keepers.take(id)
            return KeptDocument(id: DocumentID(id), sameBytesAs: earlier.map(DocumentID.init))
        }
    }

    /// The first key of the advisory locks `keep` takes (the second is the fingerprint's hash).
    static let keepLock: Int32 = 1
    /// The first key of the advisory locks `enqueue` and `resend` take (the second is the key's hash).
    static let outboxKeyLock: Int32 = 2

    public func finish(_ document: DocumentID, status: DocumentStatus, problems: [String]) async throws(StoreError) {
        try await connection("finish inbound document") { connection in
            _ = try await connection.query(
                """
                UPDATE inbound_document SET status = \(status.rawValue),
                    problems = \(problems.joined(separator: "\n")), finished = true
                WHERE id = \(document.rawValue)
                """, logger: logger)
        }
        // Committed first: a store that takes the lock next finds the document finished.
        await keepers.release(document.rawValue)
    }

    /// Unfinished documents that no live process keeps (their keeper finished, closed or died), each now kept by
    /// this store, and those this store keeps itself: see `PostgresDocumentKeepers`.
    public func pendingDocuments() async throws(StoreError) -> [PendingDocument] {
        do { return try await keepers.pending() } catch { throw Self.failure("list pending documents", error) }
    }

    public func claim(_ interchange: InterchangeKey, for document: DocumentID) async throws(StoreError)
        -> InterchangeClaim
    {
        try await connection("claim interchange") { connection in
            // The INSERT waits for a concurrent claim of the same interchange to commit or roll back; the SELECT,
            // a statement of its own, then sees whichever row won.
            try await connection.query(
                """
                INSERT INTO interchange (sender_qualifier, sender_id, control_number, document_id)
                VALUES (\(interchange.senderQualifier), \(interchange.senderID), \(interchange.controlNumber),
                    \(document.rawValue))
                ON CONFLICT DO NOTHING
                """, logger: logger)
            let owner = try await rows(
                """
                SELECT document_id FROM interchange
                WHERE sender_qualifier = \(interchange.senderQualifier) AND sender_id = \(interchange.senderID)
                    AND control_number = \(interchange.controlNumber)
                """, on: connection
            ).first?.decode(Int64.self)
            guard let owner else { throw PostgresSchemaError(description: "an interchange claim vanished") }
            return owner == document.rawValue ? .first : .repeated(of: DocumentID(owner))
        }
    }

    // MARK: Stock and capacity

    public func importInventory(_ rows: [InventoryRow]) async throws(StoreError) {
        // The last row for a node and SKU wins, as it would row by row; rows are then written in node and SKU order.
        var latest: [InventoryKey: InventoryRow] = [:]
        for row in rows { latest[InventoryKey(node: row.node, sku: row.sku)] = row }
        let nodes = Set(rows.map(\.node.rawValue)).sorted()
        try await transaction("import inventory") { connection in
            // Lock the nodes' rows in the order commits lock them, so an import and a commit cannot deadlock.
            _ = try await self.rows(
                "SELECT 1 FROM inventory WHERE node = ANY(\(nodes)) ORDER BY node, sku FOR UPDATE", on: connection)
            _ = try await connection.query(
                "UPDATE inventory SET on_hand = 0, safety_stock = 0, location = NULL WHERE node = ANY(\(nodes))",
                logger: logger)
            for (_, row) in latest.sorted(by: { $0.key < $1.key }) {
                try await connection.query(
                    """
                    INSERT INTO inventory (node, sku, on_hand, safety_stock, location)
                    VALUES (\(row.node.rawValue), \(row.sku.rawValue), \(row.onHand), \(row.safetyStock),
                        \(row.location?.rawValue))
                    ON CONFLICT (node, sku) DO UPDATE SET on_hand = excluded.on_hand,
                        safety_stock = excluded.safety_stock, location = excluded.location
                    """, logger: logger)
            }
        }
    }

    private struct InventoryKey: Hashable, Comparable {
        var node: DCID
        var sku: SKU
        static func < (a: Self, b: Self) -> Bool { (a.node, a.sku) < (b.node, b.sku) }
    }

    public func inventory(of skus: Set<SKU>) async throws(StoreError) -> [InventoryPosition] {
        let wanted = skus.map(\.rawValue).sorted()
        return try await connection("read inventory") { connection in
            try await rows(
                """
                SELECT node, sku, on_hand, safety_stock, reserved, location FROM inventory
                WHERE sku = ANY(\(wanted)) ORDER BY node, sku
                """, on: connection
            ).map { row in
                let (node, sku, onHand, safetyStock, reserved, location) = try row.decode(
                    (String, String, Int, Int, Int, String?).self)
                return InventoryPosition(
                    node: DCID(node), sku: SKU(sku), onHand: onHand, safetyStock: safetyStock, reserved: reserved,
                    location: location.flatMap(BinLocation.init(checking:)))
            }
        }
    }

    public func inventory() async throws(StoreError) -> [StockRow] {
        try await connection("read inventory") { connection in
            try await rows(
                "SELECT node, sku, on_hand, safety_stock, reserved FROM inventory ORDER BY node, sku", on: connection
            ).map { row in
                let (node, sku, onHand, safetyStock, reserved) = try row.decode(
                    (String, String, Int, Int, Int).self)
                return StockRow(
                    node: DCID(node), sku: SKU(sku), onHand: onHand, safetyStock: safetyStock, reserved: reserved)
            }
        }
    }

    public func capacityUsed(on day: CalendarDate) async throws(StoreError) -> [DCID: CapacityUse] {
        try await connection("read capacity used") { connection in
            var used: [DCID: CapacityUse] = [:]
            for row in try await rows(
                "SELECT node, orders, units FROM capacity_used WHERE day = \(day.description)::date", on: connection)
            {
                let (node, orders, units) = try row.decode((String, Int, Int).self)
                used[DCID(node)] = CapacityUse(orders: orders, units: units)
            }
            return used
        }
    }
}

/// A PostgreSQL error as a store reports it: SQLSTATE and the server's message (which names constraints, never
/// values; the detail that shows values is left out), or the kind of client-side failure.
struct PostgresFailure: Error, CustomStringConvertible {
    var sqlState: String?
    var description: String
    var code: StoreError.Code?

    init(_ error: PSQLError) {
        if error.code == .server, let info = error.serverInfo {
            let state = info[.sqlState] ?? "?????"
            sqlState = state
            description = "SQLSTATE \(state): \(info[.message] ?? "")"
            code = Self.code(sqlState: state)
        } else {
            description = "\(error.code)"
            switch error.code {
            case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed,
                .sslUnsupported, .failedToAddSSLHandler, .receivedUnencryptedDataAfterSSLRequest,
                .unsupportedAuthMechanism, .authMechanismRequiresPassword, .saslError:
                code = .unavailable
            default:
                code = nil
            }
        }
    }

    static func code(sqlState state: String) -> StoreError.Code? {
        switch state {
        case "40001", "40P01", "55P03": .busy
        // Class 08: connection exception; 28: invalid authorization; 3D000: no such database; 53300: too many
        // connections; 57P01-57P03: the server is shutting down or starting.
        case "3D000", "53300", "57P01", "57P02", "57P03": .unavailable
        case _ where state.hasPrefix("23"): .constraint
        case _ where state.hasPrefix("08") || state.hasPrefix("28"): .unavailable
        default: nil
        }
    }
}
