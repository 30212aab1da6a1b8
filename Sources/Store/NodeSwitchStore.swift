public import Foundation
public import Orders

/// The node switches the store keeps (on/off and closed windows, see `NodeSwitch`): set by an operator, read by
/// every gateway process at decision time and by the feeds.
public protocol NodeSwitchStore: Sendable {
    /// Every node's switch, by node id. One query: a decision reads them once per batch.
    func nodeSwitches() async throws(StoreError) -> [NodeSwitch]

    /// Changes one node's switch in one transaction (two operators switching the same node at once each see the
    /// other's windows kept) and returns it as it now stands.
    func switchNode(_ change: NodeSwitchChange) async throws(StoreError) -> NodeSwitch
}

/// What an operator changes of a node's switch; what it leaves nil stays as it was.
public struct NodeSwitchChange: Hashable, Sendable {
    public var node: DCID
    /// On or off; nil keeps the current setting (or the network file's, when the store has none).
    public var enabled: Bool?
    /// A window to add.
    public var closedWindow: ClosedWindow?
    /// Drops every window set before (the one in `closedWindow` is kept).
    public var clearsWindows: Bool
    public var at: Date
    public var by: String
    public var reason: String?

    public init(
        node: DCID, enabled: Bool? = nil, closedWindow: ClosedWindow? = nil, clearsWindows: Bool = false, at: Date,
        by: String, reason: String? = nil
    ) {
        self.node = node
        self.enabled = enabled
        self.closedWindow = closedWindow
        self.clearsWindows = clearsWindows
        self.at = at
        self.by = by
        self.reason = reason
    }

    /// The switch after this change, from `current` (nil: the store had none for the node).
    func applied(to current: NodeSwitch?) -> NodeSwitch {
        var windows = clearsWindows ? [] : current?.closedWindows ?? []
        if let closedWindow {
            windows.append(
                ClosedWindow(
                    from: closedWindow.from.asStored, until: closedWindow.until.asStored, reason: closedWindow.reason))
        }
        return NodeSwitch(
            node: node, enabled: enabled ?? current?.enabled, closedWindows: windows.sorted { $0.from < $1.from },
            setAt: at.asStored, setBy: by, reason: reason ?? current?.reason)
    }
}
