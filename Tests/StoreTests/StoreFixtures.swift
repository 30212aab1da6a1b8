import Foundation
import Orders
import Store
import TestSupport
import Testing

/// The two stores the suite runs against.
enum Backend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }
}

/// One test's empty database, which the test may open several times (as several processes would): a new SQLite
/// file, or a new database on the run's throwaway PostgreSQL server.
struct TestDatabase: Sendable {
    enum Place: Sendable {
        case file(String)
        case postgres(PostgresLocation)
    }

    let place: Place

    static func make(_ backend: Backend) async throws -> TestDatabase {
        switch backend {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dropgate-store-\(UUID())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            return TestDatabase(place: .file(folder.appendingPathComponent("dropgate.sqlite").path))
        case .postgres:
            return TestDatabase(place: .postgres(try await TemporaryPostgres.shared.location()))
        }
    }

    /// The database as a string another process can open it by (`TestDatabase(address:)`): `sqlite:PATH` or a
    /// `postgres://` URL.
    var address: String {
        switch place {
        case .file(let path): "sqlite:\(path)"
        case .postgres(let location): location.description
        }
    }

    init(place: Place) { self.place = place }

    init(address: String) throws {
        if address.hasPrefix("sqlite:") {
            place = .file(String(address.dropFirst("sqlite:".count)))
        } else {
            place = .postgres(try PostgresLocation(url: address, environment: [:]))
        }
    }

    /// Deletes a SQLite database's folder (a PostgreSQL database goes with the server, at exit).
    func remove() {
        if case .file(let path) = place {
            try? FileManager.default.removeItem(at: URL(fileURLWithPath: path).deletingLastPathComponent())
        }
    }

    /// Runs `sql` on the database behind the stores' backs, with `sqlite3` or `psql`, as an operator's hand
    /// edit or another program would.
    func execute(_ sql: String) throws {
        let command: [String]
        switch place {
        case .file(let path): command = ["/usr/bin/sqlite3", "-batch", "-bail", path, sql]
        case .postgres(let location):
            command = [
                "\(TemporaryPostgres.binaries)/psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", location.host, "-p",
                "\(location.port)", "-U", location.user, "-d", location.database, "-c", sql,
            ]
        }
        let result = try ChildProcess.run(command)
        guard result.status == 0 else {
            throw ExecuteFailure(description: "\(command[0].split(separator: "/").last ?? "") failed: \(sql)")
        }
    }

    struct ExecuteFailure: Error, CustomStringConvertible { var description: String }

    /// A store on this database; `close` it when done.
    func open(maximumConnections: Int = 20) async throws -> any OrderStore {
        switch place {
        case .file(let path): try SQLiteStore(path: path)
        case .postgres(let location):
            try await PostgresStore(location: location, maximumConnections: maximumConnections)
        }
    }
}

/// Closes what `TestDatabase.open` opened (a PostgreSQL store's connection pool).
func close(_ store: any OrderStore) async {
    if let store = store as? PostgresStore { await store.shutdown() }
}

/// Runs `body` with a store on a new database of `backend`, closing it after.
func withStore(
    _ backend: Backend, _ body: (any OrderStore, TestDatabase) async throws -> Void
) async throws {
    let database = try await TestDatabase.make(backend)
    defer { database.remove() }
    let store = try await database.open()
    do {
        try await body(store, database)
    } catch {
        await close(store)
        throw error
    }
    await close(store)
}

// MARK: Inputs

/// Instants with a fraction of a second, so that a time that does not read back exactly shows.
let t0 = Date(timeIntervalSince1970: 1_795_000_000.125)
let day = CalendarDate(year: 2026, month: 11, day: 19)!

func purchaseOrder(
    _ po: String, retailer: RetailerID = "walmart", purpose: PurchaseOrder.Purpose = .original, quantity: Decimal = 1
) -> PurchaseOrder {
    PurchaseOrder(
        retailer: retailer, poNumber: PONumber(po), purpose: purpose,
        lines: [OrderLine(lineNumber: "1", sku: "HP-10001", quantity: quantity)],
        source: OrderSource(format: .x12, interchangeControl: "000000001", groupControl: "1", setControl: "0001"))
}

/// A draft whose bytes show the control numbers it drew: `<kind> ISA13=… GS06=… ST02=…`.
func numberedDraft(
    _ kind: OutboundKind = .purchaseOrderAcknowledgement, partner: String = "walmart", name: String = "855.x12"
) -> OutboundDraft {
    OutboundDraft(kind: kind, partner: partner, name: name, destination: "file:outbound") { numbers in
        let isa = numbers.next(.interchange)
        let gs = numbers.next(.group)
        let st = numbers.next(.transactionSet)
        return Array("\(kind.rawValue) ISA13=\(isa) GS06=\(gs) ST02=\(st)".utf8)
    }
}

/// The ISA13 an outbox row was numbered with (see `numberedDraft`).
func interchangeNumber(_ entry: OutboxEntry) -> Int? {
    let text = String(decoding: entry.bytes, as: UTF8.self)
    guard let field = text.split(separator: " ").first(where: { $0.hasPrefix("ISA13=") }) else { return nil }
    return Int(field.dropFirst("ISA13=".count))
}

func orderCommit(
    _ po: String, retailer: RetailerID = "walmart", purpose: PurchaseOrder.Purpose = .original,
    document: DocumentID? = nil, outcome: DecisionOutcome = .ship, nodes: [DCID] = ["EWR1"],
    reservations: [Reservation] = [], capacity: [CapacityClaim] = [],
    outbound: [OutboundDraft] = [numberedDraft()], at: Date = t0
) -> OrderCommit {
    OrderCommit(
        order: purchaseOrder(po, retailer: retailer, purpose: purpose), retailer: retailer, documentID: document,
        receivedAt: at,
        decision: DecisionRecord(
            outcome: outcome, nodes: nodes, acknowledgeBy: at + 3600, shipBy: at + 86_400, decidedAt: at + 1,
            explanationJSON: #"{"po":"\#(po)"}"#),
        reservations: reservations, capacity: capacity, outbound: outbound)
}

func capacityClaim(
    _ node: DCID = "EWR1", orders: Int = 1, units: Int = 1, maximumOrders: Int = 100, maximumUnits: Int = 1000
) -> CapacityClaim {
    CapacityClaim(
        node: node, day: day, orders: orders, units: units, maximumOrders: maximumOrders, maximumUnits: maximumUnits)
}

func document(_ text: String, origin: String = "inbox/a.x12", at: Date = t0) -> InboundDocument {
    InboundDocument(receivedAt: at, origin: origin, format: .x12, bytes: Array(text.utf8))
}

extension CommitResult {
    var orderID: OrderID? {
        if case .committed(let id, _) = self { return id }
        return nil
    }

    var entries: [OutboxEntry] {
        if case .committed(_, let entries) = self { return entries }
        return []
    }

    var isConflict: Bool {
        if case .conflict = self { return true }
        return false
    }
}
