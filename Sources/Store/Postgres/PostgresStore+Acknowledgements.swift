public import Foundation
import PostgresNIO

/// Functional acknowledgements on PostgreSQL (`SQLiteStore`'s, in the same shape): a 997 is recorded under a lock
/// on the group it answers, so that two acknowledgements of one group land one after the other.
extension PostgresStore {
    public func recordAcknowledgement(_ receipt: AcknowledgementReceipt) async throws(StoreError)
        -> AcknowledgementMatch
    {
        let (partner, control) = (receipt.partner, Int64(receipt.groupControl))
        return try await transaction("record a functional acknowledgement from \(partner)") { connection in
            let sent = try await rows(
                """
                SELECT functional_id, set_id FROM sent_group
                WHERE partner = \(partner) AND group_control = \(control) FOR UPDATE
                """, on: connection)
            guard let row = sent.first else { return .unmatched }
            let (functionalID, setID) = try row.decode((String, String).self)
            guard functionalID == receipt.functionalID else { return .otherFunction(sent: functionalID) }
            try await connection.query(
                """
                UPDATE sent_group SET ack_status = \(receipt.status.rawValue), ack_code = \(receipt.code),
                    ack_errors = \(receipt.errorText), ack_document_id = \(receipt.document.rawValue),
                    acknowledged_at = \(receipt.receivedAt.timeIntervalSince1970)
                WHERE partner = \(partner) AND group_control = \(control)
                """, logger: logger)
            // The sets it does not name take the group's word, but for a group partially accepted.
            let unnamed: String? = receipt.status == .partiallyAccepted ? nil : receipt.status.rawValue
            try await connection.query(
                """
                UPDATE sent_set SET ack_status = \(unnamed), ack_errors = ''
                WHERE partner = \(partner) AND group_control = \(control)
                """, logger: logger)
            var unmatched: [AcknowledgementReceipt.SetReceipt] = []
            for set in receipt.sets {
                guard set.setID == setID else {
                    unmatched.append(set)
                    continue
                }
                let updated = try await rows(
                    """
                    UPDATE sent_set SET ack_status = \(set.status.rawValue),
                        ack_errors = \(set.errors.joined(separator: "\n"))
                    WHERE partner = \(partner) AND group_control = \(control) AND set_control = \(Int64(set.control))
                    RETURNING 1
                    """, on: connection)
                if updated.isEmpty { unmatched.append(set) }
            }
            guard let group = try await sentGroups(partner: partner, groupControl: control, on: connection).first
            else { return .unmatched }
            return .matched(group, unmatchedSets: unmatched)
        }
    }

    public func sentGroups(partner: String?) async throws(StoreError) -> [SentGroup] {
        try await connection("list the groups sent") { connection in
            try await sentGroups(partner: partner, groupControl: nil, on: connection)
        }
    }

    /// The groups sent to `partner` (every partner's when nil; one group when `groupControl` is given), oldest
    /// first, with their sets.
    func sentGroups(partner: String?, groupControl: Int64?, on connection: PostgresConnection) async throws
        -> [SentGroup]
    {
        let operation = "list the groups sent"
        var sets: [String: [SentSet]] = [:]
        for row in try await rows(
            """
            SELECT partner, group_control, set_control, ack_status, ack_errors FROM sent_set
            WHERE (\(partner)::text IS NULL OR partner = \(partner))
                AND (\(groupControl)::bigint IS NULL OR group_control = \(groupControl))
            ORDER BY set_control
            """, on: connection)
        {
            let (partner, control, set, status, errors) = try row.decode((String, Int64, Int, String?, String).self)
            let key = "\(partner) \(control)"
            sets[key, default: []].append(
                SentSet(
                    control: set,
                    status: try status.map {
                        try AcknowledgementStatus.stored($0, row: "sent set \(key) \(set)", operation: operation)
                    }, errors: errors))
        }
        return try await rows(
            """
            SELECT partner, group_control, functional_id, set_id, outbox_id, feed_run_id, sent_at, ack_status,
                ack_code, ack_errors, ack_document_id, acknowledged_at
            FROM sent_group
            WHERE (\(partner)::text IS NULL OR partner = \(partner))
                AND (\(groupControl)::bigint IS NULL OR group_control = \(groupControl))
            ORDER BY sent_at, partner, group_control
            """, on: connection
        ).map { row in
            let (
                partner, control, functionalID, setID, outbox, feedRun, sentAt, status, code, errors, document, at
            ) = try row.decode(
                (
                    String, Int64, String, String, Int64?, Int64?, Double, String?, String?, String, Int64?,
                    Double?
                ).self)
            let key = "\(partner) \(control)"
            return SentGroup(
                partner: partner, groupControl: Int(control), functionalID: functionalID, setID: setID,
                subject: outbox.map { .outbox(OutboxID($0)) } ?? .feedRun(FeedRunID(feedRun ?? 0)),
                sentAt: Date(timeIntervalSince1970: sentAt),
                acknowledgement: try Self.acknowledgement(
                    status: status, code: code, errors: errors, document: document, at: at, group: "sent group \(key)",
                    operation: operation),
                sets: sets[key] ?? [])
        }
    }

    /// The acknowledgement columns of a `sent_group` row, read back; nil while none came back.
    static func acknowledgement(
        status: String?, code: String?, errors: String?, document: Int64?, at: Double?, group: String,
        operation: String
    ) throws(StoreError) -> GroupAcknowledgement? {
        guard let status else { return nil }
        let read = try AcknowledgementStatus.stored(status, row: group, operation: operation)
        guard let document, let at else {
            throw StoreError(operation, code: .corrupt, reason: "\(group) is acknowledged without its document")
        }
        return GroupAcknowledgement(
            status: read, code: code ?? "", errors: errors ?? "", document: DocumentID(document),
            at: Date(timeIntervalSince1970: at))
    }

    /// Records the groups documents or feed runs drew numbers for (`SQLiteStore.recordSent`), in two statements
    /// however many.
    func recordSent(
        _ sent: [(
            group: DrawnGroup, partner: String, kind: (functionalID: String, setID: String),
            subject: DeliverySubject, at: Date
        )], on connection: PostgresConnection
    ) async throws {
        guard !sent.isEmpty else { return }
        var outbox: [Int64] = []
        var feedRun: [Int64] = []
        for item in sent {
            switch item.subject {
            case .outbox(let id):
                outbox.append(id.rawValue)
                feedRun.append(0)
            case .feedRun(let id):
                outbox.append(0)
                feedRun.append(id.rawValue)
            }
        }
        try await connection.query(
            """
            INSERT INTO sent_group (partner, group_control, functional_id, set_id, outbox_id, feed_run_id, sent_at)
            SELECT partner, group_control, functional_id, set_id, NULLIF(outbox_id, 0), NULLIF(feed_run_id, 0),
                sent_at
            FROM unnest(\(sent.map(\.partner))::text[], \(sent.map { Int64($0.group.control) })::bigint[],
                \(sent.map(\.kind.functionalID))::text[], \(sent.map(\.kind.setID))::text[], \(outbox)::bigint[],
                \(feedRun)::bigint[], \(sent.map(\.at.timeIntervalSince1970))::float8[])
                AS sent (partner, group_control, functional_id, set_id, outbox_id, feed_run_id, sent_at)
            ON CONFLICT (partner, group_control) DO UPDATE SET functional_id = excluded.functional_id,
                set_id = excluded.set_id, outbox_id = excluded.outbox_id, feed_run_id = excluded.feed_run_id,
                sent_at = excluded.sent_at, ack_status = NULL, ack_code = NULL, ack_errors = '',
                ack_document_id = NULL, acknowledged_at = NULL
            """, logger: logger)
        let sets = sent.flatMap { item in item.group.sets.map { (item.partner, Int64(item.group.control), $0) } }
        guard !sets.isEmpty else { return }
        try await connection.query(
            """
            INSERT INTO sent_set (partner, group_control, set_control)
            SELECT DISTINCT * FROM unnest(\(sets.map(\.0))::text[], \(sets.map(\.1))::bigint[],
                \(sets.map(\.2))::integer[])
            ON CONFLICT (partner, group_control, set_control) DO UPDATE SET ack_status = NULL, ack_errors = ''
            """, logger: logger)
    }
}
