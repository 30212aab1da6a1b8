public import Foundation

/// A retailer's request to change or cancel a PO it sent before: an X12 860 (Walmart's `860PC`), or a cXML
/// OrderRequest of type `update` (the whole order restated) or `delete`. One model for every source format, as
/// `PurchaseOrder` is for new orders; `applied(to:)` says what the order becomes.
public struct OrderChange: Hashable, Sendable, Codable {
    /// The retailer whose profile governs the order; nil until the gateway has recognised the sender.
    public var retailer: RetailerID?
    /// The PO the change is for (BCH03, cXML `orderID`).
    public var poNumber: PONumber
    public var purpose: Purpose
    /// BCH01 as sent (`01`, `04`, …), echoed as BCA01 on the 865; nil for formats without one.
    public var purposeCode: String?
    /// BCH02 (PO type code), read as an 850's BEG02; nil for formats without one.
    public var orderType: PurchaseOrder.OrderType?
    /// The retailer's number for this change (BCH05 change order sequence number; cXML `orderVersion`).
    public var changeNumber: String?
    /// BCH06: the date of the PO being changed, echoed on the 865.
    public var orderDate: CalendarDate?
    /// BCH11 (change request date), or the cXML `orderDate` of the update.
    public var requestDate: CalendarDate?
    /// The lines the change names, in document order: added, cancelled, or changed in quantity or content.
    public var lines: [LineChange]
    /// A new ship-to (an `N1*ST` loop of the 860), replacing the order's.
    public var shipTo: Party?
    /// A new ship method (TD5 of the 860), replacing the order's.
    public var shipMethod: ShipMethod?
    /// Where a format restates the whole order (cXML `update`): the order as the retailer wants it now. Lines the
    /// restatement leaves out are cancelled; `lines` then holds what differs, worked out by `applied(to:)`.
    public var restated: PurchaseOrder?
    /// Where the change came from: its envelope, to answer it in the same format and to the same partner.
    public var source: OrderSource

    public init(
        retailer: RetailerID? = nil, poNumber: PONumber, purpose: Purpose, purposeCode: String? = nil,
        orderType: PurchaseOrder.OrderType? = nil, changeNumber: String? = nil, orderDate: CalendarDate? = nil,
        requestDate: CalendarDate? = nil,
        lines: [LineChange] = [], shipTo: Party? = nil, shipMethod: ShipMethod? = nil,
        restated: PurchaseOrder? = nil, source: OrderSource
    ) {
        self.retailer = retailer
        self.poNumber = poNumber
        self.purpose = purpose
        self.purposeCode = purposeCode
        self.orderType = orderType
        self.changeNumber = changeNumber
        self.orderDate = orderDate
        self.requestDate = requestDate
        self.lines = lines
        self.shipTo = shipTo
        self.shipMethod = shipMethod
        self.restated = restated
        self.source = source
    }

    /// What the change asks for as a whole.
    public enum Purpose: String, Hashable, Sendable, Codable {
        /// Cancel the whole order (BCH01 `01`, cXML `delete`).
        case cancel
        /// Change some of it (BCH01 `04`, cXML `update`): the lines say what.
        case change
    }

    /// Whether nothing of the order is left after the change: a whole-order cancel, or every line cancelled.
    public func cancelsEverything(of order: PurchaseOrder) -> Bool {
        if purpose == .cancel { return true }
        guard let changed = try? applied(to: order).get() else { return false }
        return changed.order.lines.isEmpty
    }
}

extension OrderLine {
    /// This line with what a change sends for it: item numbers, unit price, description and dates where the change
    /// gives them; the rest (notes, gift wrap, what it leaves out) as it was. The quantity is the change's to set.
    mutating func merge(_ sent: OrderLine) {
        if let id = sent.buyerItemID { buyerItemID = id }
        if let sku = sent.sku { self.sku = sku }
        if let gtin = sent.gtin { self.gtin = gtin }
        if let price = sent.unitPrice { unitPrice = price }
        if let text = sent.description { description = text }
        if let date = sent.requestedShip { requestedShip = date }
        if let date = sent.requestedDelivery { requestedDelivery = date }
        if let qualifiers = sent.itemQualifiers { itemQualifiers = qualifiers }
    }
}

extension PurchaseOrder {
    /// The change request this order is, when its purpose is not a new order: an 850 whose BEG01 cancels (`01`)
    /// or replaces (`05`) the PO, a cXML OrderRequest of type `delete` or `update`. Nil for a new order.
    public var changeRequest: OrderChange? {
        switch purpose {
        case .cancellation:
            return OrderChange(
                retailer: retailer, poNumber: poNumber, purpose: .cancel, purposeCode: "01", orderDate: dates.ordered,
                source: source)
        case .replace:
            return OrderChange(
                retailer: retailer, poNumber: poNumber, purpose: .change, purposeCode: "05", orderDate: dates.ordered,
                requestDate: dates.ordered, restated: self, source: source)
        case .original, .confirmation, .duplicate:
            return nil
        }
    }
}

/// One line of a change request: what is asked of the PO line it names.
public struct LineChange: Hashable, Sendable, Codable {
    /// The PO line it changes (POC01), or the new line's number for an added line.
    public var lineNumber: String
    public var kind: Kind
    /// POC02 as sent (`QD`, `DI`, …), echoed on the 865; nil for formats without one.
    public var code: String?
    /// The line's quantity after the change (POC03, Quantity Ordered); nil when the change leaves it as it is.
    public var quantity: Decimal?
    /// The line as it should be after the change, for an added line (and a restated one): item numbers, unit,
    /// price, description. For other kinds, only the parts the change sends.
    public var line: OrderLine?

    public init(
        lineNumber: String, kind: Kind, code: String? = nil, quantity: Decimal? = nil, line: OrderLine? = nil
    ) {
        self.lineNumber = lineNumber
        self.kind = kind
        self.code = code
        self.quantity = quantity
        self.line = line
    }

    /// What a line change asks, from POC02 (element 670).
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// `AI`: add an item to the order.
        case add
        /// `DI`: delete the line (cancel all of it).
        case cancel
        /// `QI`: more of the line.
        case quantityIncrease = "quantity-increase"
        /// `QD`: less of the line (to zero: cancelled).
        case quantityDecrease = "quantity-decrease"
        /// `CA`, `PC`, `RZ`, …: the line's other values change (price, item numbers, dates); its quantity only if
        /// one is sent.
        case change

        /// The kind for a POC02 code; nil for a code that names no line change we act on.
        public init?(code: String) {
            switch code {
            case "AI": self = .add
            case "DI": self = .cancel
            case "QI": self = .quantityIncrease
            case "QD": self = .quantityDecrease
            case "CA", "CB", "CE", "CT", "PC", "PQ", "RQ", "RZ", "CF", "CG", "CU": self = .change
            default: return nil
            }
        }

        /// Every POC02 code `init(code:)` reads, in the order an error lists them.
        public static let codes = [
            "AI", "DI", "QI", "QD", "CA", "CB", "CE", "CT", "PC", "PQ", "RQ", "RZ", "CF", "CG", "CU",
        ]

        /// The POC02 code we would send for it.
        public var code: String {
            switch self {
            case .add: "AI"
            case .cancel: "DI"
            case .quantityIncrease: "QI"
            case .quantityDecrease: "QD"
            case .change: "CA"
            }
        }
    }
}

/// The order a change makes of the one recorded, and what it asks of each line.
public struct ChangedOrder: Hashable, Sendable {
    /// The order after the change; a line cancelled (or decreased to 0) is no longer on it.
    public var order: PurchaseOrder
    /// Per line the change names, in the change's order: the quantity before and after.
    public var lines: [Line]
    /// Whether the ship-to or ship method change.
    public var shipToChanged: Bool
    public var shipMethodChanged: Bool

    public struct Line: Hashable, Sendable {
        public var change: LineChange
        /// The line's quantity before the change (0 for an added line).
        public var before: Decimal
        public var after: Decimal
    }
}

/// Why a change cannot be applied to the order as recorded.
public struct ChangeProblem: Error, Hashable, Sendable, CustomStringConvertible {
    /// The line the problem is about; nil for the whole change.
    public var lineNumber: String?
    public var message: String

    public init(lineNumber: String?, _ message: String) {
        self.lineNumber = lineNumber
        self.message = message
    }

    public var description: String { lineNumber.map { "line \($0): \(message)" } ?? message }
}

extension OrderChange {
    /// The order after this change: every line it names changed, added or cancelled (taken off the order), the
    /// ship-to and ship method replaced where it sends them. A change that names a line the order does not have,
    /// adds a line it already has, or leaves a line with a negative quantity is a problem, and nothing is applied.
    public func applied(to order: PurchaseOrder) -> Result<ChangedOrder, ChangeProblem> {
        var changed = order
        var answered: [ChangedOrder.Line] = []
        var lines =
            purpose == .cancel && self.lines.isEmpty
            ? order.lines.map { LineChange(lineNumber: $0.lineNumber, kind: .cancel) } : self.lines
        if let restated, purpose == .change, lines.isEmpty { lines = Self.difference(from: order, to: restated) }
        for change in lines {
            let index = changed.lines.firstIndex { $0.lineNumber == change.lineNumber }
            let before = index.map { changed.lines[$0].quantity } ?? 0
            var after = before
            switch change.kind {
            case .add:
                guard index == nil else {
                    return .failure(ChangeProblem(lineNumber: change.lineNumber, "is added, but the PO has it"))
                }
                guard var line = change.line else {
                    return .failure(ChangeProblem(lineNumber: change.lineNumber, "is added without its item"))
                }
                line.lineNumber = change.lineNumber
                after = change.quantity ?? line.quantity
                line.quantity = after
                changed.lines.append(line)
            case .cancel, .quantityIncrease, .quantityDecrease, .change:
                guard let index else {
                    return .failure(ChangeProblem(lineNumber: change.lineNumber, "is not a line of the PO"))
                }
                switch change.kind {
                case .cancel: after = 0
                case .quantityIncrease, .quantityDecrease, .change: after = change.quantity ?? before
                case .add: break
                }
                if change.kind == .quantityIncrease, after <= before {
                    return .failure(
                        ChangeProblem(
                            lineNumber: change.lineNumber, "asks for more, but \(after) is not above \(before)"))
                }
                if change.kind == .quantityDecrease, after >= before {
                    return .failure(
                        ChangeProblem(
                            lineNumber: change.lineNumber, "asks for less, but \(after) is not below \(before)"))
                }
                if change.kind != .cancel, let sent = change.line {
                    changed.lines[index].merge(sent)
                }
                changed.lines[index].quantity = after
            }
            guard after >= 0 else {
                return .failure(ChangeProblem(lineNumber: change.lineNumber, "would have quantity \(after)"))
            }
            answered.append(ChangedOrder.Line(change: change, before: before, after: after))
        }
        changed.lines.removeAll { $0.quantity == 0 }
        var shipToChanged = false
        if let shipTo = shipTo ?? (purpose == .change ? restated?.shipTo : nil), shipTo != order.shipTo {
            if let index = changed.partyIndex(.shipTo) {
                changed.parties[index] = shipTo
            } else {
                changed.parties.append(shipTo)
            }
            shipToChanged = true
        }
        var shipMethodChanged = false
        if let method = shipMethod ?? (purpose == .change ? restated?.shipMethod : nil), method != order.shipMethod {
            changed.shipMethod = method
            shipMethodChanged = true
        }
        return .success(
            ChangedOrder(
                order: changed, lines: answered, shipToChanged: shipToChanged, shipMethodChanged: shipMethodChanged))
    }

    /// The line changes that turn `order` into `restated`: lines left out are cancelled, new ones added, and those
    /// whose quantity differs increased or decreased.
    static func difference(from order: PurchaseOrder, to restated: PurchaseOrder) -> [LineChange] {
        var changes: [LineChange] = []
        for line in order.lines {
            guard let now = restated.lines.first(where: { $0.lineNumber == line.lineNumber }) else {
                if line.quantity > 0 { changes.append(LineChange(lineNumber: line.lineNumber, kind: .cancel)) }
                continue
            }
            if now.quantity > line.quantity {
                changes.append(
                    LineChange(lineNumber: line.lineNumber, kind: .quantityIncrease, quantity: now.quantity, line: now))
            } else if now.quantity < line.quantity {
                changes.append(
                    LineChange(
                        lineNumber: line.lineNumber, kind: now.quantity == 0 ? .cancel : .quantityDecrease,
                        quantity: now.quantity, line: now))
            }
        }
        for line in restated.lines where !order.lines.contains(where: { $0.lineNumber == line.lineNumber }) {
            changes.append(LineChange(lineNumber: line.lineNumber, kind: .add, quantity: line.quantity, line: line))
        }
        return changes
    }
}
