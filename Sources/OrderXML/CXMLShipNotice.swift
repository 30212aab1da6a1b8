public import Foundation
public import Orders

/// A shipment we made against an order, for the cXML `ShipNoticeRequest` (the counterpart of an X12 856).
public struct ShipmentNotice: Hashable, Sendable {
    public var shipmentID: String
    public var noticeDate: Date
    public var shipmentDate: Date
    public var deliveryDate: Date?
    /// `CarrierIdentifier domain="SCAC"` (`UPSN`, `FDEG`).
    public var carrierSCAC: String?
    /// `CarrierIdentifier domain="companyName"` (`UPS`).
    public var carrierName: String?
    /// `ShipNoticeHeader/ServiceLevel`: the carrier's level of service in words (`UPS GROUND`); the DTD asks for one
    /// on every notice that is not a delete.
    public var serviceLevel: String?
    /// Tracking numbers, one `ShipmentIdentifier` each.
    public var trackingNumbers: [String]
    /// Whether this shipment completes the order (`fulfillmentType`).
    public var isComplete: Bool
    public var lines: [Line]

    public init(
        shipmentID: String, noticeDate: Date, shipmentDate: Date, deliveryDate: Date? = nil, carrierSCAC: String? = nil,
        carrierName: String? = nil, serviceLevel: String? = nil, trackingNumbers: [String], isComplete: Bool,
        lines: [Line]
    ) {
        self.shipmentID = shipmentID
        self.noticeDate = noticeDate
        self.shipmentDate = shipmentDate
        self.deliveryDate = deliveryDate
        self.carrierSCAC = carrierSCAC
        self.carrierName = carrierName
        self.serviceLevel = serviceLevel
        self.trackingNumbers = trackingNumbers
        self.isComplete = isComplete
        self.lines = lines
    }

    public struct Line: Hashable, Sendable {
        public var lineNumber: String
        public var quantity: Decimal
        public var unit: UnitOfMeasure
        public var sku: SKU?
        public var buyerItemID: String?

        public init(
            lineNumber: String, quantity: Decimal, unit: UnitOfMeasure = .each, sku: SKU? = nil,
            buyerItemID: String? = nil
        ) {
            self.lineNumber = lineNumber
            self.quantity = quantity
            self.unit = unit
            self.sku = sku
            self.buyerItemID = buyerItemID
        }
    }
}

extension ShipmentNotice {
    /// The notice of what `confirmation` shipped against `order`: its date, carrier (SCAC, and `carrierName` as the
    /// buyer reads it), service level (the routing the retailer asked for, else our service), every package's
    /// tracking number, and one item per PO line shipped (the units summed over the packages, in the PO's order and
    /// unit; our SKU as the supplier part, the buyer's item id as the buyer part). Complete when every PO line has
    /// shipped in full.
    ///
    /// Throws `ShipmentError` when a package holds a line the PO does not have (naming it), or nothing shipped.
    public init(
        _ confirmation: ShipConfirmation, for order: PurchaseOrder, shipmentID: String, noticeDate: Date,
        carrierName: String? = nil
    ) throws(ShipmentError) {
        let shipped = try confirmation.shippedLines(of: order)
        let packedSKUs = Dictionary(
            confirmation.packages.flatMap(\.contents).map { ($0.lineNumber, $0.sku) }, uniquingKeysWith: { a, _ in a })
        let isComplete = order.lines.allSatisfy { line in
            shipped.contains { $0.line.lineNumber == line.lineNumber && $0.quantity >= line.quantity }
        }
        self.init(
            shipmentID: shipmentID, noticeDate: noticeDate, shipmentDate: confirmation.shippedAt,
            carrierSCAC: confirmation.method.carrierSCAC, carrierName: carrierName,
            serviceLevel: confirmation.method.routing ?? confirmation.service,
            trackingNumbers: confirmation.packages.map(\.trackingNumber), isComplete: isComplete,
            lines: shipped.map {
                Line(
                    lineNumber: $0.line.lineNumber, quantity: $0.quantity, unit: $0.line.unit,
                    sku: $0.line.sku ?? packedSKUs[$0.line.lineNumber], buyerItemID: $0.line.buyerItemID)
            })
    }
}

extension CXMLWriter {
    /// A cXML `ShipNoticeRequest` for `order` (the counterpart of an X12 856), valid against the Fulfill DTD of
    /// `version`.
    public func makeShipNoticeRequest(for order: PurchaseOrder, notice: ShipmentNotice, envelope: CXMLEnvelope)
        -> String
    {
        var writer = start(envelope)
        writer.start("ShipNoticeRequest")
        writer.start(
            "ShipNoticeHeader",
            [
                ("shipmentID", notice.shipmentID), ("noticeDate", timestamp(notice.noticeDate, envelope)),
                ("shipmentDate", timestamp(notice.shipmentDate, envelope)),
                ("deliveryDate", notice.deliveryDate.map { timestamp($0, envelope) }), ("shipmentType", "actual"),
                ("fulfillmentType", notice.isComplete ? "complete" : "partial"),
            ])
        if let level = notice.serviceLevel { writer.element("ServiceLevel", [("xml:lang", "en-US")], text: level) }
        writer.end()
        let carriers = [("SCAC", notice.carrierSCAC), ("companyName", notice.carrierName)].filter { $0.1 != nil }
        if !carriers.isEmpty, !notice.trackingNumbers.isEmpty {
            writer.start("ShipControl")
            for (domain, value) in carriers { writer.element("CarrierIdentifier", [("domain", domain)], text: value) }
            for number in notice.trackingNumbers { writer.element("ShipmentIdentifier", text: number) }
            writer.end()
        }
        writer.start("ShipNoticePortion")
        orderReference(order, into: &writer)
        for line in notice.lines {
            writer.start(
                "ShipNoticeItem", [("quantity", XMLTextWriter.number(line.quantity)), ("lineNumber", line.lineNumber)])
            if let sku = line.sku {
                writer.start("ItemID")
                writer.element("SupplierPartID", text: sku.rawValue)
                if let buyer = line.buyerItemID { writer.element("BuyerPartID", text: buyer) }
                writer.end()
            }
            writer.element("UnitOfMeasure", text: line.unit.rawValue)
            writer.end()
        }
        writer.end()
        return finish(&writer)
    }
}
