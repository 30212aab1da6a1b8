public import Foundation
public import Orders
import PostgresNIO

extension PostgresStore {
    public func nodeSwitches() async throws(StoreError) -> [NodeSwitch] {
        try await connection("read node switches") { connection in
            var switches: [NodeSwitch] = []
            for row in try await rows(
                "SELECT node, enabled, closed_windows, set_at, set_by, reason FROM node_switch ORDER BY node",
                on: connection)
            {
                switches.append(try Self.nodeSwitch(row))
            }
            return switches
        }
    }

    public func switchNode(_ change: NodeSwitchChange) async throws(StoreError) -> NodeSwitch {
        try await transaction("switch node \(change.node)") { connection in
            // The node's row locked (made first if new), so that two operators' changes apply one after the other.
            try await connection.query(
                """
                INSERT INTO node_switch (node, enabled, closed_windows, set_at, set_by, reason)
                VALUES (\(change.node.rawValue), NULL, '[]', \(change.at.timeIntervalSince1970), \(change.by), NULL)
                ON CONFLICT (node) DO NOTHING
                """, logger: logger)
            let locked = try await rows(
                """
                SELECT node, enabled, closed_windows, set_at, set_by, reason FROM node_switch
                WHERE node = \(change.node.rawValue) FOR UPDATE
                """, on: connection)
            let current = try locked.first.map(Self.nodeSwitch)
            // A row made just now stands for no switch at all.
            let updated = change.applied(
                to: current.flatMap { $0.enabled == nil && $0.closedWindows.isEmpty && $0.reason == nil ? nil : $0 })
            let windows = try StoreJSON.encode(updated.closedWindows, operation: "encode closed windows")
            try await connection.query(
                """
                UPDATE node_switch SET enabled = \(updated.enabled), closed_windows = \(windows),
                    set_at = \(updated.setAt.timeIntervalSince1970), set_by = \(updated.setBy),
                    reason = \(updated.reason)
                WHERE node = \(updated.node.rawValue)
                """, logger: logger)
            return updated
        }
    }

    static func nodeSwitch(_ row: PostgresRow) throws(StoreError) -> NodeSwitch {
        let decoded: (String, Bool?, String, Double, String, String?)
        do {
            decoded = try row.decode((String, Bool?, String, Double, String, String?).self)
        } catch {
            throw StoreError("read node switches", underlying: error)
        }
        let (node, enabled, windows, setAt, setBy, reason) = decoded
        return NodeSwitch(
            node: DCID(node), enabled: enabled,
            closedWindows: try StoreJSON.decode([ClosedWindow].self, from: windows, operation: "read closed windows"),
            setAt: Date(timeIntervalSince1970: setAt), setBy: setBy, reason: reason)
    }
}
