public import Foundation

/// A node's switch as set outside the network file (by `dropgate dcs set`, later `PUT /v1/dcs/{dc}`) and kept in
/// the store: on or off, and the windows it is closed. Read at decision time, it overrides what network.yaml says
/// of the node (`enabled`) and adds to its closures, so that an operator's switch takes effect for the next
/// decision of every gateway process without a reload.
public struct NodeSwitch: Hashable, Sendable, Codable {
    public var node: DCID
    /// On or off; nil leaves the network file's `enabled` as it is (only windows are set).
    public var enabled: Bool?
    /// Closed windows, oldest first.
    public var closedWindows: [ClosedWindow]
    /// When the switch was last set, and who set it (a user name, `api:<key id>`).
    public var setAt: Date
    public var setBy: String
    /// Why, in the operator's words.
    public var reason: String?

    public init(
        node: DCID, enabled: Bool?, closedWindows: [ClosedWindow] = [], setAt: Date, setBy: String,
        reason: String? = nil
    ) {
        self.node = node
        self.enabled = enabled
        self.closedWindows = closedWindows
        self.setAt = setAt
        self.setBy = setBy
        self.reason = reason
    }
}

/// A span of time a node ships nothing: from `from` (inclusive) to `until` (exclusive), instants, so that a window
/// set in one time zone means the same everywhere.
public struct ClosedWindow: Hashable, Sendable, Codable {
    public var from: Date
    public var until: Date
    public var reason: String?

    public init(from: Date, until: Date, reason: String? = nil) {
        self.from = from
        self.until = until
        self.reason = reason
    }
}
