public import Foundation
import GRDB
public import Orders

/// The embedded default store: one SQLite file in WAL mode through GRDB, `synchronous=FULL` so that an acknowledged
/// PO survives a power cut. Several processes may share the file: SQLite serialises their writes (each waits up to
/// `busyTimeout` for the lock), and every check that must hold across them (stock, capacity, a PO recorded once, a
/// control number used once) is made inside the writing transaction.
public final class SQLiteStore: OrderStore {
    let pool: DatabasePool
    /// Every write of this process goes through it: concurrent writes share a transaction and its fsync.
    let writer: GroupWriter
    /// The documents this process keeps until finished, so that another process's `pendingDocuments` leaves them.
    private let keepers: DocumentKeepers

    /// Opens (creating if needed) the database at `path` and brings its schema up to date. `shortTransactions` is
    /// for a service, whose senders wait for their documents to be kept: its transactions hold the write lock for a
    /// few POs at a time (`GroupWriter.serviceWeight`); a batch run takes a batch's POs in one transaction and one
    /// fsync.
    public init(path: String, busyTimeout: TimeInterval = 30, shortTransactions: Bool = false) throws(StoreError) {
        do {
            var configuration = Configuration()
            configuration.foreignKeysEnabled = true
            configuration.busyMode = .timeout(busyTimeout)
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
            try Self.checkIsOurs(path, busyTimeout: busyTimeout)
            // Opening a new file switches it to WAL, which takes an exclusive lock SQLite does not wait for: two
            // processes creating one store at once saw "database is locked". Opening is ordered by the folder lock,
            // as migrating is.
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            pool = try FolderLock.withLock(on: folder) { try DatabasePool(path: path, configuration: configuration) }
            try Self.migrate(pool, path: path)
            writer = GroupWriter(pool: pool, maximumWeight: shortTransactions ? GroupWriter.serviceWeight : .max)
            keepers = DocumentKeepers(database: path)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError("open \(path)", code: .unavailable, underlying: error)
        }
    }

    /// An existing file is opened read-only first: a file that is not SQLite, or a database with tables of its own
    /// but none of our migrations, is someone else's, and is refused before anything (WAL mode, a migration) could
    /// change it.
    static func checkIsOurs(_ path: String, busyTimeout: TimeInterval) throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        var readOnly = Configuration()
        readOnly.readonly = true
        // Another process may be creating the store this very moment: wait for it as a writer would.
        readOnly.busyMode = .timeout(busyTimeout)
        let foreign: Bool
        do {
            foreign = try DatabaseQueue(path: path, configuration: readOnly).read { db in
                let tables = try Int.fetchOne(
                    db.cachedStatement(sql: "SELECT count(*) FROM sqlite_master WHERE type = 'table'"))
                return try !db.tableExists("grdb_migrations") && (tables ?? 0) > 0
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw ForeignDatabase(description: "not a SQLite database; left as it is")
        }
        if foreign {
            throw ForeignDatabase(description: "a SQLite database that is not a dropgate store; left as it is")
        }
    }

    /// Brings the schema up to date, one process at a time. GRDB's migrator reads which migrations a database has,
    /// then applies each missing one in a transaction of its own: two processes opening a new file at once would
    /// both find v1 missing, and the second would fail on a table that now exists. So unless the schema is
    /// complete, the migrator runs under an exclusive lock on the database's folder, and reads again under it.
    static func migrate(_ pool: DatabasePool, path: String) throws {
        if try pool.read({ db in try Schema.migrator.hasCompletedMigrations(db) }) { return }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try FolderLock.withLock(on: folder) { try Schema.migrator.migrate(pool) }
    }

    func write<T: Sendable>(
        _ operation: String, urgent: Bool = false, _ body: @escaping @Sendable (Database) throws -> T
    ) async throws(StoreError) -> T {
        do { return try await writer.write(urgent: urgent, body) } catch { throw Self.failure(operation, error) }
    }

    func read<T: Sendable>(_ operation: String, _ body: @escaping @Sendable (Database) throws -> T)
        async throws(StoreError) -> T
    {
        do { return try await pool.read(body) } catch { throw Self.failure(operation, error) }
    }

    static func failure(_ operation: String, _ error: any Error) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? DatabaseError {
            switch error.resultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED: return StoreError(operation, code: .busy, underlying: error)
            case .SQLITE_CONSTRAINT: return StoreError(operation, code: .constraint, underlying: error)
            case .SQLITE_CANTOPEN, .SQLITE_IOERR, .SQLITE_FULL:
                return StoreError(operation, code: .unavailable, underlying: error)
            default: break
            }
        }
        return StoreError(operation, underlying: error)
    }

    // MARK: Inbound documents

    public func keep(_ document: InboundDocument) async throws(StoreError) -> KeptDocument {
        if let source = document.source {
            if let whole = try document.inHand() { return try await keep(whole) }
            return try await keep(document, inPartsFrom: source)
        }
        let hash = StoreFingerprint(document.bytes).text
        let keeper = keepers.token
        // Urgent: whoever sent it waits for it to be kept, ahead of the work on documents kept before.
        return try await write("keep inbound document", urgent: true) { db in
            // The fingerprint narrows the search; the bytes decide.
            let earlier = try Row.fetchAll(
                db.cachedStatement(sql: "SELECT id, bytes FROM inbound_document WHERE sha256 = ? ORDER BY id"),
                arguments: [hash]
            ).first { [UInt8]($0["bytes"] as Data) == document.bytes }.map { $0["id"] as Int64 }
            try db.cachedStatement(
                sql: """
                    INSERT INTO inbound_document (received_at, origin, format, bytes, sha256, partner, keeper)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(
                arguments: [
                    document.receivedAt.timeIntervalSince1970, document.origin, document.format.rawValue,
                    Data(document.bytes), hash, document.partner, keeper,
                ])
            // Kept by this process before any other can see it: it names its keeper in the same transaction.
            return KeptDocument(id: DocumentID(db.lastInsertedRowID), sameBytesAs: earlier.map(DocumentID.init))
        }
    }

    /// `keep` for a document read from `source` and larger than a part: a part at a time, its fingerprint worked
    /// out as the parts are written, and the first earlier document with the same fingerprint (the same bytes)
    /// looked up after.
    private func keep(_ document: InboundDocument, inPartsFrom source: any DocumentSource) async throws(StoreError)
        -> KeptDocument
    {
        let keeper = keepers.token
        return try await write("keep inbound document", urgent: true) { db in
            try db.cachedStatement(
                sql: """
                    INSERT INTO inbound_document (received_at, origin, format, bytes, sha256, partner, keeper, parts)
                    VALUES (?, ?, ?, x'', '', ?, ?, ?)
                    """
            ).execute(
                arguments: [
                    document.receivedAt.timeIntervalSince1970, document.origin, document.format.rawValue,
                    document.partner, keeper, DocumentParts.count(of: source.count),
                ])
            let id = db.lastInsertedRowID
            let insert = try db.cachedStatement(
                sql: "INSERT INTO inbound_part (document_id, part, bytes) VALUES (?, ?, ?)")
            var reader = DocumentParts.Reader(source)
            while let (index, part) = try reader.next() { try insert.execute(arguments: [id, index, Data(part)]) }
            let fingerprint = reader.fingerprint
            try db.cachedStatement(sql: "UPDATE inbound_document SET sha256 = ? WHERE id = ?").execute(
                arguments: [fingerprint, id])
            let earlier = try Int64.fetchOne(
                db.cachedStatement(
                    sql: "SELECT id FROM inbound_document WHERE sha256 = ? AND id < ? ORDER BY id LIMIT 1"),
                arguments: [fingerprint, id])
            return KeptDocument(id: DocumentID(id), sameBytesAs: earlier.map(DocumentID.init))
        }
    }

    public func finish(_ document: DocumentID, status: DocumentStatus, problems: [String]) async throws(StoreError) {
        try await write("finish inbound document") { db in
            try db.cachedStatement(
                sql: "UPDATE inbound_document SET status = ?, problems = ?, finished = 1 WHERE id = ?"
            ).execute(
                arguments: [status.rawValue, problems.joined(separator: "\n"), document.rawValue])
        }
    }

    /// Unfinished documents that no other live process keeps (their keeper stopped, or none was named), each now
    /// kept by this store, and this store's own unfinished ones. A dead keeper's document is taken over by naming
    /// this store its keeper in place of the dead one, only if no other store did first.
    public func pendingDocuments() async throws(StoreError) -> [PendingDocument] {
        let unfinished = try await read("list pending documents") { db in
            try Row.fetchAll(db, sql: "SELECT id, keeper FROM inbound_document WHERE finished = 0 ORDER BY id").map {
                (id: $0["id"] as Int64, keeper: $0["keeper"] as String?)
            }
        }
        var alive: [String: Bool] = [:]
        let abandoned = unfinished.filter { document in
            // Without a lock file of its own, a store keeps nothing: every unfinished document is abandoned.
            guard keepers.token == nil || document.keeper != keepers.token else { return false }
            if let keeper = document.keeper, let known = alive[keeper] { return !known }
            let isAlive = keepers.isAlive(document.keeper)
            if let keeper = document.keeper { alive[keeper] = isAlive }
            return !isAlive
        }
        let token = keepers.token
        let takenOver: Set<Int64> =
            abandoned.isEmpty
            ? []
            : try await write("take over pending documents") { db in
                var taken: Set<Int64> = []
                let statement = try db.cachedStatement(
                    sql: "UPDATE inbound_document SET keeper = ? WHERE id = ? AND finished = 0 AND keeper IS ?")
                for document in abandoned {
                    try statement.execute(arguments: [token, document.id, document.keeper])
                    if db.changesCount == 1 { taken.insert(document.id) }
                }
                return taken
            }
        let mine = unfinished.filter { $0.keeper != nil && $0.keeper == token }.map(\.id)
        let taken = (mine + takenOver).sorted()
        return try await read("read pending documents") { db in
            var rows: [Row] = []
            for start in stride(from: 0, to: taken.count, by: 500) {
                let slice = Array(taken[start..<min(start + 500, taken.count)])
                let marks = Array(repeating: "?", count: slice.count).joined(separator: ",")
                rows += try Row.fetchAll(
                    db,
                    sql: """
                        SELECT id, received_at, origin, format, bytes, partner, parts FROM inbound_document
                        WHERE finished = 0 AND id IN (\(marks)) ORDER BY id
                        """, arguments: StatementArguments(slice))
            }
            return try rows.map { row in
                let id: Int64 = row["id"]
                let parts: Int = row["parts"]
                // A document kept in parts is put together again: finishing it after a stop holds it whole.
                let bytes =
                    parts == 0
                    ? [UInt8](row["bytes"] as Data)
                    : try Data.fetchAll(
                        db.cachedStatement(sql: "SELECT bytes FROM inbound_part WHERE document_id = ? ORDER BY part"),
                        arguments: [id]
                    ).flatMap { [UInt8]($0) }
                return PendingDocument(
                    id: DocumentID(id),
                    document: InboundDocument(
                        receivedAt: Date(timeIntervalSince1970: row["received_at"]), origin: row["origin"],
                        format: DocumentFormat(rawValue: row["format"]) ?? .unknown, bytes: bytes,
                        partner: row["partner"]))
            }
        }
    }

    public func claim(_ interchange: InterchangeKey, for document: DocumentID) async throws(StoreError)
        -> InterchangeClaim
    {
        try await write("claim interchange") { db in
            let arguments: StatementArguments = [
                interchange.senderQualifier, interchange.senderID, interchange.controlNumber,
            ]
            if let owner = try Int64.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT document_id FROM interchange
                        WHERE sender_qualifier = ? AND sender_id = ? AND control_number = ?
                        """), arguments: arguments)
            {
                return owner == document.rawValue ? .first : .repeated(of: DocumentID(owner))
            }
            try db.cachedStatement(
                sql: """
                    INSERT INTO interchange (sender_qualifier, sender_id, control_number, document_id)
                    VALUES (?, ?, ?, ?)
                    """
            ).execute(arguments: arguments + [document.rawValue])
            return .first
        }
    }

    // MARK: Stock and capacity

    public func importInventory(_ rows: [InventoryRow]) async throws(StoreError) {
        try await write("import inventory") { db in
            for node in Set(rows.map(\.node)) {
                try db.cachedStatement(
                    sql: "UPDATE inventory SET on_hand = 0, safety_stock = 0, location = NULL WHERE node = ?"
                ).execute(
                    arguments: [node.rawValue])
            }
            for row in rows {
                try db.cachedStatement(
                    sql: """
                        INSERT INTO inventory (node, sku, on_hand, safety_stock, location) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (node, sku) DO UPDATE SET on_hand = excluded.on_hand,
                            safety_stock = excluded.safety_stock, location = excluded.location
                        """
                ).execute(
                    arguments: [
                        row.node.rawValue, row.sku.rawValue, row.onHand, row.safetyStock, row.location?.rawValue,
                    ])
            }
        }
    }

    public func inventory(of skus: Set<SKU>) async throws(StoreError) -> [InventoryPosition] {
        if skus.count > Self.inventoryScanSize {
            // A feed over a large catalog: one pass over the table, not thousands of lookups.
            return try await read("read inventory") { db in
                var positions: [InventoryPosition] = []
                let rows = try Row.fetchCursor(
                    db,
                    sql: "SELECT node, sku, on_hand, safety_stock, reserved, location FROM inventory ORDER BY node, sku"
                )
                while let row = try rows.next() {
                    let sku = SKU(row[1] as String)
                    guard skus.contains(sku) else { continue }
                    positions.append(
                        InventoryPosition(
                            node: DCID(row[0] as String), sku: sku, onHand: row[2], safetyStock: row[3],
                            reserved: row[4], location: (row[5] as String?).flatMap(BinLocation.init(checking:))))
                }
                return positions
            }
        }
        let wanted = skus.map(\.rawValue).sorted()
        return try await read("read inventory") { db in
            var positions: [InventoryPosition] = []
            // SQLite limits bound parameters per statement: ask in slices.
            for start in stride(from: 0, to: wanted.count, by: 500) {
                let slice = Array(wanted[start..<min(start + 500, wanted.count)])
                let marks = Array(repeating: "?", count: slice.count).joined(separator: ",")
                positions += try Row.fetchAll(
                    db.cachedStatement(
                        sql: """
                            SELECT node, sku, on_hand, safety_stock, reserved, location FROM inventory
                            WHERE sku IN (\(marks))
                            ORDER BY node, sku
                            """), arguments: StatementArguments(slice)
                ).map(Self.position)
            }
            return positions
        }
    }

    public func inventory() async throws(StoreError) -> [StockRow] {
        try await read("read inventory") { db in
            var positions: [StockRow] = []
            positions.reserveCapacity(try Int.fetchOne(db, sql: "SELECT count(*) FROM inventory") ?? 0)
            let rows = try Row.fetchCursor(
                db, sql: "SELECT node, sku, on_hand, safety_stock, reserved FROM inventory ORDER BY node, sku")
            while let row = try rows.next() {
                positions.append(
                    StockRow(
                        node: DCID(row[0] as String), sku: SKU(row[1] as String), onHand: row[2], safetyStock: row[3],
                        reserved: row[4]))
            }
            return positions
        }
    }

    /// Above this many SKUs, `inventory(of:)` reads the whole table once rather than asking for them 500 at a time.
    static let inventoryScanSize = 5_000

    static func position(_ row: Row) -> InventoryPosition {
        InventoryPosition(
            node: DCID(row["node"] as String), sku: SKU(row["sku"] as String), onHand: row["on_hand"],
            safetyStock: row["safety_stock"], reserved: row["reserved"],
            location: (row["location"] as String?).flatMap(BinLocation.init(checking:)))
    }

    public func capacityUsed(on day: CalendarDate) async throws(StoreError) -> [DCID: CapacityUse] {
        try await read("read capacity used") { db in
            var used: [DCID: CapacityUse] = [:]
            for row in try Row.fetchAll(
                db.cachedStatement(sql: "SELECT node, orders, units FROM capacity_used WHERE day = ?"),
                arguments: [day.description])
            {
                used[DCID(row["node"] as String)] = CapacityUse(orders: row["orders"], units: row["units"])
            }
            return used
        }
    }

    // MARK: Orders and what they produce

    public func commit(_ commit: OrderCommit) async throws(StoreError) -> CommitResult {
        let orderJSON = try StoreJSON.encode(commit.order, operation: "encode order")
        do {
            return try await writer.write { db in try Self.commit(commit, orderJSON: orderJSON, in: db) }
        } catch let conflict as Conflict {
            return .conflict(conflict.description)
        } catch {
            throw Self.failure("commit order", error)
        }
    }

    public func recorded(_ keys: [OrderKey]) async throws(StoreError) -> [OrderKey: OrderID] {
        try await read("find recorded orders") { db in
            var found: [OrderKey: OrderID] = [:]
            let statement = try db.cachedStatement(
                sql: "SELECT id FROM purchase_order WHERE retailer = ? AND po_number = ? AND purpose = ?")
            for key in keys {
                if let id = try Int64.fetchOne(
                    statement, arguments: [key.retailer.rawValue, key.poNumber.rawValue, key.purpose])
                {
                    found[key] = OrderID(id)
                }
            }
            return found
        }
    }

    /// Each order in a savepoint of its own (a conflict rolls back that order alone), the batch in parts queued
    /// together: one transaction and one fsync for the whole batch in a batch run, which is what makes
    /// `synchronous=FULL` affordable; in a service, as many transactions as its cap on their weight asks.
    public func commit(batch: [OrderCommit]) async throws(StoreError) -> [CommitResult] {
        let orders = try await StoreJSON.encodeOrders(batch.map(\.order))
        // In parts of a few POs, queued together in order: the file's write lock is held for a part at a time, and
        // documents posted meanwhile are kept between parts instead of waiting for the whole batch.
        let size = 16
        let pairs = Array(zip(batch, orders))
        let chunks = stride(from: 0, to: pairs.count, by: size).map {
            Array(pairs[$0..<min($0 + size, pairs.count)])
        }
        let parts: [(weight: Int, body: @Sendable (Database) throws -> [CommitResult])] = chunks.map { commits in
            (
                weight: commits.count * GroupWriter.orderWeight,
                body: { db in
                    var results: [CommitResult] = []
                    for (commit, orderJSON) in commits {
                        var result = CommitResult.conflict("")
                        do {
                            try db.inSavepoint {
                                result = try Self.commit(commit, orderJSON: orderJSON, in: db)
                                return .commit
                            }
                        } catch let conflict as Conflict {
                            result = .conflict(conflict.description)
                        }
                        results.append(result)
                    }
                    return results
                }
            )
        }
        let written: [Result<[CommitResult], any Error>] = await writer.write(inOrder: parts)
        // Nothing written: the caller hears why, as of one transaction. Some parts written: the others' POs lost a
        // race with the store (busy, say), and are decided again.
        let failures = written.compactMap { result -> (any Error)? in
            if case .failure(let error) = result { return error }
            return nil
        }
        if let error = failures.first, failures.count == written.count { throw Self.failure("commit orders", error) }
        var results: [CommitResult] = []
        for (chunk, result) in zip(chunks, written) {
            switch result {
            case .success(let committed): results += committed
            case .failure(let error):
                results += Array(
                    repeating: .conflict("not written with the rest of its batch: \(error)"), count: chunk.count)
            }
        }
        return results
    }

    static func commit(_ commit: OrderCommit, orderJSON: String, in db: Database) throws -> CommitResult {
        let order = commit.order
        if let existing = try Row.fetchOne(
            db.cachedStatement(
                sql: "SELECT id, document_id FROM purchase_order WHERE retailer = ? AND po_number = ? AND purpose = ?"),
            arguments: [commit.retailer.rawValue, order.poNumber.rawValue, order.purpose.rawValue])
        {
            let document: Int64? = existing["document_id"]
            return .duplicate(
                of: OrderID(existing["id"]),
                sameDocument: document != nil && document == commit.documentID?.rawValue)
        }
        // Conditional updates first: if one no longer fits, roll back and say so.
        for reservation in commit.reservations {
            try db.cachedStatement(
                sql: """
                    UPDATE inventory SET reserved = reserved + ?
                    WHERE node = ? AND sku = ? AND on_hand - reserved - safety_stock >= ?
                    """
            ).execute(
                arguments: [
                    reservation.quantity, reservation.node.rawValue, reservation.sku.rawValue,
                    reservation.quantity,
                ])
            guard db.changesCount == 1 else {
                throw Conflict(
                    "\(reservation.node) no longer has \(reservation.quantity) of \(reservation.sku) available")
            }
        }
        for claim in commit.capacity {
            try db.cachedStatement(
                sql: """
                    INSERT INTO capacity_used (node, day, orders, units) VALUES (?, ?, 0, 0)
                    ON CONFLICT (node, day) DO NOTHING
                    """
            ).execute(arguments: [claim.node.rawValue, claim.day.description])
            try db.cachedStatement(
                sql: """
                    UPDATE capacity_used SET orders = orders + ?, units = units + ?
                    WHERE node = ? AND day = ? AND orders + ? <= ? AND units + ? <= ?
                    """
            ).execute(
                arguments: [
                    claim.orders, claim.units, claim.node.rawValue, claim.day.description, claim.orders,
                    claim.maximumOrders, claim.units, claim.maximumUnits,
                ])
            guard db.changesCount == 1 else { throw Conflict("\(claim.node) has no capacity left on \(claim.day)") }
        }
        let source = order.source
        try db.cachedStatement(
            sql: """
                INSERT INTO purchase_order (retailer, po_number, purpose, interchange_control, group_control,
                    set_control, document_id, received_at, order_json, order_value)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(
            arguments: [
                commit.retailer.rawValue, order.poNumber.rawValue, order.purpose.rawValue,
                source.interchangeControl, source.groupControl, source.setControl, commit.documentID?.rawValue,
                commit.receivedAt.timeIntervalSince1970, orderJSON, order.extendedTotal.description,
            ])
        let orderID = db.lastInsertedRowID
        let decision = commit.decision
        try db.cachedStatement(
            sql: """
                INSERT INTO decision (order_id, outcome, nodes, acknowledge_by, ship_by, decided_at,
                    explanation_json)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(
            arguments: [
                orderID, decision.outcome.rawValue, decision.nodes.map(\.rawValue).joined(separator: ","),
                decision.acknowledgeBy?.timeIntervalSince1970, decision.shipBy?.timeIntervalSince1970,
                decision.decidedAt.timeIntervalSince1970, decision.explanationJSON,
            ])
        try Self.markStraggler(orderID, due: [decision.shipBy], receivedAt: commit.receivedAt, db)
        if let original = commit.original {
            try db.cachedStatement(
                sql: """
                    INSERT INTO original_decision (order_id, retailer, received_at, decided_at, units, outcome,
                        cancelled_units, cancelled_value, fees_avoided, fees_incurred, figures, digest, inputs)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(
                arguments: [
                    orderID, commit.retailer.rawValue, commit.receivedAt.timeIntervalSince1970,
                    decision.decidedAt.timeIntervalSince1970, original.units, decision.outcome.rawValue,
                    original.cancelledUnits, original.cancelledValue?.description ?? "",
                    original.feesAvoided?.description ?? "", original.feesIncurred?.description ?? "",
                    original.figures, original.digest, original.inputs,
                ])
        }
        for reservation in commit.reservations {
            try db.cachedStatement(
                sql: "INSERT INTO reservation (order_id, node, sku, quantity) VALUES (?, ?, ?, ?)"
            ).execute(
                arguments: [orderID, reservation.node.rawValue, reservation.sku.rawValue, reservation.quantity])
        }
        let entries = try Self.insert(
            commit.outbound, orderID: orderID, inReplyTo: commit.documentID, key: nil, at: decision.decidedAt,
            in: db)
        try db.cachedStatement(
            sql: "INSERT INTO audit (at, order_id, event, detail) VALUES (?, ?, 'decided', ?)"
        ).execute(
            arguments: [
                decision.decidedAt.timeIntervalSince1970, orderID,
                "\(decision.outcome.rawValue) \(decision.nodes.map(\.rawValue).joined(separator: "+"))",
            ])
        return .committed(OrderID(orderID), entries)
    }

    public func enqueue(_ drafts: [OutboundDraft], inReplyTo: DocumentID?, key: String) async throws(StoreError)
        -> [OutboxEntry]
    {
        try await write("enqueue outbound documents") { db in
            let existing = try Self.entries(db, where: "key = ?", [key])
            if !existing.isEmpty { return existing }
            return try Self.insert(drafts, orderID: nil, inReplyTo: inReplyTo, key: key, at: Date(), in: db)
        }
    }

    public func resend(key: String, as newKey: String, inReplyTo: DocumentID?, at: Date) async throws(StoreError)
        -> [OutboxEntry]
    {
        try await write("resend outbound documents") { db in
            let existing = try Self.entries(db, where: "key = ?", [newKey])
            if !existing.isEmpty { return existing }
            try db.cachedStatement(
                sql: """
                    INSERT INTO outbox (key, kind, partner, order_id, in_reply_to, name, destination, state,
                        created_at, bytes)
                    SELECT ?, kind, partner, order_id, ?, name, destination, 'pending', ?, bytes
                    FROM outbox WHERE key = ? ORDER BY id
                    """
            ).execute(arguments: [newKey, inReplyTo?.rawValue, at.timeIntervalSince1970, key])
            return try Self.entries(db, where: "key = ?", [newKey])
        }
    }

    /// Renders and inserts `drafts`, drawing each partner's control numbers from its locked counters and writing
    /// them back, in the caller's transaction.
    static func insert(
        _ drafts: [OutboundDraft], orderID: Int64?, inReplyTo: DocumentID?, key: String?, at: Date, in db: Database
    ) throws -> [OutboxEntry] {
        let at = at.asStored
        var counters: [String: ControlNumbers] = [:]
        var entries: [OutboxEntry] = []
        for draft in drafts {
            var numbers = try counters[draft.partner] ?? loadCounters(draft.partner, db)
            let mark = numbers.drawn.count
            let bytes: [UInt8]
            do { bytes = try draft.render(&numbers) } catch {
                throw StoreError("render \(draft.name)", code: .render, underlying: error)
            }
            counters[draft.partner] = numbers
            try db.cachedStatement(
                sql: """
                    INSERT INTO outbox (key, kind, partner, order_id, in_reply_to, name, destination, state,
                        created_at, bytes)
                    VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)
                    """
            ).execute(
                arguments: [
                    key, draft.kind.rawValue, draft.partner, orderID, inReplyTo?.rawValue, draft.name,
                    draft.destination, at.timeIntervalSince1970, Data(bytes),
                ])
            let id = OutboxID(db.lastInsertedRowID)
            if let acknowledgeable = draft.kind.acknowledgeable {
                try recordSent(
                    DrawnGroup.groups(in: numbers.drawn[mark...]), partner: draft.partner, kind: acknowledgeable,
                    subject: .outbox(id), at: at, in: db)
            }
            entries.append(
                OutboxEntry(
                    id: id, kind: draft.kind, partner: draft.partner, orderID: orderID.map(OrderID.init),
                    inReplyTo: inReplyTo, name: draft.name, destination: draft.destination, state: .pending,
                    createdAt: at, bytes: bytes))
        }
        for numbers in counters.values { try saveCounters(numbers, db) }
        return entries
    }

    /// Writes a partner's counters back after drawing from them, in the transaction that loaded them.
    static func saveCounters(_ numbers: ControlNumbers, _ db: Database) throws {
        for (kind, value) in numbers.values {
            try db.cachedStatement(
                sql: """
                    INSERT INTO control_number (partner, kind, value) VALUES (?, ?, ?)
                    ON CONFLICT (partner, kind) DO UPDATE SET value = excluded.value
                    """
            ).execute(arguments: [numbers.partner, kind.rawValue, value])
        }
    }

    static func loadCounters(_ partner: String, _ db: Database) throws -> ControlNumbers {
        var values: [ControlNumberKind: Int] = [:]
        for row in try Row.fetchAll(
            db.cachedStatement(sql: "SELECT kind, value FROM control_number WHERE partner = ?"), arguments: [partner])
        {
            if let kind = ControlNumberKind(rawValue: row["kind"]) { values[kind] = row["value"] }
        }
        return ControlNumbers(partner: partner, values: values)
    }

    // MARK: Reading

    public func orders(_ filter: OrderFilter) async throws(StoreError) -> [OrderSummary] {
        try await read("list orders") { db in
            var conditions: [String] = []
            var arguments: [(any DatabaseValueConvertible)?] = []
            if let outcome = filter.outcome {
                conditions.append("d.outcome = ?")
                arguments.append(outcome.rawValue)
            }
            if let retailer = filter.retailer {
                conditions.append("o.retailer = ?")
                arguments.append(retailer.rawValue)
            }
            if let node = filter.node {
                // `instr`, not `LIKE`: a node name is matched literally (`_` and `%` are not wildcards).
                conditions.append("instr(',' || d.nodes || ',', ?) > 0")
                arguments.append(",\(node.rawValue),")
            }
            if let since = filter.since {
                conditions.append("o.received_at >= ?")
                arguments.append(since.timeIntervalSince1970)
            }
            if let po = filter.poNumber {
                conditions.append("o.po_number = ?")
                arguments.append(po.rawValue)
            }
            return try Self.summaries(
                db, where: conditions.isEmpty ? "1 = 1" : conditions.joined(separator: " AND "),
                StatementArguments(arguments))
        }
    }

    /// The order list's rows for `condition` (over `o`, the order, and `d`, its decision), oldest first.
    static func summaries(_ db: Database, where condition: String, _ arguments: StatementArguments) throws
        -> [OrderSummary]
    {
        try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT o.id, o.retailer, o.po_number, o.received_at, o.document_id, d.outcome, d.nodes,
                        d.acknowledge_by, d.ship_by, d.explanation_json
                    FROM purchase_order o JOIN decision d ON d.order_id = o.id WHERE \(condition) ORDER BY o.id
                    """), arguments: arguments
        ).map { row in
            let nodes: String = row["nodes"]
            let acknowledgeBy: Double? = row["acknowledge_by"]
            let shipBy: Double? = row["ship_by"]
            let document: Int64? = row["document_id"]
            let id = OrderID(row["id"])
            let poNumber = PONumber(row["po_number"] as String)
            return OrderSummary(
                id: id, retailer: RetailerID(row["retailer"] as String), poNumber: poNumber,
                outcome: try DecisionOutcome.stored(
                    row["outcome"], order: id, poNumber: poNumber, operation: "list orders"),
                nodes: nodes.split(separator: ",").map { DCID(String($0)) },
                acknowledgeBy: acknowledgeBy.map(Date.init(timeIntervalSince1970:)),
                shipBy: shipBy.map(Date.init(timeIntervalSince1970:)),
                receivedAt: Date(timeIntervalSince1970: row["received_at"]),
                documentID: document.map(DocumentID.init), explanationJSON: row["explanation_json"])
        }
    }

    public func outbox(state: OutboxState?) async throws(StoreError) -> [OutboxEntry] {
        try await read("list outbox") { db in
            if let state { return try Self.entries(db, where: "state = ?", [state.rawValue]) }
            return try Self.entries(db, where: "1 = 1", [])
        }
    }

    static func entries(
        _ db: Database, where condition: String, _ arguments: StatementArguments, limit: Int? = nil
    ) throws -> [OutboxEntry] {
        try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT id, kind, partner, order_id, in_reply_to, name, destination, state, created_at, bytes
                    FROM outbox WHERE \(condition) ORDER BY id\(limit.map { " LIMIT \(max(0, $0))" } ?? "")
                    """), arguments: arguments
        ).map { row in
            let order: Int64? = row["order_id"]
            let reply: Int64? = row["in_reply_to"]
            return OutboxEntry(
                id: OutboxID(row["id"]), kind: OutboundKind(rawValue: row["kind"]) ?? .explanation,
                partner: row["partner"], orderID: order.map(OrderID.init), inReplyTo: reply.map(DocumentID.init),
                name: row["name"], destination: row["destination"],
                state: OutboxState(rawValue: row["state"]) ?? .pending,
                createdAt: Date(timeIntervalSince1970: row["created_at"]), bytes: [UInt8](row["bytes"] as Data))
        }
    }

    public func audit(of order: OrderID) async throws(StoreError) -> [AuditEvent] {
        try await read("read audit") { db in
            try Row.fetchAll(
                db.cachedStatement(sql: "SELECT at, event, detail FROM audit WHERE order_id = ? ORDER BY id"),
                arguments: [order.rawValue]
            ).map { AuditEvent(at: Date(timeIntervalSince1970: $0["at"]), event: $0["event"], detail: $0["detail"]) }
        }
    }
}

struct ForeignDatabase: Error, CustomStringConvertible {
    var description: String
}

/// A conditional update that no longer fits: the transaction rolls back and the caller decides again.
struct Conflict: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
