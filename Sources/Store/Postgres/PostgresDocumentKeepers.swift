import Foundation
import Logging
import Orders
import PostgresNIO

/// Which pending documents a live process is still working on, for processes that share one PostgreSQL database
/// (`DocumentKeepers` is the same for SQLite). The store that keeps a document, or takes over an abandoned one,
/// holds a session-level advisory lock on its id (`pg_try_advisory_lock(id)`) on one dedicated connection until the
/// document is finished. The server releases a session's locks when the session ends, however it ends: `close()`,
/// a lost connection, or a SIGKILLed process, whose socket the kernel closes at once. So a killed process's
/// documents are free for the next run at once, with no lease to wait out, and a live one's never are.
///
/// `pendingDocuments()` lists only unfinished documents this store holds or can lock itself: two resuming
/// processes never take the same one, nor one a live process is still processing. Its scan of unfinished rows is a
/// `SELECT … FOR NO KEY UPDATE SKIP LOCKED`, which passes over a row whose `finish` is being written (it is about
/// to leave the list) and does not wait on, nor skip, a row that an order being committed merely references.
///
/// Why not a row lock held for the whole document: a row lock lasts as long as its transaction, so one transaction
/// would stay open per document in flight, holding back vacuum, and either its `FOR UPDATE` would block the
/// keeper's own `finish` or its `FOR KEY SHARE` would let two resuming processes share the document.
///
/// Document ids take the single 64-bit key space of advisory locks; the store's other advisory locks use the two
/// 32-bit key space (which does not overlap it), or the migration lock, a constant no id reaches.
actor PostgresDocumentKeepers {
    private let configuration: PostgresConnection.Configuration
    private let logger: Logger
    /// The session holding the locks; nil before a new one is made (the last one was lost) and after `close()`.
    private var session: Task<PostgresConnection, any Error>?
    private var isClosed = false
    /// The documents this store holds on `session`.
    private var held: Set<Int64> = []

    /// Keeps on `connection` (the one the store migrated on); a lost session is replaced with a new connection made
    /// from `configuration`, and the documents the lost one held are no longer this store's.
    init(connection: PostgresConnection, configuration: PostgresConnection.Configuration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        session = Task { connection }
    }

    /// The open session, made again when the last one was lost.
    private func connection(for operation: String) async throws -> PostgresConnection {
        while true {
            guard !isClosed else { throw StoreError(operation, code: .unavailable, underlying: StoreClosed()) }
            let current: Task<PostgresConnection, any Error>
            if let session {
                current = session
            } else {
                let configuration = configuration
                let logger = logger
                current = Task {
                    try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
                }
                session = current
                if !held.isEmpty {
                    logger.warning("lost the session keeping documents", metadata: ["documents": "\(held.count)"])
                }
                held = []
            }
            do {
                let connection = try await current.value
                if !connection.isClosed { return connection }
            } catch {
                if session == current { session = nil }
                throw error
            }
            if session == current { session = nil }
        }
    }

    /// Becomes the keeper of a document just inserted, before its transaction commits, so that no other store ever
    /// sees it unlocked.
    func take(_ document: Int64) async throws {
        let connection = try await connection(for: "keep inbound document")
        let taken = try await connection.query("SELECT pg_try_advisory_lock(\(document))", logger: logger)
            .collect().first?.decode(Bool.self)
        guard taken == true else {
            throw PostgresSchemaError(description: "the lock of new document \(document) is held by another session")
        }
        held.insert(document)
    }

    /// Lets go of `document` (finished, or kept by a transaction that did not commit). A lock a lost session held is
    /// gone already.
    func release(_ document: Int64) async {
        guard held.remove(document) != nil, let session, let connection = try? await session.value else { return }
        _ = try? await connection.query("SELECT pg_advisory_unlock(\(document))", logger: logger)
    }

    /// Unfinished documents, oldest first, that this store holds or has just locked: those no live process keeps.
    func pending() async throws -> [PendingDocument] {
        let connection = try await connection(for: "list pending documents")
        let mine = held.sorted()
        let rows = try await connection.query(
            """
            WITH unfinished AS MATERIALIZED (
                SELECT id FROM inbound_document WHERE NOT finished ORDER BY id FOR NO KEY UPDATE SKIP LOCKED
            ), kept AS MATERIALIZED (
                SELECT id, CASE WHEN id = ANY(\(mine)::bigint[]) THEN false ELSE pg_try_advisory_lock(id) END AS taken,
                    id = ANY(\(mine)::bigint[]) AS held
                FROM unfinished
            )
            SELECT d.id, k.taken, d.received_at, d.origin, d.format, d.bytes, d.partner, d.parts
            FROM kept k JOIN inbound_document d ON d.id = k.id
            WHERE k.taken OR k.held
            ORDER BY d.id
            """, logger: logger
        ).collect()
        // Every lock taken is recorded first, so that none outlives its document unknown.
        for row in rows {
            if let (id, taken) = try? row.decode((Int64, Bool).self), taken { held.insert(id) }
        }
        var pending: [PendingDocument] = []
        for row in rows {
            let (id, _, receivedAt, origin, format, whole, partner, parts) = try row.decode(
                (Int64, Bool, Double, String, String, ByteBuffer, String?, Int).self)
            var bytes = Array(whole.readableBytesView)
            if parts > 0 {
                // A document kept in parts is put together again: finishing it after a stop holds it whole.
                for try await part in try await connection.query(
                    "SELECT bytes FROM inbound_part WHERE document_id = \(id) ORDER BY part", logger: logger
                ).decode(ByteBuffer.self) {
                    bytes += part.readableBytesView
                }
            }
            pending.append(
                PendingDocument(
                    id: DocumentID(id),
                    document: InboundDocument(
                        receivedAt: Date(timeIntervalSince1970: receivedAt), origin: origin,
                        format: DocumentFormat(rawValue: format) ?? .unknown, bytes: bytes, partner: partner)))
        }
        return pending
    }

    /// Ends the session: its locks are released before this returns (the server would release them too when the
    /// session ends, a moment after the connection closes), so that another store finds this one's documents at
    /// once. Later calls fail with `.unavailable`.
    func close() async {
        isClosed = true
        held = []
        guard let session else { return }
        self.session = nil
        guard let connection = try? await session.value else { return }
        _ = try? await connection.query("SELECT pg_advisory_unlock_all()", logger: logger)
        try? await connection.close()
    }
}

/// An operation asked of a store after `close()`.
struct StoreClosed: Error, CustomStringConvertible {
    var description: String { "the store is closed" }
}
