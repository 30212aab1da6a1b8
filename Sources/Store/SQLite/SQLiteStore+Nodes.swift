public import Foundation
import GRDB
public import Orders

extension SQLiteStore {
    public func nodeSwitches() async throws(StoreError) -> [NodeSwitch] {
        try await read("read node switches") { db in
            try Row.fetchAll(
                db.cachedStatement(
                    sql: "SELECT node, enabled, closed_windows, set_at, set_by, reason FROM node_switch ORDER BY node")
            ).map(Self.nodeSwitch)
        }
    }

    public func switchNode(_ change: NodeSwitchChange) async throws(StoreError) -> NodeSwitch {
        try await write("switch node \(change.node)") { db in
            let current = try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT node, enabled, closed_windows, set_at, set_by, reason FROM node_switch WHERE node = ?
                        """),
                arguments: [change.node.rawValue]
            ).map(Self.nodeSwitch)
            let updated = change.applied(to: current)
            try db.cachedStatement(
                sql: """
                    INSERT INTO node_switch (node, enabled, closed_windows, set_at, set_by, reason)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (node) DO UPDATE SET enabled = excluded.enabled,
                        closed_windows = excluded.closed_windows, set_at = excluded.set_at, set_by = excluded.set_by,
                        reason = excluded.reason
                    """
            ).execute(
                arguments: [
                    updated.node.rawValue, updated.enabled,
                    try StoreJSON.encode(updated.closedWindows, operation: "encode closed windows"),
                    updated.setAt.timeIntervalSince1970, updated.setBy, updated.reason,
                ])
            return updated
        }
    }

    static func nodeSwitch(_ row: Row) throws(StoreError) -> NodeSwitch {
        let windows: String = row["closed_windows"]
        return NodeSwitch(
            node: DCID(row["node"] as String), enabled: row["enabled"],
            closedWindows: try StoreJSON.decode([ClosedWindow].self, from: windows, operation: "read closed windows"),
            setAt: Date(timeIntervalSince1970: row["set_at"]), setBy: row["set_by"], reason: row["reason"])
    }
}
