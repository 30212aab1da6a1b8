public import Foundation
public import Orders

extension Network {
    /// The network as a decision or a feed sees it once the store's switches are applied: a switch's `enabled`
    /// overrides the file's, and each closed window becomes a closure of the node's days it touches (in the node's
    /// own time zone), since a node ships by day: a day only partly closed is closed, so that nothing is promised
    /// for a pickup that may fall inside the window. Pure: the same network and switches give the same result.
    /// A switch for a node the network does not have changes nothing.
    public func applying(_ switches: [NodeSwitch]) -> Network {
        guard !switches.isEmpty else { return self }
        var network = self
        let byNode = Dictionary(switches.map { ($0.node, $0) }, uniquingKeysWith: { _, last in last })
        for index in network.nodes.indices {
            guard let change = byNode[network.nodes[index].id] else { continue }
            network.nodes[index].apply(change)
        }
        return network
    }
}

extension FulfilmentNode {
    /// Applies a switch from the store (see `Network.applying(_:)`).
    mutating func apply(_ change: NodeSwitch) {
        storeSwitch = change
        if let enabled = change.enabled { self.enabled = enabled }
        let stamp = ISO8601DateFormatter()
        for window in change.closedWindows where window.until > window.from {
            // `until` is exclusive: the window's last day is the one its last instant falls on.
            let last = window.until.addingTimeInterval(-0.001)
            let why = window.reason ?? change.reason
            closures.append(
                Closure(
                    from: CalendarDate.on(window.from, in: timeZone), until: CalendarDate.on(last, in: timeZone),
                    reason: "closed in the store \(stamp.string(from: window.from))…"
                        + "\(stamp.string(from: window.until))"
                        + " by \(change.setBy)" + (why.map { ": \($0)" } ?? "")))
        }
    }

    /// Why the node is on or off, for an explanation: the store's switch when one set it, else the network file.
    public var switchExplanation: String {
        if let change = storeSwitch, let enabled = change.enabled {
            let stamp = ISO8601DateFormatter().string(from: change.setAt)
            return "switched \(enabled ? "on" : "off") in the store at \(stamp) by \(change.setBy)"
                + (change.reason.map { " (\($0))" } ?? "")
        }
        return enabled ? "enabled" : "switched off in the network file"
    }
}
