public import Foundation
public import Orders
import PostgresNIO

extension PostgresStore {
    public func pickList(node: DCID?, order: OrderID?) async throws(StoreError) -> [PickListEntry] {
        let node = node?.rawValue
        let order = order?.rawValue
        return try await connection("read the pick list") { connection in
            // From the orders on the floor (`purchase_order_by_state`), or the one asked for, to their tickets
            // (`outbox_by_order`); what the floor did and the bins by `shipment_by_order`,
            // `line_cancellation_by_order`, `reservation_by_order` and the inventory's key.
            var query: PostgresQuery = """
                SELECT o.id, o.state, o.retailer, o.po_number, x.partner, x.state, d.acknowledge_by, d.ship_by, x.bytes,
                    (SELECT '[' || string_agg(s.confirmation_json, ',') || ']' FROM shipment s
                        WHERE s.order_id = o.id AND s.node = x.partner),
                    (SELECT string_agg(c.line_number || chr(31) || c.quantity, chr(30))
                        FROM line_cancellation c WHERE c.order_id = o.id AND c.node = x.partner),
                    (SELECT string_agg(i.sku || chr(31) || i.location, chr(30))
                        FROM reservation r JOIN inventory i ON i.node = r.node AND i.sku = r.sku
                        WHERE r.order_id = o.id AND r.node = x.partner AND i.location IS NOT NULL)
                FROM purchase_order o
                JOIN decision d ON d.order_id = o.id
                JOIN outbox x ON x.order_id = o.id AND x.kind = 'pick-ticket' AND x.state <> 'withdrawn'
                WHERE (\(node)::text IS NULL OR x.partner = \(node))
                """
            if let order {
                query.sql += " AND o.id = $3"
                try query.binds.append(order)
            } else {
                query.sql += " AND o.state IN ('open', 'released')"
            }
            query.sql += " ORDER BY d.ship_by IS NULL, d.ship_by, o.id, x.id"
            return try await rows(query, on: connection).map(Self.pickListEntry)
        }
    }

    static func pickListEntry(_ row: PostgresRow) throws -> PickListEntry {
        let (
            id, stored, retailer, poNumber, node, ticketState, acknowledgeBy, shipBy, bytes, shipments, cancelled,
            locations
        ) = try row.decode(
            (
                Int64, String, String, String, String, String, Double?, Double?, ByteBuffer, String?, String?, String?
            ).self)
        guard var state = OrderState(rawValue: stored) else {
            throw StoreError("read the pick list", code: .corrupt, reason: "order \(id) has state '\(stored)'")
        }
        if state == .open && ticketState == OutboxState.sent.rawValue { state = .released }
        let floor = try PickListEntry.floorFacts(
            shipments: shipments, cancelled: cancelled, locations: locations, order: OrderID(id))
        return PickListEntry(
            order: OrderID(id), state: state, retailer: RetailerID(retailer), poNumber: PONumber(poNumber),
            node: DCID(node), acknowledgeBy: acknowledgeBy.map(Date.init(timeIntervalSince1970:)),
            shipBy: shipBy.map(Date.init(timeIntervalSince1970:)), ticket: Array(bytes.readableBytesView),
            shipments: floor.shipments, cancelled: floor.cancelled, locations: floor.locations)
    }

    public func deadlineRows(node: DCID?, since: Date) async throws(StoreError) -> [DeadlineRow] {
        let node = node?.rawValue
        let since = since.timeIntervalSince1970
        return try await connection("read the deadlines") { connection in
            try await rows(
                """
                SELECT o.id, o.retailer, o.po_number, o.state, d.nodes, d.acknowledge_by, d.ship_by,
                    (SELECT coalesce(sum(r.quantity), 0)::bigint FROM reservation r WHERE r.order_id = o.id),
                    (SELECT min(a.delivered_at) FROM outbox a
                        WHERE a.order_id = o.id AND a.kind IN ('855', 'cxml-confirmation')),
                    EXISTS (SELECT 1 FROM outbox a WHERE a.order_id = o.id AND a.kind IN ('855', 'cxml-confirmation')),
                    (SELECT min(s.shipped_at) FROM shipment s WHERE s.order_id = o.id),
                    (SELECT min(s.asn_due) FROM shipment s WHERE s.order_id = o.id AND s.asn_due IS NOT NULL
                        AND NOT EXISTS (SELECT 1 FROM outbox x WHERE x.shipment_id = s.id
                            AND x.kind IN ('856', 'cxml-ship-notice') AND x.delivered_at IS NOT NULL)),
                    (SELECT max(s.asn_due) FROM shipment s WHERE s.order_id = o.id),
                    (SELECT max(x.delivered_at) FROM outbox x JOIN shipment s ON x.shipment_id = s.id
                        WHERE s.order_id = o.id AND x.kind IN ('856', 'cxml-ship-notice'))
                FROM purchase_order o JOIN decision d ON d.order_id = o.id
                WHERE o.id IN (
                        SELECT id FROM purchase_order WHERE state IN ('open', 'released')
                        UNION
                        SELECT id FROM purchase_order WHERE received_at >= \(since)
                        UNION
                        SELECT order_id FROM shipment WHERE asn_due IS NOT NULL
                            AND (recorded_at >= \(since) OR NOT EXISTS (SELECT 1 FROM outbox x
                                WHERE x.shipment_id = shipment.id AND x.kind IN ('856', 'cxml-ship-notice')
                                    AND x.delivered_at IS NOT NULL)))
                    AND (o.state IN ('open', 'released') OR (d.acknowledge_by IS NOT NULL AND EXISTS (
                        SELECT 1 FROM outbox a WHERE a.order_id = o.id
                            AND a.kind IN ('855', 'cxml-confirmation') AND a.delivered_at > d.acknowledge_by))
                        OR EXISTS (SELECT 1 FROM shipment s WHERE s.order_id = o.id AND s.asn_due IS NOT NULL))
                    AND (\(node)::text IS NULL OR \(node) = ANY (d.nodes))
                ORDER BY d.ship_by IS NULL, d.ship_by, o.id
                """, on: connection
            ).map(Self.deadlineRow)
        }
    }

    static func deadlineRow(_ row: PostgresRow) throws -> DeadlineRow {
        let (
            id, retailer, poNumber, state, nodes, acknowledgeBy, shipBy, units, acknowledgedAt, acknowledges, shippedAt,
            pendingDue, lastDue, lastSent
        ) = try row.decode(
            (
                Int64, String, String, String, [String], Double?, Double?, Int64, Double?, Bool, Double?, Double?,
                Double?, Double?
            ).self)
        let asn = DeadlineRow.asn(pendingDue: pendingDue, lastDue: lastDue, lastSent: lastSent)
        return DeadlineRow(
            order: OrderID(id), retailer: RetailerID(retailer), poNumber: PONumber(poNumber),
            nodes: nodes.map(DCID.init),
            units: Int(units), acknowledgeBy: acknowledgeBy.map(Date.init(timeIntervalSince1970:)),
            hasAcknowledgement: acknowledges,
            acknowledgedAt: acknowledgedAt.map(Date.init(timeIntervalSince1970:)),
            shipBy: shipBy.map(Date.init(timeIntervalSince1970:)),
            shippedAt: shippedAt.map(Date.init(timeIntervalSince1970:)), asnDue: asn.due, asnSentAt: asn.sent,
            state: state)
    }
}
