public import Foundation
public import Orders

/// The cXML envelope of a document dropgate sends: who it is from and to, and its own payload ID.
public struct CXMLEnvelope: Hashable, Sendable {
    /// Us, as the buyer knows us (`Header/From`).
    public var from: PartnerIdentity
    /// The buyer or marketplace (`Header/To`): the `From` of its order.
    public var to: PartnerIdentity
    /// Who transmits (`Header/Sender`); usually us.
    public var sender: PartnerIdentity
    /// The shared secret the buyer issued us, sent in `Sender/Credential/SharedSecret` when set.
    public var sharedSecret: String?
    public var userAgent: String
    /// Unique per document we send: `datetime.process.random@our-domain` by cXML convention.
    public var payloadID: String
    public var timestamp: Date
    /// The zone timestamps are written in (the offset is part of every cXML `datetime.tz`).
    public var timeZone: TimeZone

    public init(
        from: PartnerIdentity, to: PartnerIdentity, sender: PartnerIdentity? = nil, sharedSecret: String? = nil,
        userAgent: String = "dropgate", payloadID: String, timestamp: Date, timeZone: TimeZone
    ) {
        self.from = from
        self.to = to
        self.sender = sender ?? from
        self.sharedSecret = sharedSecret
        self.userAgent = userAgent
        self.payloadID = payloadID
        self.timestamp = timestamp
        self.timeZone = timeZone
    }

    /// The envelope of an answer to `order`: to whoever sent it (its `From`, else its `Sender`), from `supplier`.
    public init(
        replyingTo order: PurchaseOrder, as supplier: PartnerIdentity, sharedSecret: String? = nil, payloadID: String,
        timestamp: Date, timeZone: TimeZone
    ) {
        self.init(
            from: supplier, to: order.source.senderID ?? PartnerIdentity(qualifier: "NetworkID", id: ""),
            sharedSecret: sharedSecret, payloadID: payloadID, timestamp: timestamp, timeZone: timeZone)
    }
}

/// Our answer to a purchase order, line by line: the cXML `ConfirmationRequest` (the counterpart of an X12 855).
public struct OrderConfirmation: Hashable, Sendable {
    public var confirmID: String?
    public var noticeDate: Date
    public var lines: [Line]
    /// Said to the buyer in `ConfirmationHeader/Comments` (the reason for a rejection, say).
    public var comment: String?

    public init(confirmID: String? = nil, noticeDate: Date, lines: [Line], comment: String? = nil) {
        self.confirmID = confirmID
        self.noticeDate = noticeDate
        self.lines = lines
        self.comment = comment
    }

    /// One PO line's outcome: how much of the ordered quantity is accepted, rejected and backordered.
    public struct Line: Hashable, Sendable {
        public var lineNumber: String
        public var ordered: Decimal
        public var unit: UnitOfMeasure
        public var accepted: Decimal
        public var rejected: Decimal
        public var backordered: Decimal
        public var unitPrice: Money?
        public var shipmentDate: Date?
        public var deliveryDate: Date?
        public var comment: String?

        public init(
            lineNumber: String, ordered: Decimal, unit: UnitOfMeasure = .each, accepted: Decimal = 0,
            rejected: Decimal = 0, backordered: Decimal = 0, unitPrice: Money? = nil, shipmentDate: Date? = nil,
            deliveryDate: Date? = nil, comment: String? = nil
        ) {
            self.lineNumber = lineNumber
            self.ordered = ordered
            self.unit = unit
            self.accepted = accepted
            self.rejected = rejected
            self.backordered = backordered
            self.unitPrice = unitPrice
            self.shipmentDate = shipmentDate
            self.deliveryDate = deliveryDate
            self.comment = comment
        }
    }

    /// Every line accepted in full, shipping on `shipmentDate` if given.
    public static func accepting(_ order: PurchaseOrder, noticeDate: Date, shipmentDate: Date? = nil) -> Self {
        OrderConfirmation(
            noticeDate: noticeDate,
            lines: order.lines.map {
                Line(
                    lineNumber: $0.lineNumber, ordered: $0.quantity, unit: $0.unit, accepted: $0.quantity,
                    unitPrice: $0.unitPrice, shipmentDate: shipmentDate)
            })
    }

    /// Every line rejected, with `reason` said to the buyer.
    public static func rejecting(_ order: PurchaseOrder, noticeDate: Date, reason: String) -> Self {
        OrderConfirmation(
            noticeDate: noticeDate,
            lines: order.lines.map {
                Line(lineNumber: $0.lineNumber, ordered: $0.quantity, unit: $0.unit, rejected: $0.quantity)
            },
            comment: reason)
    }

    /// `ConfirmationHeader/@type`: `accept` or `reject` when every line says so, `detail` otherwise.
    public var headerType: String {
        if !lines.isEmpty, lines.allSatisfy({ $0.accepted == $0.ordered && $0.rejected == 0 && $0.backordered == 0 }) {
            return "accept"
        }
        if !lines.isEmpty, lines.allSatisfy({ $0.rejected == $0.ordered && $0.accepted == 0 && $0.backordered == 0 }) {
            return "reject"
        }
        return "detail"
    }
}

/// Writes the cXML documents dropgate sends back: `ConfirmationRequest` here, `ShipNoticeRequest`
/// (`CXMLShipNotice.swift`) and `InvoiceDetailRequest` (`CXMLInvoice.swift`); the first two valid against the cXML
/// Fulfill DTD of `version` (tested with `xmllint --dtdvalid`).
public struct CXMLWriter: Sendable {
    public var version: String

    public init(version: String = "1.2.050") { self.version = version }

    public func makeConfirmationRequest(
        for order: PurchaseOrder, confirmation: OrderConfirmation, envelope: CXMLEnvelope
    ) -> String {
        var writer = start(envelope)
        writer.start("ConfirmationRequest")
        writer.start(
            "ConfirmationHeader",
            [
                ("confirmID", confirmation.confirmID), ("type", confirmation.headerType),
                ("noticeDate", XMLTextWriter.timestamp(confirmation.noticeDate, in: envelope.timeZone)),
            ])
        if let comment = confirmation.comment { writer.element("Comments", text: comment) }
        writer.end()
        orderReference(order, into: &writer)
        for line in confirmation.lines {
            writer.start(
                "ConfirmationItem", [("quantity", XMLTextWriter.number(line.ordered)), ("lineNumber", line.lineNumber)])
            writer.element("UnitOfMeasure", text: line.unit.rawValue)
            let parts: [(String, Decimal)] = [
                ("accept", line.accepted), ("backordered", line.backordered), ("reject", line.rejected),
            ]
            for (type, quantity) in parts where quantity > 0 {
                writer.start(
                    "ConfirmationStatus",
                    [
                        ("quantity", XMLTextWriter.number(quantity)), ("type", type),
                        ("shipmentDate", type == "accept" ? line.shipmentDate.map { timestamp($0, envelope) } : nil),
                        ("deliveryDate", type == "accept" ? line.deliveryDate.map { timestamp($0, envelope) } : nil),
                    ])
                writer.element("UnitOfMeasure", text: line.unit.rawValue)
                if type == "accept", let price = line.unitPrice {
                    writer.start("UnitPrice")
                    writer.element(
                        "Money", [("currency", price.currency.rawValue)], text: XMLTextWriter.number(price.amount))
                    writer.end()
                }
                if let comment = line.comment, type != "accept" { writer.element("Comments", text: comment) }
                writer.end()
            }
            writer.end()
        }
        return finish(&writer)
    }

    /// The document up to its `Request` element: the doctype naming `dtd` of `version` (`Fulfill.dtd` for order
    /// confirmations and ship notices, `InvoiceDetail.dtd` for invoices), the cXML element and the envelope's Header.
    func start(_ envelope: CXMLEnvelope, dtd: String = "Fulfill.dtd") -> XMLTextWriter {
        var writer = XMLTextWriter(
            doctype: "<!DOCTYPE cXML SYSTEM \"http://xml.cxml.org/schemas/cXML/\(version)/\(dtd)\">")
        writer.start(
            "cXML",
            [
                ("version", version), ("payloadID", envelope.payloadID),
                ("timestamp", timestamp(envelope.timestamp, envelope)), ("xml:lang", "en-US"),
            ])
        writer.start("Header")
        for (name, identity) in [("From", envelope.from), ("To", envelope.to), ("Sender", envelope.sender)] {
            writer.start(name)
            writer.start("Credential", [("domain", identity.qualifier)])
            writer.element("Identity", text: identity.id)
            if name == "Sender", let secret = envelope.sharedSecret { writer.element("SharedSecret", text: secret) }
            writer.end()
            if name == "Sender" { writer.element("UserAgent", text: envelope.userAgent) }
            writer.end()
        }
        writer.end()
        writer.start("Request")
        return writer
    }

    func finish(_ writer: inout XMLTextWriter) -> String {
        writer.end()  // the request
        writer.end()  // Request
        writer.end()  // cXML
        return writer.text
    }

    func orderReference(_ order: PurchaseOrder, into writer: inout XMLTextWriter) {
        writer.start("OrderReference", [("orderID", order.poNumber.rawValue)])
        writer.element("DocumentReference", [("payloadID", order.source.interchangeControl ?? "")])
        writer.end()
    }

    func timestamp(_ date: Date, _ envelope: CXMLEnvelope) -> String {
        XMLTextWriter.timestamp(date, in: envelope.timeZone)
    }
}
