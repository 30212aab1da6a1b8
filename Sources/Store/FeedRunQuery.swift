import Orders

/// The SQL both stores find accepted feed runs with: `FeedRun.isAccepted`, asked of the rows.
enum FeedRunQuery {
    /// Whether the run `run`, its group's acknowledgement joined as `group`, is accepted: delivered, and either
    /// accepted on delivery or accepted by a 997 (`AcknowledgementStatus.accepts`).
    static func accepted(run: String, group: String) -> String {
        let accepting = AcknowledgementStatus.allCases.filter(\.accepts).map { "'\($0.rawValue)'" }
        return """
            \(run).state = 'delivered' AND (\(run).accepted_on = '\(FeedAcceptance.delivery.rawValue)'
                OR \(group).ack_status IN (\(accepting.joined(separator: ", "))))
            """
    }

    /// For `feed_run` joined with its group as `g`: accepted, and no newer run of its retailer and node is.
    static var latestAccepted: String {
        """
        \(accepted(run: "feed_run", group: "g"))
            AND NOT EXISTS (
                SELECT 1 FROM feed_run AS newer
                LEFT JOIN sent_group AS newer_group ON newer_group.feed_run_id = newer.id
                WHERE newer.retailer = feed_run.retailer AND newer.node = feed_run.node
                    AND \(accepted(run: "newer", group: "newer_group"))
                    AND (newer.built_at > feed_run.built_at
                        OR (newer.built_at = feed_run.built_at AND newer.id > feed_run.id)))
        """
    }
}
