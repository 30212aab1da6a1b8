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
    /// The PO's transaction set failed validation (its 997/999 rejects it): the PO is refused as sent.
    case invalidDocument = "invalid-document"
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
    /// The PO number was received before from the same retailer, in another interchange, and the profile's
    /// duplicate policy refuses the repeat (`orders.duplicates`).
    case duplicateOrder = "duplicate-order"
    // The floor: a line cancelled after release, by the warehouse.
    /// The units were found damaged when picked or packed.
    case damaged
    /// The units were not where the stock said they were.
    case notFound = "not-found"
    /// Cancelled from the floor for another cause, written in the cancel's note.
    case floorOther = "floor-other"
    // Changes and cancels the retailer asks for (860, cXML update/delete).
    /// Cancelled because the retailer asked (an accepted cancel request).
    case retailerCancel = "retailer-cancel"
    /// A change or cancel refused because the warehouse already has the order (`orders.cancel-after-release`).
    case changeAfterRelease = "change-after-release"
    /// A change or cancel refused because the order (or the units it asks about) has shipped.
    case changeAfterShipment = "change-after-shipment"
    /// A change or cancel for a PO the retailer never sent us (or we never recorded).
    case unknownOrder = "unknown-order"
    /// A change that cannot apply to the order as recorded (a line it does not have, a quantity below zero).
    case invalidChange = "invalid-change"
    /// A change for an order already cancelled.
    case orderCancelled = "order-cancelled"
}

/// Reason → the retailer's code, and optionally the retailer's own words for it and its status reason; `default`
/// answers for any reason not listed. These, never our explanation, are what a retailer reads: on an X12 855 the code
/// is the line's ACK01 status (IR, R2, …); on a cXML confirmation the text (or the code) is the line's comment; on an
/// X12 870 the status reason is the line's ISR03 (element 641, three characters: Dsco's W01 out of stock, A13
/// other, …), which an ACK01 code cannot be, hence its own entry.
public struct ReasonCodes: Hashable, Sendable, Codable {
    public var codes: [Reason: String]
    public var fallback: String
    /// The retailer's text for a reason, where the profile gives one.
    public var texts: [Reason: String]
    public var fallbackText: String?
    /// The retailer's status reason code (ISR03 on an 870) for a reason, where the profile gives one.
    public var statusReasons: [Reason: String]
    public var fallbackStatusReason: String?

    public init(
        codes: [Reason: String] = [:], fallback: String = "IR", texts: [Reason: String] = [:],
        fallbackText: String? = nil, statusReasons: [Reason: String] = [:], fallbackStatusReason: String? = nil
    ) {
        self.codes = codes
        self.fallback = fallback
        self.texts = texts
        self.fallbackText = fallbackText
        self.statusReasons = statusReasons
        self.fallbackStatusReason = fallbackStatusReason
    }

    public func code(for reason: Reason) -> String { codes[reason] ?? fallback }

    /// The retailer's words for `reason`: its own text if listed, else the default's text when the reason has no
    /// code of its own; nil when the profile gives none.
    public func text(for reason: Reason) -> String? {
        if let text = texts[reason] { return text }
        return codes[reason] == nil ? fallbackText : nil
    }

    /// The retailer's status reason for `reason` (ISR03 on an 870): its own if listed, else the default's (a
    /// status reason says why a line is not shipping, which the default's does for any reason); nil when the
    /// profile gives none.
    public func statusReason(for reason: Reason) -> String? { statusReasons[reason] ?? fallbackStatusReason }
}

extension ReasonCodes: YAMLReadable {
    static func read(_ node: Node, path: String, _ d: inout Diagnostics) -> ReasonCodes? {
        guard let f = d.fields(node, path: path, keys: Reason.allCases.map(\.rawValue) + ["default"]) else {
            return nil
        }
        var codes = ReasonCodes()
        if let entry: Entry = d.optional(f, "default") {
            codes.fallback = entry.code
            codes.fallbackText = entry.text
            codes.fallbackStatusReason = entry.statusReason
        }
        for reason in Reason.allCases {
            if let entry: Entry = d.optional(f, reason.rawValue) {
                codes.codes[reason] = entry.code
                codes.texts[reason] = entry.text
                codes.statusReasons[reason] = entry.statusReason
            }
        }
        return codes
    }

    /// `IR`, or `{ code: R2, text: "Item not carried", status-reason: W01 }`.
    struct Entry: YAMLReadable {
        var code: String
        var text: String?
        var statusReason: String?

        static func read(_ node: Node, path: String, _ d: inout Diagnostics) -> Entry? {
            if case .scalar(let scalar) = node { return Entry(code: scalar.string, text: nil, statusReason: nil) }
            guard let f = d.fields(node, path: path, keys: ["code", "text", "status-reason"]),
                let code: String = d.required(f, "code")
            else { return nil }
            let statusReason: String? = d.optional(f, "status-reason")
            if let statusReason, statusReason.utf8.count != 3 || !statusReason.utf8.allSatisfy(Self.isCodeByte) {
                d.report(
                    "a status reason is ISR03 on an 870 (element 641): three letters or digits, not "
                        + "\"\(statusReason)\"", at: f["status-reason"], path: f.path("status-reason"))
            }
            return Entry(code: code, text: d.optional(f, "text"), statusReason: statusReason)
        }

        /// An upper-case letter or a digit: what the standard's status reason codes are made of.
        static func isCodeByte(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) }
    }
}
