public import Foundation
import GRDB

/// Functional acknowledgements on SQLite (`AcknowledgementStore`, which `OrderStore` refines): the groups we send,
/// recorded where they are numbered, and what 997s say of them.
extension SQLiteStore {
    public func recordAcknowledgement(_ receipt: AcknowledgementReceipt) async throws(StoreError)
        -> AcknowledgementMatch
    {
        try await write("record a functional acknowledgement from \(receipt.partner)") { db in
            let key: StatementArguments = [receipt.partner, receipt.groupControl]
            guard
                let sent = try Row.fetchOne(
                    db, sql: "SELECT functional_id, set_id FROM sent_group WHERE partner = ? AND group_control = ?",
                    arguments: key)
            else { return .unmatched }
            let functionalID: String = sent["functional_id"]
            let setID: String = sent["set_id"]
            guard functionalID == receipt.functionalID else { return .otherFunction(sent: functionalID) }
            try db.execute(
                sql: """
                    UPDATE sent_group SET ack_status = ?, ack_code = ?, ack_errors = ?, ack_document_id = ?,
                        acknowledged_at = ?
                    WHERE partner = ? AND group_control = ?
                    """,
                arguments: [
                    receipt.status.rawValue, receipt.code, receipt.errorText, receipt.document.rawValue,
                    receipt.receivedAt.timeIntervalSince1970,
                ] + key)
            // The sets it does not name take the group's word, but for a group partially accepted.
            try db.execute(
                sql: "UPDATE sent_set SET ack_status = ?, ack_errors = '' WHERE partner = ? AND group_control = ?",
                arguments: [receipt.status == .partiallyAccepted ? nil : receipt.status.rawValue] + key)
            var unmatched: [AcknowledgementReceipt.SetReceipt] = []
            for set in receipt.sets {
                guard set.setID == setID else {
                    unmatched.append(set)
                    continue
                }
                try db.execute(
                    sql: """
                        UPDATE sent_set SET ack_status = ?, ack_errors = ?
                        WHERE partner = ? AND group_control = ? AND set_control = ?
                        """,
                    arguments: [set.status.rawValue, set.errors.joined(separator: "\n")] + key + [set.control])
                if db.changesCount == 0 { unmatched.append(set) }
            }
            let groups = try Self.sentGroups(db, partner: receipt.partner, groupControl: receipt.groupControl)
            guard let group = groups.first else { return .unmatched }
            return .matched(group, unmatchedSets: unmatched)
        }
    }

    public func sentGroups(partner: String?) async throws(StoreError) -> [SentGroup] {
        try await read("list the groups sent") { db in try Self.sentGroups(db, partner: partner) }
    }

    /// The groups sent to `partner` (every partner's when nil; one group when `groupControl` is given), oldest
    /// first, with their sets.
    static func sentGroups(_ db: Database, partner: String?, groupControl: Int? = nil) throws -> [SentGroup] {
        let condition = "(? IS NULL OR partner = ?) AND (? IS NULL OR group_control = ?)"
        let arguments: StatementArguments = [partner, partner, groupControl, groupControl]
        var sets: [String: [SentSet]] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT partner, group_control, set_control, ack_status, ack_errors FROM sent_set
                WHERE \(condition) ORDER BY set_control
                """, arguments: arguments)
        {
            let key = "\(row["partner"] as String) \(row["group_control"] as Int)"
            let status: String? = row["ack_status"]
            sets[key, default: []].append(
                SentSet(
                    control: row["set_control"],
                    status: try status.map {
                        try AcknowledgementStatus.stored($0, row: "sent set \(key)", operation: "list the groups sent")
                    }, errors: row["ack_errors"]))
        }
        return try Row.fetchAll(
            db,
            sql: """
                SELECT partner, group_control, functional_id, set_id, outbox_id, feed_run_id, sent_at, ack_status,
                    ack_code, ack_errors, ack_document_id, acknowledged_at
                FROM sent_group WHERE \(condition) ORDER BY sent_at, partner, group_control
                """, arguments: arguments
        ).map { row in
            let outbox: Int64? = row["outbox_id"]
            let feedRun: Int64? = row["feed_run_id"]
            let partner: String = row["partner"]
            let control: Int = row["group_control"]
            return SentGroup(
                partner: partner, groupControl: control, functionalID: row["functional_id"], setID: row["set_id"],
                subject: outbox.map { .outbox(OutboxID($0)) } ?? .feedRun(FeedRunID(feedRun ?? 0)),
                sentAt: Date(timeIntervalSince1970: row["sent_at"]),
                acknowledgement: try acknowledgement(row, operation: "list the groups sent"),
                sets: sets["\(partner) \(control)"] ?? [])
        }
    }

    /// The acknowledgement columns of a `sent_group` row (or a join naming them alike); nil while none came back.
    static func acknowledgement(_ row: Row, operation: String) throws -> GroupAcknowledgement? {
        guard let text: String = row["ack_status"] else { return nil }
        let document: Int64? = row["ack_document_id"]
        let at: Double? = row["acknowledged_at"]
        let group = "sent group \(row["partner"] as String) \(row["group_control"] as Int)"
        let status = try AcknowledgementStatus.stored(text, row: group, operation: operation)
        guard let document, let at else {
            throw StoreError(operation, code: .corrupt, reason: "\(group) is acknowledged without its document")
        }
        return GroupAcknowledgement(
            status: status, code: row["ack_code"] ?? "", errors: row["ack_errors"] ?? "",
            document: DocumentID(document), at: Date(timeIntervalSince1970: at))
    }

    /// Records the groups a document or feed run drew numbers for, as sent to `partner` with `kind`'s GS01 and ST01:
    /// a number drawn again after its counter wrapped replaces what was kept under it.
    static func recordSent(
        _ groups: [DrawnGroup], partner: String, kind: (functionalID: String, setID: String),
        subject: DeliverySubject, at: Date, in db: Database
    ) throws {
        var outbox: Int64?
        var feedRun: Int64?
        switch subject {
        case .outbox(let id): outbox = id.rawValue
        case .feedRun(let id): feedRun = id.rawValue
        }
        for group in groups {
            try db.cachedStatement(
                sql: """
                    INSERT INTO sent_group (partner, group_control, functional_id, set_id, outbox_id, feed_run_id,
                        sent_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (partner, group_control) DO UPDATE SET functional_id = excluded.functional_id,
                        set_id = excluded.set_id, outbox_id = excluded.outbox_id, feed_run_id = excluded.feed_run_id,
                        sent_at = excluded.sent_at, ack_status = NULL, ack_code = NULL, ack_errors = '',
                        ack_document_id = NULL, acknowledged_at = NULL
                    """
            ).execute(
                arguments: [
                    partner, group.control, kind.functionalID, kind.setID, outbox, feedRun, at.timeIntervalSince1970,
                ])
            for set in group.sets {
                try db.cachedStatement(
                    sql: """
                        INSERT INTO sent_set (partner, group_control, set_control) VALUES (?, ?, ?)
                        ON CONFLICT (partner, group_control, set_control) DO UPDATE SET ack_status = NULL,
                            ack_errors = ''
                        """
                ).execute(arguments: [partner, group.control, set])
            }
        }
    }
}
