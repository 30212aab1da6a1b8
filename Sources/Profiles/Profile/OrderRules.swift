internal import Yams

/// What the gateway does with POs beyond routing them: a PO number the retailer sends again, and the retailer's
/// change and cancel requests (860, cXML update/delete).
public struct OrderRules: Hashable, Sendable, Codable {
    /// The same PO number from the same retailer in a new interchange (not a redelivery of the same one, which is
    /// answered again and nothing more).
    public var duplicates: DuplicatePolicy
    /// A cancel request (of the order or of some units) that arrives once the warehouse has the order.
    public var cancelAfterRelease: CancelAfterRelease

    public init(duplicates: DuplicatePolicy = .reject, cancelAfterRelease: CancelAfterRelease = .refuse) {
        self.duplicates = duplicates
        self.cancelAfterRelease = cancelAfterRelease
    }
}

/// Whether a retailer's cancel request is honoured after the pick was released to the warehouse. Before release a
/// cancel is always honoured; after the ship confirmation it never is (the units are gone). Other changes after
/// release (more units, another ship-to) are always refused: the warehouse is picking what it was handed.
public enum CancelAfterRelease: String, Hashable, Sendable, Codable, CaseIterable, YAMLEnum {
    /// Refused with the profile's `change-after-release` code; the order ships as released.
    case refuse
    /// Honoured until the ship confirmation: the units not yet shipped are cancelled from the floor's pick list.
    case honour
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
        guard let f = d.fields(node, path: path, keys: ["duplicates", "cancel-after-release"]) else { return nil }
        return OrderRules(
            duplicates: d.value(f, "duplicates", default: .reject),
            cancelAfterRelease: d.value(f, "cancel-after-release", default: .refuse))
    }
}
