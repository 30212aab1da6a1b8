public import Profiles

extension ProfileRule {
    /// What the feed writers cannot do of what a profile's `feed:` asks, for the loader (`ProfileSet.load(rules:)`):
    /// a retailer that assigns the ship-from node with a summed feed (it picks a node from each node's own figure,
    /// and a sum would promise one node the others' stock); a CSV column the CSV writer does not know (it would
    /// refuse to render); and a CSV feed without a `quantity` column (it would say nothing a retailer can use).
    public static let feedWriters = ProfileRule(name: "feed-writers") { profile in
        guard let feed = profile.feed else { return [] }
        var findings: [ProfileRule.Finding] = []
        if profile.routingAuthority == .retailerAssigned, !feed.perNode {
            findings.append(
                .init(
                    keyPath: "feed.per-node",
                    message: "the retailer assigns the ship-from node, so it needs each node's own figure: set "
                        + "per-node: true"))
        }
        guard feed.format == .csv else { return findings }
        let known = CSVFeedWriter.Column.allCases.map(\.rawValue)
        for column in feed.columns where !known.contains(column) {
            findings.append(
                .init(
                    keyPath: "feed.columns",
                    message: "unknown CSV column '\(column)': the feed writer knows \(known.joined(separator: ", "))"))
        }
        if !feed.columns.contains("quantity") {
            findings.append(.init(keyPath: "feed.columns", message: "a CSV feed needs a 'quantity' column"))
        }
        return findings
    }
}
