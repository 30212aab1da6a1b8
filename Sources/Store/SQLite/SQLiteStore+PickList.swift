public import Foundation
import GRDB
public import Orders

extension SQLiteStore {
    public func pickList(node: DCID?, order: OrderID?) async throws(StoreError) -> [PickListEntry] {
        try await read("read the pick list") { db in
            // From the orders on the floor (`purchase_order_by_state`), or the one asked for, to their tickets
            // (`outbox_by_order`); what the floor did and the bins by `shipment_by_order`,
            // `line_cancellation_by_order`, `reservation_by_order` and the inventory's key.
            let which =
                order == nil
                ? "o.state IN ('open', 'released') AND (?1 IS NULL OR x.partner = ?1)"
                : "o.id = ?2 AND (?1 IS NULL OR x.partner = ?1)"
            let rows = try Row.fetchCursor(
                db.cachedStatement(
                    sql: """
                        SELECT o.id, o.state, o.retailer, o.po_number, x.partner, x.state AS ticket_state,
                            d.acknowledge_by, d.ship_by, x.bytes,
                            (SELECT '[' || group_concat(s.confirmation_json, ',') || ']' FROM shipment s
                                WHERE s.order_id = o.id AND s.node = x.partner) AS shipments,
                            (SELECT group_concat(c.line_number || char(31) || c.quantity, char(30))
                                FROM line_cancellation c WHERE c.order_id = o.id AND c.node = x.partner) AS cancelled,
                            (SELECT group_concat(i.sku || char(31) || i.location, char(30))
                                FROM reservation r JOIN inventory i ON i.node = r.node AND i.sku = r.sku
                                WHERE r.order_id = o.id AND r.node = x.partner AND i.location IS NOT NULL)
                                AS locations
                        FROM purchase_order o
                        JOIN decision d ON d.order_id = o.id
                        JOIN outbox x ON x.order_id = o.id AND x.kind = 'pick-ticket' AND x.state <> 'withdrawn'
                        WHERE \(which)
                        ORDER BY d.ship_by IS NULL, d.ship_by, o.id, x.id
                        """), arguments: order.map { [node?.rawValue, $0.rawValue] } ?? [node?.rawValue])
            var entries: [PickListEntry] = []
            while let row = try rows.next() {
                let id = OrderID(row["id"])
                let stored: String = row["state"]
                guard var state = OrderState(rawValue: stored) else {
                    throw StoreError(
                        "read the pick list", code: .corrupt, reason: "order \(id) has state '\(stored)'")
                }
                if state == .open && (row["ticket_state"] as String) == OutboxState.sent.rawValue { state = .released }
                let acknowledgeBy: Double? = row["acknowledge_by"]
                let shipBy: Double? = row["ship_by"]
                let floor = try PickListEntry.floorFacts(
                    shipments: row["shipments"], cancelled: row["cancelled"], locations: row["locations"], order: id)
                entries.append(
                    PickListEntry(
                        order: id, state: state, retailer: RetailerID(row["retailer"] as String),
                        poNumber: PONumber(row["po_number"] as String), node: DCID(row["partner"] as String),
                        acknowledgeBy: acknowledgeBy.map(Date.init(timeIntervalSince1970:)),
                        shipBy: shipBy.map(Date.init(timeIntervalSince1970:)), ticket: [UInt8](row["bytes"] as Data),
                        shipments: floor.shipments, cancelled: floor.cancelled, locations: floor.locations))
            }
            return entries
        }
    }

    public func deadlineRows(node: DCID?, since: Date) async throws(StoreError) -> [DeadlineRow] {
        try await read("read the deadlines") { db in
            try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT o.id, o.retailer, o.po_number, o.state, d.nodes, d.acknowledge_by, d.ship_by,
                            (SELECT coalesce(sum(r.quantity), 0) FROM reservation r WHERE r.order_id = o.id) AS units,
                            (SELECT min(a.delivered_at) FROM outbox a
                                WHERE a.order_id = o.id AND a.kind IN ('855', 'cxml-confirmation')) AS acknowledged_at,
                            (SELECT min(s.shipped_at) FROM shipment s WHERE s.order_id = o.id) AS shipped_at,
                            (SELECT min(s.asn_due) FROM shipment s WHERE s.order_id = o.id AND s.asn_due IS NOT NULL
                                AND NOT EXISTS (SELECT 1 FROM outbox x WHERE x.shipment_id = s.id
                                    AND x.kind IN ('856', 'cxml-ship-notice') AND x.delivered_at IS NOT NULL))
                                AS asn_pending_due,
                            (SELECT max(s.asn_due) FROM shipment s WHERE s.order_id = o.id) AS asn_last_due,
                            (SELECT max(x.delivered_at) FROM outbox x JOIN shipment s ON x.shipment_id = s.id
                                WHERE s.order_id = o.id AND x.kind IN ('856', 'cxml-ship-notice')) AS asn_last_sent,
                            EXISTS (SELECT 1 FROM outbox a
                                WHERE a.order_id = o.id AND a.kind IN ('855', 'cxml-confirmation')) AS acknowledges
                        FROM purchase_order o JOIN decision d ON d.order_id = o.id
                        WHERE o.id IN (
                                SELECT id FROM purchase_order WHERE state IN ('open', 'released')
                                UNION
                                SELECT id FROM purchase_order WHERE received_at >= ?1
                                UNION
                                SELECT order_id FROM shipment WHERE asn_due IS NOT NULL
                                    AND (recorded_at >= ?1 OR NOT EXISTS (SELECT 1 FROM outbox x
                                        WHERE x.shipment_id = shipment.id AND x.kind IN ('856', 'cxml-ship-notice')
                                            AND x.delivered_at IS NOT NULL)))
                            AND (o.state IN ('open', 'released') OR (d.acknowledge_by IS NOT NULL AND EXISTS (
                                SELECT 1 FROM outbox a WHERE a.order_id = o.id
                                    AND a.kind IN ('855', 'cxml-confirmation') AND a.delivered_at > d.acknowledge_by))
                                OR EXISTS (SELECT 1 FROM shipment s WHERE s.order_id = o.id AND s.asn_due IS NOT NULL))
                            AND (?2 IS NULL OR instr(',' || d.nodes || ',', ',' || ?2 || ',') > 0)
                        ORDER BY d.ship_by IS NULL, d.ship_by, o.id
                        """), arguments: [since.timeIntervalSince1970, node?.rawValue]
            ).map { row in
                let nodes: String = row["nodes"]
                let acknowledgeBy: Double? = row["acknowledge_by"]
                let acknowledgedAt: Double? = row["acknowledged_at"]
                let shipBy: Double? = row["ship_by"]
                let shippedAt: Double? = row["shipped_at"]
                let asn = DeadlineRow.asn(
                    pendingDue: row["asn_pending_due"], lastDue: row["asn_last_due"], lastSent: row["asn_last_sent"])
                return DeadlineRow(
                    order: OrderID(row["id"]), retailer: RetailerID(row["retailer"] as String),
                    poNumber: PONumber(row["po_number"] as String),
                    nodes: nodes.split(separator: ",").map { DCID(String($0)) }, units: row["units"],
                    acknowledgeBy: acknowledgeBy.map(Date.init(timeIntervalSince1970:)),
                    hasAcknowledgement: row["acknowledges"],
                    acknowledgedAt: acknowledgedAt.map(Date.init(timeIntervalSince1970:)),
                    shipBy: shipBy.map(Date.init(timeIntervalSince1970:)),
                    shippedAt: shippedAt.map(Date.init(timeIntervalSince1970:)), asnDue: asn.due, asnSentAt: asn.sent,
                    state: row["state"])
            }
        }
    }
}
