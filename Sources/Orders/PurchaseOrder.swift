public import Foundation

/// The canonical purchase order: one model for every source format (X12 850, cXML OrderRequest, mapped retailer
/// XML). Every later part (routing, store, documents, feeds) speaks only this.
public struct PurchaseOrder: Hashable, Sendable, Codable {
    /// The retailer whose profile governs this order; nil until the gateway has recognised the sender.
    public var retailer: RetailerID?
    public var poNumber: PONumber
    public var purpose: Purpose
    public var orderType: OrderType
    public var dates: OrderDates
    public var parties: [Party]
    /// The ship method the retailer asked for (TD5 in X12, `Shipping` in cXML); nil when the PO names none.
    public var shipMethod: ShipMethod?
    public var references: [Reference]
    /// Text meant for the consumer or the packer: gift message, packing-slip text, delivery instructions.
    public var notes: [Note]
    /// The currency every price on the order is in (CUR02 in X12, the `currency` attribute in cXML).
    public var currency: CurrencyCode
    public var lines: [OrderLine]
    /// The document total as the retailer stated it (AMT/TDS in X12, `Total` in cXML), if it did.
    public var statedTotal: Money?
    /// Where the order came from, to tell duplicates apart and to answer the right envelope.
    public var source: OrderSource

    /// Inlinable, as `OrderLine.init` is.
    @inlinable
    public init(
        retailer: RetailerID? = nil, poNumber: PONumber, purpose: Purpose = .original, orderType: OrderType = .dropship,
        dates: OrderDates = OrderDates(), parties: [Party] = [], shipMethod: ShipMethod? = nil,
        references: [Reference] = [], notes: [Note] = [], currency: CurrencyCode = .usd, lines: [OrderLine] = [],
        statedTotal: Money? = nil, source: OrderSource
    ) {
        self.retailer = retailer
        self.poNumber = poNumber
        self.purpose = purpose
        self.orderType = orderType
        self.dates = dates
        self.parties = parties
        self.shipMethod = shipMethod
        self.references = references
        self.notes = notes
        self.currency = currency
        self.lines = lines
        self.statedTotal = statedTotal
        self.source = source
    }

    /// BEG01 in X12: what the document asks for.
    public enum Purpose: String, Hashable, Sendable, Codable {
        case original, cancellation, replace, confirmation, duplicate
    }

    /// BEG02 in X12: dropship (`DS`), stand-alone (`SA`), new order (`NE`), and the rest we don't route.
    public enum OrderType: String, Hashable, Sendable, Codable {
        case dropship
        case standAlone = "stand-alone"
        case newOrder = "new-order"
        case other
    }

    /// The first party with `role`.
    public func party(_ role: Party.Role) -> Party? { partyIndex(role).map { parties[$0] } }

    /// The index of the first party in `role`: reads each party's role in place (a party is a large value to copy).
    public func partyIndex(_ role: Party.Role) -> Int? {
        for index in parties.indices where parties[index].role == role { return index }
        return nil
    }

    public var shipTo: Party? { party(.shipTo) }
    public var billTo: Party? { party(.billTo) }

    /// The ship-from node the retailer assigned on the PO (an `N1*SF` party's id), for programs that pick the node
    /// themselves.
    public var assignedNode: DCID? { party(.shipFrom)?.identifier.map { DCID($0.value) } }

    /// Sum of quantity × unit price over the lines that carry a price in the order's currency.
    public var extendedTotal: Money {
        lines.reduce(Money.zero(currency)) { total, line in
            guard let price = line.unitPrice, price.currency == currency else { return total }
            return Money(total.amount + price.amount * line.quantity, currency)
        }
    }

    public var totalUnits: Decimal { lines.reduce(0) { $0 + $1.quantity } }

    /// `totalUnits` to the nearest whole unit, as scorecards count units.
    public var wholeUnits: Int { Int((totalUnits as NSDecimalNumber).doubleValue.rounded()) }

    /// What `units` (quantities per PO line number) are worth at the lines' prices in the order's currency; a line
    /// without such a price counts nothing.
    public func value(of units: [(line: String, quantity: Decimal)]) -> Money {
        units.reduce(Money.zero(currency)) { total, item in
            guard let price = lines.first(where: { $0.lineNumber == item.line })?.unitPrice, price.currency == currency
            else { return total }
            return Money(total.amount + price.amount * item.quantity, currency)
        }
    }
}

/// The dates a PO carries. All are calendar days in the retailer's reckoning; the profile says in which time zone.
public struct OrderDates: Hashable, Sendable, Codable {
    /// The PO date (BEG05, cXML `orderDate`).
    public var ordered: CalendarDate?
    /// Ship no later than (DTM*010 requested ship, DTM*038 ship no later).
    public var requestedShip: CalendarDate?
    /// Deliver by (DTM*002 delivery requested, DTM*106 required by).
    public var requestedDelivery: CalendarDate?
    /// Cancel if not shipped by (DTM*001).
    public var cancelAfter: CalendarDate?
    /// The retailer's expected ship date, when it computes one and sends it (DTM*067 / ESD programs).
    public var expectedShip: CalendarDate?

    public init(
        ordered: CalendarDate? = nil, requestedShip: CalendarDate? = nil, requestedDelivery: CalendarDate? = nil,
        cancelAfter: CalendarDate? = nil, expectedShip: CalendarDate? = nil
    ) {
        self.ordered = ordered
        self.requestedShip = requestedShip
        self.requestedDelivery = requestedDelivery
        self.cancelAfter = cancelAfter
        self.expectedShip = expectedShip
    }
}

/// The PO line: what, how many, at what price.
public struct OrderLine: Hashable, Sendable, Codable {
    /// The retailer's line number (PO101, cXML `lineNumber`), echoed on every answer.
    public var lineNumber: String
    public var buyerItemID: String?
    /// Our item number when the retailer sends it; routing falls back to the UPC when it does not.
    public var sku: SKU?
    /// UPC-A or GTIN-13/14 (`UP`, `EN`, `UK` qualifiers).
    public var gtin: String?
    public var quantity: Decimal
    public var unit: UnitOfMeasure
    public var unitPrice: Money?
    public var description: String?
    /// A per-line ship or delivery date that overrides the order's, if any.
    public var requestedShip: CalendarDate?
    public var requestedDelivery: CalendarDate?
    /// Gift wrap asked for on this line.
    public var giftWrap: Bool
    public var notes: [Note]
    /// How the PO named `buyerItemID`, `sku` and `gtin` (X12 PO1 qualifiers and their places), so that an answer
    /// names them the same way; nil where the format has no qualifiers.
    public var itemQualifiers: ItemQualifiers?

    /// Inlinable: called from another module, an initializer of this many fields builds the line and then copies it
    /// (a retain of every string) into place; inlined, it builds it in place.
    @inlinable
    public init(
        lineNumber: String, buyerItemID: String? = nil, sku: SKU? = nil, gtin: String? = nil, quantity: Decimal,
        unit: UnitOfMeasure = .each, unitPrice: Money? = nil, description: String? = nil,
        requestedShip: CalendarDate? = nil, requestedDelivery: CalendarDate? = nil, giftWrap: Bool = false,
        notes: [Note] = [], itemQualifiers: ItemQualifiers? = nil
    ) {
        self.lineNumber = lineNumber
        self.buyerItemID = buyerItemID
        self.sku = sku
        self.gtin = gtin
        self.quantity = quantity
        self.unit = unit
        self.unitPrice = unitPrice
        self.description = description
        self.requestedShip = requestedShip
        self.requestedDelivery = requestedDelivery
        self.giftWrap = giftWrap
        self.notes = notes
        self.itemQualifiers = itemQualifiers
    }

    public var extendedPrice: Money? { unitPrice.map { $0.multiplied(by: quantity) } }
}

/// The product ID qualifiers (X12 element 235) a PO gave a line's item numbers, with each pair's element position
/// (PO106 = 6), so that an 855 echoes `SK`, `BP` or `IN` as received and in the same order.
public struct ItemQualifiers: Hashable, Sendable, Codable {
    public struct Qualifier: Hashable, Sendable, Codable {
        /// `VN`, `SK`, `UP`, …
        public var code: String
        /// The qualifier's element position in PO1 (6, 8, … 24).
        public var position: Int

        @inlinable
        public init(code: String, position: Int) {
            self.code = code
            self.position = position
        }
    }

    /// The qualifier of `OrderLine.buyerItemID`.
    public var buyer: Qualifier?
    /// The qualifier of `OrderLine.sku`.
    public var sku: Qualifier?
    /// The qualifier of `OrderLine.gtin`.
    public var gtin: Qualifier?

    @inlinable
    public init(buyer: Qualifier? = nil, sku: Qualifier? = nil, gtin: Qualifier? = nil) {
        self.buyer = buyer
        self.sku = sku
        self.gtin = gtin
    }
}

/// X12 unit-of-measure code (element 355): `EA`, `CA`, `PK`, … Stored as the code; the common ones are named.
public struct UnitOfMeasure: StringIdentifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue.uppercasedCode }

    public static let each = UnitOfMeasure(rawValue: "EA")
    public static let caseUnit = UnitOfMeasure(rawValue: "CA")
}
