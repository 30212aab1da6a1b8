import PostgresNIO

/// The PostgreSQL schema, one migration per change, applied in order on open and recorded in `schema_migration`.
/// Never edit a shipped migration: add one.
///
/// The tables mean what SQLite's do (version 1 its v1 and v2, version 2 its v3: `Schema`), in PostgreSQL's types:
/// `BIGSERIAL` ids, `BYTEA` bytes, a `TEXT[]` of nodes, `DATE` days. Instants are `DOUBLE PRECISION` seconds since
/// 1970, as in SQLite, so that a `Date` reads back exactly the value written on either backend (`TIMESTAMPTZ` keeps
/// microseconds only).
enum PostgresSchema {
    struct Migration: Sendable {
        var version: Int
        var name: String
        /// One statement each: the extended query protocol runs a single statement per query.
        var statements: [String]
    }

    /// The advisory lock every opening process takes around migrating (`pg_advisory_xact_lock`), so that two
    /// processes opening a new database at once apply each migration once. An arbitrary constant: "dropgate".
    static let migrationLock: Int64 = 0x6472_6f70_6761_7465

    static let migrations: [Migration] = [
        Migration(
            version: 1, name: "durable pipeline: documents, orders, stock, capacity, interchanges, outbox",
            statements: [
                """
                CREATE TABLE inbound_document (
                    id BIGSERIAL PRIMARY KEY,
                    received_at DOUBLE PRECISION NOT NULL,
                    origin TEXT NOT NULL,
                    format TEXT NOT NULL,
                    bytes BYTEA NOT NULL,
                    status TEXT NOT NULL DEFAULT 'received',
                    problems TEXT NOT NULL DEFAULT '',
                    fingerprint TEXT NOT NULL,
                    finished BOOLEAN NOT NULL DEFAULT false
                )
                """,
                "CREATE INDEX inbound_document_by_fingerprint ON inbound_document (fingerprint)",
                "CREATE INDEX inbound_document_pending ON inbound_document (id) WHERE NOT finished",
                """
                CREATE TABLE purchase_order (
                    id BIGSERIAL PRIMARY KEY,
                    retailer TEXT NOT NULL,
                    po_number TEXT NOT NULL,
                    purpose TEXT NOT NULL,
                    interchange_control TEXT,
                    group_control TEXT,
                    set_control TEXT,
                    document_id BIGINT REFERENCES inbound_document (id),
                    received_at DOUBLE PRECISION NOT NULL,
                    order_json TEXT NOT NULL,
                    UNIQUE (retailer, po_number, purpose)
                )
                """,
                """
                CREATE TABLE decision (
                    order_id BIGINT PRIMARY KEY REFERENCES purchase_order (id),
                    outcome TEXT NOT NULL,
                    nodes TEXT[] NOT NULL,
                    acknowledge_by DOUBLE PRECISION,
                    ship_by DOUBLE PRECISION,
                    decided_at DOUBLE PRECISION NOT NULL,
                    explanation_json TEXT NOT NULL
                )
                """,
                """
                CREATE TABLE reservation (
                    order_id BIGINT NOT NULL REFERENCES purchase_order (id),
                    node TEXT NOT NULL,
                    sku TEXT NOT NULL,
                    quantity BIGINT NOT NULL
                )
                """,
                "CREATE INDEX reservation_by_order ON reservation (order_id)",
                """
                CREATE TABLE inventory (
                    node TEXT NOT NULL,
                    sku TEXT NOT NULL,
                    on_hand BIGINT NOT NULL,
                    safety_stock BIGINT NOT NULL,
                    reserved BIGINT NOT NULL DEFAULT 0,
                    PRIMARY KEY (node, sku)
                )
                """,
                "CREATE INDEX inventory_by_sku ON inventory (sku)",
                """
                CREATE TABLE capacity_used (
                    node TEXT NOT NULL,
                    day DATE NOT NULL,
                    orders BIGINT NOT NULL,
                    units BIGINT NOT NULL,
                    PRIMARY KEY (node, day)
                )
                """,
                """
                CREATE TABLE interchange (
                    sender_qualifier TEXT NOT NULL,
                    sender_id TEXT NOT NULL,
                    control_number TEXT NOT NULL,
                    document_id BIGINT NOT NULL REFERENCES inbound_document (id),
                    PRIMARY KEY (sender_qualifier, sender_id, control_number)
                )
                """,
                """
                CREATE TABLE outbox (
                    id BIGSERIAL PRIMARY KEY,
                    key TEXT,
                    kind TEXT NOT NULL,
                    partner TEXT NOT NULL,
                    order_id BIGINT REFERENCES purchase_order (id),
                    in_reply_to BIGINT REFERENCES inbound_document (id),
                    name TEXT NOT NULL,
                    destination TEXT,
                    state TEXT NOT NULL DEFAULT 'pending',
                    created_at DOUBLE PRECISION NOT NULL,
                    bytes BYTEA NOT NULL
                )
                """,
                "CREATE INDEX outbox_by_key ON outbox (key)",
                "CREATE INDEX outbox_by_state ON outbox (state, id)",
                """
                CREATE TABLE control_number (
                    partner TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    value BIGINT NOT NULL,
                    PRIMARY KEY (partner, kind)
                )
                """,
                """
                CREATE TABLE audit (
                    id BIGSERIAL PRIMARY KEY,
                    at DOUBLE PRECISION NOT NULL,
                    order_id BIGINT REFERENCES purchase_order (id),
                    event TEXT NOT NULL,
                    detail TEXT NOT NULL
                )
                """,
                "CREATE INDEX audit_by_order ON audit (order_id, id)",
            ]),
        Migration(
            version: 2, name: "order states and versions, repeated POs, node switches",
            statements: [
                "ALTER TABLE purchase_order ADD COLUMN state TEXT NOT NULL DEFAULT 'open'",
                "ALTER TABLE purchase_order ADD COLUMN version INTEGER NOT NULL DEFAULT 1",
                """
                CREATE TABLE order_version (
                    order_id BIGINT NOT NULL REFERENCES purchase_order (id),
                    version INTEGER NOT NULL,
                    document_id BIGINT REFERENCES inbound_document (id),
                    received_at DOUBLE PRECISION NOT NULL,
                    order_json TEXT NOT NULL,
                    outcome TEXT NOT NULL,
                    nodes TEXT[] NOT NULL,
                    acknowledge_by DOUBLE PRECISION,
                    ship_by DOUBLE PRECISION,
                    decided_at DOUBLE PRECISION NOT NULL,
                    explanation_json TEXT NOT NULL,
                    state TEXT NOT NULL DEFAULT 'replaced',
                    replaced_at DOUBLE PRECISION NOT NULL,
                    replaced_by_document BIGINT REFERENCES inbound_document (id),
                    PRIMARY KEY (order_id, version)
                )
                """,
                """
                CREATE TABLE repeated_order (
                    document_id BIGINT NOT NULL REFERENCES inbound_document (id),
                    position INTEGER NOT NULL,
                    order_id BIGINT NOT NULL REFERENCES purchase_order (id),
                    outcome TEXT NOT NULL,
                    at DOUBLE PRECISION NOT NULL,
                    PRIMARY KEY (document_id, position)
                )
                """,
                "CREATE INDEX repeated_order_by_order ON repeated_order (order_id)",
                """
                CREATE TABLE node_switch (
                    node TEXT PRIMARY KEY,
                    enabled BOOLEAN,
                    closed_windows TEXT NOT NULL,
                    set_at DOUBLE PRECISION NOT NULL,
                    set_by TEXT NOT NULL,
                    reason TEXT
                )
                """,
            ]),
        Migration(
            version: 3, name: "delivery: outbox attempts and claims, feed runs, the delivery ledger",
            statements: [
                "ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0",
                "ALTER TABLE outbox ADD COLUMN next_attempt_at DOUBLE PRECISION",
                "ALTER TABLE outbox ADD COLUMN claimed_until DOUBLE PRECISION",
                "ALTER TABLE outbox ADD COLUMN delivered_at DOUBLE PRECISION",
                """
                CREATE TABLE feed_run (
                    id BIGSERIAL PRIMARY KEY,
                    retailer TEXT NOT NULL,
                    node TEXT NOT NULL,
                    format TEXT NOT NULL,
                    mode TEXT NOT NULL,
                    built_at DOUBLE PRECISION NOT NULL,
                    bytes BIGINT NOT NULL,
                    sha256 TEXT NOT NULL,
                    body BYTEA NOT NULL,
                    destination TEXT NOT NULL,
                    state TEXT NOT NULL DEFAULT 'pending',
                    attempts INTEGER NOT NULL DEFAULT 0,
                    next_attempt_at DOUBLE PRECISION,
                    claimed_until DOUBLE PRECISION,
                    delivered_at DOUBLE PRECISION
                )
                """,
                "CREATE INDEX feed_run_by_key ON feed_run (retailer, node, built_at, id)",
                """
                CREATE TABLE delivery_attempt (
                    id BIGSERIAL PRIMARY KEY,
                    outbox_id BIGINT REFERENCES outbox (id),
                    feed_run_id BIGINT REFERENCES feed_run (id),
                    attempt INTEGER NOT NULL,
                    at DOUBLE PRECISION NOT NULL,
                    url TEXT NOT NULL,
                    status INTEGER,
                    bytes BIGINT NOT NULL,
                    duration DOUBLE PRECISION NOT NULL,
                    response_excerpt BYTEA NOT NULL,
                    outcome TEXT NOT NULL,
                    error TEXT
                )
                """,
                "CREATE INDEX delivery_attempt_by_outbox ON delivery_attempt (outbox_id, id)",
                "CREATE INDEX delivery_attempt_by_feed_run ON delivery_attempt (feed_run_id, id)",
            ]),
        Migration(
            version: 4, name: "what each feed run says, claimed feed schedule slots",
            statements: [
                "ALTER TABLE feed_run ADD COLUMN snapshot BYTEA",
                """
                CREATE TABLE feed_slot (
                    retailer TEXT NOT NULL,
                    node TEXT NOT NULL,
                    due_at DOUBLE PRECISION NOT NULL,
                    claimed_until DOUBLE PRECISION NOT NULL,
                    PRIMARY KEY (retailer, node, due_at)
                )
                """,
            ]),
        Migration(
            // PostgreSQL's own compression (pglz) took a tenth of the server's time in an ingest; LZ4 packs these
            // repetitive JSON and X12 values about as well for a fraction of it. New rows only; a server built
            // without LZ4 keeps pglz.
            version: 5, name: "LZ4 for the large values: documents, orders, decisions, outbound bytes, feeds",
            statements: [
                """
                DO $$
                BEGIN
                    ALTER TABLE inbound_document ALTER COLUMN bytes SET COMPRESSION lz4;
                    ALTER TABLE purchase_order ALTER COLUMN order_json SET COMPRESSION lz4;
                    ALTER TABLE decision ALTER COLUMN explanation_json SET COMPRESSION lz4;
                    ALTER TABLE order_version ALTER COLUMN order_json SET COMPRESSION lz4;
                    ALTER TABLE order_version ALTER COLUMN explanation_json SET COMPRESSION lz4;
                    ALTER TABLE outbox ALTER COLUMN bytes SET COMPRESSION lz4;
                    ALTER TABLE feed_run ALTER COLUMN body SET COMPRESSION lz4;
                    ALTER TABLE feed_run ALTER COLUMN snapshot SET COMPRESSION lz4;
                EXCEPTION WHEN feature_not_supported THEN
                    RAISE NOTICE 'LZ4 is not built into this server: pglz stays';
                END $$
                """
            ]),
        Migration(
            // SQLite's v6: see `Schema.v6`.
            version: 6, name: "credentials, the partner that sent a document",
            statements: [
                "ALTER TABLE inbound_document ADD COLUMN partner TEXT",
                """
                CREATE TABLE credential (
                    id BIGSERIAL PRIMARY KEY,
                    key_id TEXT NOT NULL UNIQUE,
                    kind TEXT NOT NULL,
                    name TEXT NOT NULL,
                    role TEXT,
                    salt BYTEA NOT NULL,
                    digest BYTEA NOT NULL,
                    created_at DOUBLE PRECISION NOT NULL,
                    revoked_at DOUBLE PRECISION
                )
                """,
                "CREATE INDEX credential_by_principal ON credential (kind, name, role)",
            ]),
        Migration(
            // SQLite's v7: see `Schema.v7`.
            version: 7, name: "shipments and floor cancellations",
            statements: [
                """
                CREATE TABLE shipment (
                    id BIGSERIAL PRIMARY KEY,
                    order_id BIGINT NOT NULL REFERENCES purchase_order (id),
                    node TEXT NOT NULL,
                    shipped_at DOUBLE PRECISION NOT NULL,
                    recorded_at DOUBLE PRECISION NOT NULL,
                    recorded_by TEXT NOT NULL,
                    asn_due DOUBLE PRECISION,
                    confirmation_json TEXT NOT NULL,
                    review_json TEXT NOT NULL
                )
                """,
                "CREATE INDEX shipment_by_order ON shipment (order_id)",
                """
                CREATE TABLE line_cancellation (
                    id BIGSERIAL PRIMARY KEY,
                    order_id BIGINT NOT NULL REFERENCES purchase_order (id),
                    node TEXT NOT NULL,
                    line_number TEXT NOT NULL,
                    sku TEXT NOT NULL,
                    quantity INTEGER NOT NULL,
                    reason TEXT NOT NULL,
                    at DOUBLE PRECISION NOT NULL,
                    recorded_by TEXT NOT NULL,
                    review_json TEXT NOT NULL
                )
                """,
                "CREATE INDEX line_cancellation_by_order ON line_cancellation (order_id)",
                "ALTER TABLE outbox ADD COLUMN shipment_id BIGINT REFERENCES shipment (id)",
            ]),
        Migration(
            // SQLite's v8: see `Schema.v8`.
            version: 8, name: "pick list index",
            statements: [
                "CREATE INDEX purchase_order_by_state ON purchase_order (state)",
                "CREATE INDEX purchase_order_by_received ON purchase_order (received_at)",
                "CREATE INDEX outbox_by_order ON outbox (order_id, kind)",
            ]),
        Migration(
            // SQLite's v9: the deadline watch asks, per shipment, whether its ASN was delivered.
            version: 9, name: "outbox rows by shipment",
            statements: ["CREATE INDEX outbox_by_shipment ON outbox (shipment_id)"]),
        Migration(
            // SQLite's v10: see `Schema.v10`.
            version: 10, name: "retailers' change and cancel requests",
            statements: [
                """
                CREATE TABLE change_request (
                    id BIGSERIAL PRIMARY KEY,
                    document_id BIGINT NOT NULL REFERENCES inbound_document (id),
                    position INTEGER NOT NULL,
                    retailer TEXT NOT NULL,
                    po_number TEXT NOT NULL,
                    order_id BIGINT REFERENCES purchase_order (id),
                    received_at DOUBLE PRECISION NOT NULL,
                    verdict TEXT NOT NULL,
                    reason TEXT,
                    change_number TEXT,
                    review_json TEXT NOT NULL,
                    UNIQUE (document_id, position)
                )
                """,
                "CREATE INDEX change_request_by_order ON change_request (order_id)",
                "CREATE INDEX change_request_by_received ON change_request (received_at)",
            ]),
        Migration(
            // SQLite's v11: see `Schema.v11`.
            version: 11, name: "inbound stock",
            statements: [
                """
                CREATE TABLE inbound_stock (
                    node TEXT NOT NULL,
                    sku TEXT NOT NULL,
                    due TEXT NOT NULL,
                    quantity INTEGER NOT NULL,
                    PRIMARY KEY (node, sku, due)
                )
                """
            ]),
        Migration(
            // SQLite's v12: see `Schema.v12`.
            version: 12, name: "each PO's first decision with its inputs",
            statements: [
                """
                CREATE TABLE original_decision (
                    order_id BIGINT PRIMARY KEY REFERENCES purchase_order (id),
                    retailer TEXT NOT NULL,
                    received_at DOUBLE PRECISION NOT NULL,
                    decided_at DOUBLE PRECISION NOT NULL,
                    units INTEGER NOT NULL,
                    outcome TEXT NOT NULL,
                    cancelled_units INTEGER NOT NULL,
                    fees_avoided TEXT NOT NULL,
                    fees_incurred TEXT NOT NULL,
                    figures TEXT NOT NULL,
                    digest TEXT NOT NULL,
                    inputs TEXT NOT NULL
                )
                """,
                "CREATE INDEX original_decision_by_received ON original_decision (received_at, order_id)",
            ]),
        Migration(
            // SQLite's v13: see `Schema.v13`.
            version: 13, name: "POs by receipt with their retailer and state",
            statements: [
                "DROP INDEX purchase_order_by_received",
                "CREATE INDEX purchase_order_by_received ON purchase_order (received_at, retailer, state)",
            ]),
        Migration(
            // SQLite's v14: see `Schema.v14`.
            version: 14, name: "the bin each node keeps a SKU in",
            statements: ["ALTER TABLE inventory ADD COLUMN location TEXT"]),
        Migration(
            // SQLite's v16: see `Schema.v16`. (SQLite's v15, the keeper column, has no PostgreSQL counterpart.)
            version: 16, name: "the groups we send and the 997s that answer them",
            statements: [
                "ALTER TABLE feed_run ADD COLUMN accepted_on TEXT NOT NULL DEFAULT 'delivery'",
                """
                CREATE TABLE sent_group (
                    partner TEXT NOT NULL,
                    group_control BIGINT NOT NULL,
                    functional_id TEXT NOT NULL,
                    set_id TEXT NOT NULL,
                    outbox_id BIGINT REFERENCES outbox (id),
                    feed_run_id BIGINT REFERENCES feed_run (id),
                    sent_at DOUBLE PRECISION NOT NULL,
                    ack_status TEXT,
                    ack_code TEXT,
                    ack_errors TEXT NOT NULL DEFAULT '',
                    ack_document_id BIGINT REFERENCES inbound_document (id),
                    acknowledged_at DOUBLE PRECISION,
                    PRIMARY KEY (partner, group_control)
                )
                """,
                "CREATE INDEX sent_group_by_outbox ON sent_group (outbox_id)",
                "CREATE INDEX sent_group_by_feed_run ON sent_group (feed_run_id)",
                """
                CREATE TABLE sent_set (
                    partner TEXT NOT NULL,
                    group_control BIGINT NOT NULL,
                    set_control INTEGER NOT NULL,
                    ack_status TEXT,
                    ack_errors TEXT NOT NULL DEFAULT '',
                    PRIMARY KEY (partner, group_control, set_control)
                )
                """,
            ]),
        Migration(
            // SQLite's v17: see `Schema.v17`.
            version: 17, name: "documents too large to hold, kept in parts",
            statements: [
                "ALTER TABLE inbound_document ADD COLUMN parts INTEGER NOT NULL DEFAULT 0",
                """
                CREATE TABLE inbound_part (
                    document_id BIGINT NOT NULL REFERENCES inbound_document (id),
                    part INTEGER NOT NULL,
                    bytes BYTEA NOT NULL,
                    PRIMARY KEY (document_id, part)
                )
                """,
            ]),
        Migration(
            // SQLite's v18: see `Schema.v18`.
            version: 18, name: "what a fee that is a share of value is a share of",
            statements: [
                "ALTER TABLE purchase_order ADD COLUMN order_value TEXT",
                "ALTER TABLE original_decision ADD COLUMN cancelled_value TEXT",
                "ALTER TABLE line_cancellation ADD COLUMN value TEXT",
            ]),
        Migration(
            // SQLite's v19: see `Schema.v19`.
            version: 19, name: "POs due long after their receipt",
            statements: [
                "ALTER TABLE purchase_order ADD COLUMN late_until DOUBLE PRECISION",
                Schema.lateUntil("GREATEST"),
                "CREATE INDEX purchase_order_late ON purchase_order (late_until) WHERE late_until IS NOT NULL",
            ]),
    ]

    /// Applies the migrations `connection`'s database lacks, in one transaction under the migration lock: a
    /// process that opens while another migrates waits, then finds nothing left to do.
    static func migrate(_ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("BEGIN", logger: logger)
        do {
            try await connection.query("SELECT pg_advisory_xact_lock(\(migrationLock))", logger: logger)
            try await connection.query(
                """
                CREATE TABLE IF NOT EXISTS schema_migration (
                    version INTEGER PRIMARY KEY,
                    name TEXT NOT NULL,
                    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
                )
                """, logger: logger)
            var applied: Set<Int> = []
            for try await version in try await connection.query(
                "SELECT version FROM schema_migration", logger: logger
            ).decode(Int.self) {
                applied.insert(version)
            }
            let known = migrations.map(\.version).max() ?? 0
            if let newest = applied.max(), newest > known {
                throw PostgresSchemaError(
                    description: "the database's schema is at version \(newest), newer than this dropgate knows "
                        + "(\(known)): upgrade dropgate")
            }
            // Every version the database lacks, in order: versions are numbered apart by the changes that add them,
            // and one may land after a higher one.
            for migration in migrations where !applied.contains(migration.version) {
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query(
                    "INSERT INTO schema_migration (version, name) VALUES (\(migration.version), \(migration.name))",
                    logger: logger)
            }
            try await connection.query("COMMIT", logger: logger)
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
    }
}

/// The database was migrated by a newer dropgate than this one.
struct PostgresSchemaError: Error, CustomStringConvertible {
    var description: String
}
