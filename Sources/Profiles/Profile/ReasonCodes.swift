internal import Yams

/// Why an order or line is rejected or cancelled, in our words. A profile maps each to the code the retailer wants on
/// its acknowledgement (ACK01/BAK02-style codes, a marketplace's reason list).
public enum Reason: String, Hashable, Sendable, Codable, CaseIterable, YAMLEnum, CodingKeyRepresentable {
    // Static compliance: rejected before any node is asked.
    case missingShipTo = "missing-ship-to"
    case missingShipMethod = "missing-ship-method"
    case missingLines = "missing-lines"
    case invalidQuantity = "invalid-quantity"
    case missingPrice = "missing-price"
    case shipMethodNotAllowed = "ship-method-not-allowed"
    case shipToNotAllowed = "ship-to-not-allowed"
    case unknownItem = "unknown-item"
    case quantityLimit = "quantity-limit"
    case missingAssignedNode = "missing-assigned-node"
    case unknownAssignedNode = "unknown-assigned-node"
    case notAnOrder = "not-an-order"
    // Sourcing: cancelled because no node can ship compliantly.
    case outOfStock = "out-of-stock"
    case cannotMeetShipBy = "cannot-meet-ship-by"
    case nodeUnavailable = "node-unavailable"
    case noCapacity = "no-capacity"
    /// No node has a service the PO's method maps to that can deliver there (UPS to a PO box).
    case noCarrierService = "no-carrier-service"
    case itemRestricted = "item-restricted"
    /// The line could ship, but the policy ships the order complete or not at all (order fill-or-kill, ship
    /// complete) and another line cannot ship: `CancelledLine.causingLine` names that line, whose own reason is the
    /// order's real cause.
    case fillOrKill = "fill-or-kill"
}

/// Reason → the retailer's code; `default` answers for any reason not listed.
public struct ReasonCodes: Hashable, Sendable, Codable {
    public var codes: [Reason: String]
    public var fallback: String

    public init(codes: [Reason: String] = [:], fallback: String = "IR") {
        self.codes = codes
        self.fallback = fallback
    }

    public func code(for reason: Reason) -> String { codes[reason] ?? fallback }
}

extension ReasonCodes: YAMLReadable {
    static func read(_ node: Node, path: String, _ d: inout Diagnostics) -> ReasonCodes? {
        guard let f = d.fields(node, path: path, keys: Reason.allCases.map(\.rawValue) + ["default"]) else {
            return nil
        }
        var codes = ReasonCodes(fallback: d.value(f, "default", default: "IR"))
        for reason in Reason.allCases {
            if let code: String = d.optional(f, reason.rawValue) { codes.codes[reason] = code }
        }
        return codes
    }
}
