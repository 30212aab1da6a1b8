internal import Yams

/// What the gateway does with POs beyond routing them: for now, a PO number the retailer sends again.
public struct OrderRules: Hashable, Sendable, Codable {
    /// The same PO number from the same retailer in a new interchange (not a redelivery of the same one, which is
    /// answered again and nothing more).
    public var duplicates: DuplicatePolicy

    public init(duplicates: DuplicatePolicy = .reject) {
        self.duplicates = duplicates
    }
}

/// What a repeated PO does to the first one. Either way it is never shipped twice, and its document is kept.
public enum DuplicatePolicy: String, Hashable, Sendable, Codable, CaseIterable, YAMLEnum {
    /// The repeat is refused: recorded against the first order, answered with the profile's `duplicate-order`
    /// reason code only if the profile maps one (an 855 reject of a PO number would otherwise read as rejecting
    /// the first), nothing reserved.
    case reject
    /// The repeat replaces the first while the first is not yet released to the warehouse: the first's
    /// reservations and capacity are released, the repeat is decided afresh and answered. Once released, the
    /// repeat is refused as under `reject`.
    case replace
}

extension OrderRules: YAMLReadable {
    static func read(_ node: Node, path: String, _ d: inout Diagnostics) -> OrderRules? {
        guard let f = d.fields(node, path: path, keys: ["duplicates"]) else { return nil }
        return OrderRules(duplicates: d.value(f, "duplicates", default: .reject))
    }
}
