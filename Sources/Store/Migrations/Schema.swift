import GRDB

/// The schema, one migration per change, applied in order on open. Never edit a shipped migration: add one.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: documents, orders, decisions, reservations, outbound, control numbers") { db in
            try db.execute(
                sql: """
                    CREATE TABLE inbound_document (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        received_at REAL NOT NULL,
                        origin TEXT NOT NULL,
                        format TEXT NOT NULL,
                        bytes BLOB NOT NULL,
                        status TEXT NOT NULL DEFAULT 'received',
                        problems TEXT NOT NULL DEFAULT ''
                    );
                    CREATE TABLE purchase_order (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        retailer TEXT NOT NULL,
                        po_number TEXT NOT NULL,
                        purpose TEXT NOT NULL,
                        interchange_control TEXT,
                        group_control TEXT,
                        set_control TEXT,
                        document_id INTEGER REFERENCES inbound_document(id),
                        received_at REAL NOT NULL,
                        order_json TEXT NOT NULL,
                        UNIQUE (retailer, po_number, purpose)
                    );
                    CREATE TABLE decision (
                        order_id INTEGER PRIMARY KEY REFERENCES purchase_order(id),
                        outcome TEXT NOT NULL,
                        nodes TEXT NOT NULL,
                        ship_by REAL,
                        decided_at REAL NOT NULL,
                        explanation_json TEXT NOT NULL
                    );
                    CREATE TABLE reservation (
                        order_id INTEGER NOT NULL REFERENCES purchase_order(id),
                        node TEXT NOT NULL,
                        sku TEXT NOT NULL,
                        quantity TEXT NOT NULL
                    );
                    CREATE INDEX reservation_by_node_sku ON reservation (node, sku);
                    CREATE TABLE outbound_document (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        kind TEXT NOT NULL,
                        retailer TEXT,
                        order_id INTEGER REFERENCES purchase_order(id),
                        in_reply_to INTEGER REFERENCES inbound_document(id),
                        created_at REAL NOT NULL,
                        name TEXT NOT NULL,
                        bytes BLOB NOT NULL
                    );
                    CREATE TABLE control_number (
                        partner TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        value INTEGER NOT NULL,
                        PRIMARY KEY (partner, kind)
                    );
                    CREATE TABLE audit (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        at REAL NOT NULL,
                        order_id INTEGER REFERENCES purchase_order(id),
                        event TEXT NOT NULL,
                        detail TEXT NOT NULL
                    );
                    """)
        }
        migrator.registerMigration(
            "v2: durable pipeline: inventory, capacity, interchanges, outbox, pending documents"
        ) { db in
            // v1 stores held the demo's runs only: their reservations and outbound documents change shape here and
            // are not carried over (a demo run starts from a new file).
            try db.execute(
                sql: """
                    DROP TABLE reservation;
                    DROP TABLE outbound_document;
                    ALTER TABLE inbound_document ADD COLUMN sha256 TEXT;
                    ALTER TABLE inbound_document ADD COLUMN finished INTEGER NOT NULL DEFAULT 0;
                    CREATE INDEX inbound_document_by_hash ON inbound_document (sha256);
                    ALTER TABLE decision ADD COLUMN acknowledge_by REAL;
                    CREATE TABLE reservation (
                        order_id INTEGER NOT NULL REFERENCES purchase_order(id),
                        node TEXT NOT NULL,
                        sku TEXT NOT NULL,
                        quantity INTEGER NOT NULL
                    );
                    CREATE INDEX reservation_by_order ON reservation (order_id);
                    CREATE TABLE inventory (
                        node TEXT NOT NULL,
                        sku TEXT NOT NULL,
                        on_hand INTEGER NOT NULL,
                        safety_stock INTEGER NOT NULL,
                        reserved INTEGER NOT NULL DEFAULT 0,
                        PRIMARY KEY (node, sku)
                    );
                    CREATE INDEX inventory_by_sku ON inventory (sku);
                    CREATE TABLE capacity_used (
                        node TEXT NOT NULL,
                        day TEXT NOT NULL,
                        orders INTEGER NOT NULL,
                        units INTEGER NOT NULL,
                        PRIMARY KEY (node, day)
                    );
                    CREATE TABLE interchange (
                        sender_qualifier TEXT NOT NULL,
                        sender_id TEXT NOT NULL,
                        control_number TEXT NOT NULL,
                        document_id INTEGER NOT NULL REFERENCES inbound_document(id),
                        PRIMARY KEY (sender_qualifier, sender_id, control_number)
                    );
                    CREATE TABLE outbox (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        key TEXT,
                        kind TEXT NOT NULL,
                        partner TEXT NOT NULL,
                        order_id INTEGER REFERENCES purchase_order(id),
                        in_reply_to INTEGER REFERENCES inbound_document(id),
                        name TEXT NOT NULL,
                        destination TEXT,
                        state TEXT NOT NULL DEFAULT 'pending',
                        created_at REAL NOT NULL,
                        bytes BLOB NOT NULL
                    );
                    CREATE INDEX outbox_by_key ON outbox (key);
                    CREATE INDEX outbox_by_state ON outbox (state, id);
                    """)
        }
        migrator.registerMigration("v3: order states and versions, repeated POs, node switches") { db in
            try db.execute(sql: Self.v3)
        }
        migrator.registerMigration("v4: delivery: outbox attempts and claims, feed runs, the delivery ledger") { db in
            try db.execute(sql: Self.v4)
        }
        migrator.registerMigration("v5: what each feed run says, claimed feed schedule slots") { db in
            try db.execute(sql: Self.v5)
        }
        migrator.registerMigration("v6: credentials, the partner that sent a document") { db in
            try db.execute(sql: Self.v6)
        }
        migrator.registerMigration("v7: shipments and floor cancellations") { db in
            try db.execute(sql: Self.v7)
        }
        migrator.registerMigration("v8: pick list index") { db in
            try db.execute(sql: Self.v8)
        }
        migrator.registerMigration("v9: outbox rows by shipment") { db in
            // The deadline watch asks, per shipment, whether its ASN was delivered.
            try db.execute(sql: "CREATE INDEX outbox_by_shipment ON outbox (shipment_id)")
        }
        migrator.registerMigration("v10: retailers' change and cancel requests") { db in
            try db.execute(sql: Self.v10)
        }
        migrator.registerMigration("v11: inbound stock") { db in
            try db.execute(sql: Self.v11)
        }
        migrator.registerMigration("v12: each PO's first decision with its inputs") { db in
            try db.execute(sql: Self.v12)
        }
        migrator.registerMigration("v13: POs by receipt with their retailer and state") { db in
            try db.execute(sql: Self.v13)
        }
        migrator.registerMigration("v14: the bin each node keeps a SKU in") { db in
            try db.execute(sql: Self.v14)
        }
        migrator.registerMigration("v15: the process that keeps each document") { db in
            // `DocumentKeepers`: a document names its keeper instead of having a lock file of its own. A document
            // kept before names none, and counts as abandoned once unfinished.
            try db.execute(sql: "ALTER TABLE inbound_document ADD COLUMN keeper TEXT")
        }
        migrator.registerMigration("v16: the groups we send and the 997s that answer them") { db in
            try db.execute(sql: Self.v16)
        }
        migrator.registerMigration("v17: documents too large to hold, kept in parts") { db in
            try db.execute(sql: Self.v17)
        }
        migrator.registerMigration("v18: what a fee that is a share of value is a share of") { db in
            try db.execute(sql: Self.v18)
        }
        migrator.registerMigration("v19: POs due long after their receipt") { db in
            try db.execute(sql: Self.v19)
        }
        return migrator
    }

    /// An order's state toward the warehouse and its version (a replaced PO keeps its id; each earlier version is
    /// kept in `order_version`); each repeat of a PO that was not acted on, by its document and place; and the
    /// node switches set outside the network file.
    static let v3 = """
        ALTER TABLE purchase_order ADD COLUMN state TEXT NOT NULL DEFAULT 'open';
        ALTER TABLE purchase_order ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
        CREATE TABLE order_version (
            order_id INTEGER NOT NULL REFERENCES purchase_order(id),
            version INTEGER NOT NULL,
            document_id INTEGER REFERENCES inbound_document(id),
            received_at REAL NOT NULL,
            order_json TEXT NOT NULL,
            outcome TEXT NOT NULL,
            nodes TEXT NOT NULL,
            acknowledge_by REAL,
            ship_by REAL,
            decided_at REAL NOT NULL,
            explanation_json TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'replaced',
            replaced_at REAL NOT NULL,
            replaced_by_document INTEGER REFERENCES inbound_document(id),
            PRIMARY KEY (order_id, version)
        );
        CREATE TABLE repeated_order (
            document_id INTEGER NOT NULL REFERENCES inbound_document(id),
            position INTEGER NOT NULL,
            order_id INTEGER NOT NULL REFERENCES purchase_order(id),
            outcome TEXT NOT NULL,
            at REAL NOT NULL,
            PRIMARY KEY (document_id, position)
        );
        CREATE INDEX repeated_order_by_order ON repeated_order (order_id);
        CREATE TABLE node_switch (
            node TEXT PRIMARY KEY,
            enabled INTEGER,
            closed_windows TEXT NOT NULL,
            set_at REAL NOT NULL,
            set_by TEXT NOT NULL,
            reason TEXT
        );
        """

    /// Delivery: an outbox row's attempts, next-attempt time (backoff) and claim lease; every feed built to be sent
    /// (`node` is '' for a feed of every node); and the ledger of every attempt at either.
    static let v4 = """
        ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE outbox ADD COLUMN next_attempt_at REAL;
        ALTER TABLE outbox ADD COLUMN claimed_until REAL;
        ALTER TABLE outbox ADD COLUMN delivered_at REAL;
        CREATE TABLE feed_run (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            retailer TEXT NOT NULL,
            node TEXT NOT NULL,
            format TEXT NOT NULL,
            mode TEXT NOT NULL,
            built_at REAL NOT NULL,
            bytes INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            body BLOB NOT NULL,
            destination TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending',
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at REAL,
            claimed_until REAL,
            delivered_at REAL
        );
        CREATE INDEX feed_run_by_key ON feed_run (retailer, node, built_at, id);
        CREATE TABLE delivery_attempt (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            outbox_id INTEGER REFERENCES outbox(id),
            feed_run_id INTEGER REFERENCES feed_run(id),
            attempt INTEGER NOT NULL,
            at REAL NOT NULL,
            url TEXT NOT NULL,
            status INTEGER,
            bytes INTEGER NOT NULL,
            duration REAL NOT NULL,
            response_excerpt BLOB NOT NULL,
            outcome TEXT NOT NULL,
            error TEXT
        );
        CREATE INDEX delivery_attempt_by_outbox ON delivery_attempt (outbox_id, id);
        CREATE INDEX delivery_attempt_by_feed_run ON delivery_attempt (feed_run_id, id);
        """

    /// Feed schedules: what each feed run says (compact JSON of its ATS snapshot, for the next delta), and the slots
    /// `feed run-due` claims, one row per retailer, node ('' for a feed of every node) and due instant.
    static let v5 = """
        ALTER TABLE feed_run ADD COLUMN snapshot BLOB;
        CREATE TABLE feed_slot (
            retailer TEXT NOT NULL,
            node TEXT NOT NULL,
            due_at REAL NOT NULL,
            claimed_until REAL NOT NULL,
            PRIMARY KEY (retailer, node, due_at)
        );
        """

    /// The keys the HTTP service accepts (`CredentialStore`): a key's public id, whose it is (`kind` partner or
    /// staff, `name`, `role` for staff), a per-key salt and SHA-256(salt ‖ secret), never the secret; and which
    /// partner posted an inbound document (nil for one read from a folder or posted by staff).
    static let v6 = """
        ALTER TABLE inbound_document ADD COLUMN partner TEXT;
        CREATE TABLE credential (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            key_id TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            name TEXT NOT NULL,
            role TEXT,
            salt BLOB NOT NULL,
            digest BLOB NOT NULL,
            created_at REAL NOT NULL,
            revoked_at REAL
        );
        CREATE INDEX credential_by_principal ON credential (kind, name, role);
        """

    /// The warehouse floor: each shipment confirmed (what the floor entered, as JSON; the review that accepted it;
    /// when its ASN is due), each line cancelled from the floor (with the review of the cancel it was part of), and which shipment an outbox row (ASN, invoice)
    /// belongs to.
    static let v7 = """
        CREATE TABLE shipment (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            order_id INTEGER NOT NULL REFERENCES purchase_order(id),
            node TEXT NOT NULL,
            shipped_at REAL NOT NULL,
            recorded_at REAL NOT NULL,
            recorded_by TEXT NOT NULL,
            asn_due REAL,
            confirmation_json TEXT NOT NULL,
            review_json TEXT NOT NULL
        );
        CREATE INDEX shipment_by_order ON shipment (order_id);
        CREATE TABLE line_cancellation (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            order_id INTEGER NOT NULL REFERENCES purchase_order(id),
            node TEXT NOT NULL,
            line_number TEXT NOT NULL,
            sku TEXT NOT NULL,
            quantity INTEGER NOT NULL,
            reason TEXT NOT NULL,
            at REAL NOT NULL,
            recorded_by TEXT NOT NULL,
            review_json TEXT NOT NULL
        );
        CREATE INDEX line_cancellation_by_order ON line_cancellation (order_id);
        ALTER TABLE outbox ADD COLUMN shipment_id INTEGER REFERENCES shipment(id);
        """

    /// The warehouse floor's reads (`PickListStore`): orders on the floor by state, an order's outbox rows (its
    /// pick tickets and acknowledgements) by order, and orders received since an instant (the deadline watch's
    /// late acknowledgements).
    static let v8 = """
        CREATE INDEX purchase_order_by_state ON purchase_order (state);
        CREATE INDEX purchase_order_by_received ON purchase_order (received_at);
        CREATE INDEX outbox_by_order ON outbox (order_id, kind);
        """

    /// Each change or cancel request a retailer sent (860, cXML update/delete), by its document and place, with
    /// the order it changes (none for an unknown PO), the verdict and the review.
    static let v10 = """
        CREATE TABLE change_request (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            document_id INTEGER NOT NULL REFERENCES inbound_document(id),
            position INTEGER NOT NULL,
            retailer TEXT NOT NULL,
            po_number TEXT NOT NULL,
            order_id INTEGER REFERENCES purchase_order(id),
            received_at REAL NOT NULL,
            verdict TEXT NOT NULL,
            reason TEXT,
            change_number TEXT,
            review_json TEXT NOT NULL,
            UNIQUE (document_id, position)
        );
        CREATE INDEX change_request_by_order ON change_request (order_id);
        CREATE INDEX change_request_by_received ON change_request (received_at);
        """

    /// Stock on its way to a node, per SKU and due day (an ISO day, `2026-12-10`): never on hand, only what a
    /// backorder may wait for; receiving it moves it to `inventory.on_hand`.
    static let v11 = """
        CREATE TABLE inbound_stock (
            node TEXT NOT NULL,
            sku TEXT NOT NULL,
            due TEXT NOT NULL,
            quantity INTEGER NOT NULL,
            PRIMARY KEY (node, sku, due)
        );
        """

    /// Each PO's first decision as made, never updated: units ordered and cancelled, fees avoided and incurred (a
    /// `Money` text, '' for none) for the scorecard; the plan's figures, the digest of its JSON and what routing
    /// read (`OriginalDecision`) for replay. Orders received in a window, in the order they were recorded, is how
    /// both read it.
    static let v12 = """
        CREATE TABLE original_decision (
            order_id INTEGER PRIMARY KEY REFERENCES purchase_order(id),
            retailer TEXT NOT NULL,
            received_at REAL NOT NULL,
            decided_at REAL NOT NULL,
            units INTEGER NOT NULL,
            outcome TEXT NOT NULL,
            cancelled_units INTEGER NOT NULL,
            fees_avoided TEXT NOT NULL,
            fees_incurred TEXT NOT NULL,
            figures TEXT NOT NULL,
            digest TEXT NOT NULL,
            inputs TEXT NOT NULL
        );
        CREATE INDEX original_decision_by_received ON original_decision (received_at, order_id);
        """

    /// The scorecard reads every PO of a month for its retailer and state: `state` is stored after `order_json`, so
    /// reading it from the table reads each PO's JSON too (a million POs: about a second of the report's two). The
    /// receipt index, which every PO write pays for already, carries both instead; a state change now updates it.
    static let v13 = """
        DROP INDEX purchase_order_by_received;
        CREATE INDEX purchase_order_by_received ON purchase_order (received_at, retailer, state);
        """

    /// The bin a node keeps a SKU in (`BinLocation`), from the inventory file's optional `location` column; NULL
    /// for none. The pick list reads it by the inventory's key (node, SKU).
    static let v14 = """
        ALTER TABLE inventory ADD COLUMN location TEXT;
        """

    /// Functional acknowledgements (`AcknowledgementStore`): every X12 group we send that a 997/999 may answer (an
    /// outbox row's 855, 856, 810 or 865, a feed run's 846), keyed by partner and GS06 as numbered, with the outbox
    /// row or feed run that carried it; each of its sets by ST02; and what the last 997 said of each (status NULL
    /// while none came back; `ack_code` AK901 as received, the errors as text, the inbound document that carried
    /// it). A feed run says whether it is accepted on delivery or on a 997 (`FeedAcceptance`).
    static let v16 = """
        ALTER TABLE feed_run ADD COLUMN accepted_on TEXT NOT NULL DEFAULT 'delivery';
        CREATE TABLE sent_group (
            partner TEXT NOT NULL,
            group_control INTEGER NOT NULL,
            functional_id TEXT NOT NULL,
            set_id TEXT NOT NULL,
            outbox_id INTEGER REFERENCES outbox(id),
            feed_run_id INTEGER REFERENCES feed_run(id),
            sent_at REAL NOT NULL,
            ack_status TEXT,
            ack_code TEXT,
            ack_errors TEXT NOT NULL DEFAULT '',
            ack_document_id INTEGER REFERENCES inbound_document(id),
            acknowledged_at REAL,
            PRIMARY KEY (partner, group_control)
        );
        CREATE INDEX sent_group_by_outbox ON sent_group (outbox_id);
        CREATE INDEX sent_group_by_feed_run ON sent_group (feed_run_id);
        CREATE TABLE sent_set (
            partner TEXT NOT NULL,
            group_control INTEGER NOT NULL,
            set_control INTEGER NOT NULL,
            ack_status TEXT,
            ack_errors TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (partner, group_control, set_control)
        );
        """

    /// A document larger than a part (`DocumentParts`) is kept as its parts in order, its own row's `bytes` empty
    /// and `parts` saying how many; a document kept whole has none (`parts` 0).
    static let v17 = """
        ALTER TABLE inbound_document ADD COLUMN parts INTEGER NOT NULL DEFAULT 0;
        CREATE TABLE inbound_part (
            document_id INTEGER NOT NULL REFERENCES inbound_document(id),
            part INTEGER NOT NULL,
            bytes BLOB NOT NULL,
            PRIMARY KEY (document_id, part)
        );
        """

    /// The values a fee that is a share of value is charged on, kept as money text (`Money.description`) when
    /// written, so that the scorecard reads them without decoding any PO: a PO's extended value as it stands
    /// (`PurchaseOrder.extendedTotal`, renewed when the PO is replaced), what its first decision's cancelled lines
    /// were worth (empty when it cancelled none), and what each line cancelled from the floor was worth, each at the
    /// PO's prices. NULL in rows written before: the scorecard then works them out from the PO.
    static let v18 = """
        ALTER TABLE purchase_order ADD COLUMN order_value TEXT;
        ALTER TABLE original_decision ADD COLUMN cancelled_value TEXT;
        ALTER TABLE line_cancellation ADD COLUMN value TEXT;
        """

    /// Each PO due (ship-by, shipped, ASN deadline) `ScorecardWindow.lookback` or more after its receipt keeps the
    /// latest such instant (`ScorecardStragglers`), found through a partial index; worked out here for the POs kept
    /// before.
    static let v19 = """
        ALTER TABLE purchase_order ADD COLUMN late_until REAL;
        \(lateUntil("MAX"));
        CREATE INDEX purchase_order_late ON purchase_order (late_until) WHERE late_until IS NOT NULL;
        """

    /// Sets `late_until` of every PO kept that is due long after its receipt; `larger` is the dialect's function
    /// of the larger of several values.
    static func lateUntil(_ larger: String) -> String {
        let far = "purchase_order.received_at + \(Int(ScorecardWindow.lookback))"
        let latest = """
            \(larger)(
                COALESCE((SELECT d.ship_by FROM decision d WHERE d.order_id = purchase_order.id AND d.ship_by >= \(far)), 0),
                COALESCE((SELECT MAX(s.shipped_at) FROM shipment s
                    WHERE s.order_id = purchase_order.id AND s.shipped_at >= \(far)), 0),
                COALESCE((SELECT MAX(s.asn_due) FROM shipment s
                    WHERE s.order_id = purchase_order.id AND s.asn_due >= \(far)), 0))
            """
        return "UPDATE purchase_order SET late_until = \(latest) WHERE \(latest) > 0"
    }
}
