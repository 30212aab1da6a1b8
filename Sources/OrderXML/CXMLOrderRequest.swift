internal import Foundation
public import Orders

/// What a cXML envelope says about every request in it: who sent it, to whom, the payload ID and version.
public struct CXMLEnvelopeInfo: Hashable, Sendable {
    /// `Header/From/Credential` (the buyer or marketplace); the domain is the qualifier.
    public var from: PartnerIdentity?
    /// `Header/To/Credential` (us, as the buyer names us).
    public var to: PartnerIdentity?
    /// `Header/Sender/Credential` (who transmitted it; a network hub may differ from `from`).
    public var sender: PartnerIdentity?
    /// `cXML/@payloadID`: unique per document, echoed in `DocumentReference` of every answer.
    public var payloadID: String?
    /// `cXML/@version`, else the version in the doctype's system identifier (`…/cXML/1.2.050/cXML.dtd`).
    public var version: String?

    public init(
        from: PartnerIdentity? = nil, to: PartnerIdentity? = nil, sender: PartnerIdentity? = nil,
        payloadID: String? = nil, version: String? = nil
    ) {
        self.from = from
        self.to = to
        self.sender = sender
        self.payloadID = payloadID
        self.version = version
    }

    /// Reads `From`, `To` and `Sender` from a collected `Header`.
    mutating func readHeader(_ header: LocatedElement) {
        from = header.child("From").flatMap(CXMLEnvelopeInfo.identity)
        to = header.child("To").flatMap(CXMLEnvelopeInfo.identity)
        sender = header.child("Sender").flatMap(CXMLEnvelopeInfo.identity)
    }

    /// The first credential of a `From`/`To`/`Sender`. Domains come in any case (`NetworkId`, `NetworkID`,
    /// `networkid`, `duns`): the well-known ones are spelled one way so profiles can match them; others stay as sent.
    static func identity(_ party: LocatedElement) -> PartnerIdentity? {
        guard let credential = party.child("Credential"), let id = credential.child("Identity")?.text else {
            return nil
        }
        let domain = credential.attribute("domain")?.trimmingXMLWhitespace() ?? ""
        let canonical: String
        switch domain.lowercased() {
        case "networkid": canonical = "NetworkID"
        case "duns": canonical = "DUNS"
        case "duns+4", "duns4": canonical = "DUNS+4"
        case "aribanetworkuserid": canonical = "AribaNetworkUserId"
        default: canonical = domain
        }
        return PartnerIdentity(qualifier: canonical, id: id)
    }

    /// `1.2.050` from `http://xml.cxml.org/schemas/cXML/1.2.050/cXML.dtd`.
    static func version(fromSystemID systemID: String) -> String? {
        systemID.split(separator: "/").first { part in
            part.first?.isNumber == true && part.contains(".") && part.allSatisfy { $0.isNumber || $0 == "." }
        }.map(String.init)
    }
}

/// Maps one collected cXML `OrderRequest` to the canonical order (cXML 1.2.x, `OrderRequestHeader` + `ItemOut`).
struct CXMLOrderRequestMapper {
    var envelope: CXMLEnvelopeInfo
    var origin: String?

    func purchaseOrder(from request: LocatedElement) throws(OrderXMLError) -> PurchaseOrder {
        guard let header = request.child("OrderRequestHeader") else {
            throw OrderXMLError(
                .missingField, line: request.line, elementPath: request.path + "/OrderRequestHeader",
                field: "poNumber")
        }
        guard let orderID = header.attribute("orderID")?.trimmingXMLWhitespace(), !orderID.isEmpty else {
            throw OrderXMLError(
                .missingField, line: header.line, elementPath: header.path + "/@orderID", field: "poNumber")
        }
        let totalMoney = header.descendant("Total", "Money")
        let currency =
            totalMoney?.attribute("currency").map { CurrencyCode($0.trimmingXMLWhitespace()) }
            ?? request.children("ItemOut").lazy.compactMap {
                $0.descendant("ItemDetail", "UnitPrice", "Money")?.attribute("currency")
            }.first.map { CurrencyCode($0.trimmingXMLWhitespace()) }
            ?? .usd

        var order = PurchaseOrder(
            poNumber: PONumber(orderID), currency: currency,
            source: OrderSource(
                format: .cXML, senderID: envelope.from ?? envelope.sender, receiverID: envelope.to,
                interchangeControl: envelope.payloadID, version: envelope.version, origin: origin))

        switch header.attribute("type")?.lowercased() {
        case nil, "new": order.purpose = .original
        case "update": order.purpose = .replace
        case "delete": order.purpose = .cancellation
        case .some:
            throw invalid(
                header, "@type", field: "purpose", "type is not new, update or delete",
                header.attribute("type"))
        }
        order.dates.ordered = try date(header, "orderDate", field: "dates.ordered")
        order.dates.requestedDelivery = try date(header, "requestedDeliveryDate", field: "dates.requestedDelivery")
        order.dates.requestedShip = try date(header, "requestedShipmentDate", field: "dates.requestedShip")
        if let totalMoney {
            order.statedTotal = try money(totalMoney, field: "statedTotal", currency: currency)
        }
        if let shipTo = header.child("ShipTo") {
            order.parties.append(try party(.shipTo, shipTo, field: "shipTo"))
            if let scac = shipTo.children("CarrierIdentifier").first(where: {
                $0.attribute("domain")?.lowercased() == "scac"
            })?.text {
                order.shipMethod = ShipMethod(carrierSCAC: scac)
            }
        }
        if let billTo = header.child("BillTo") {
            order.parties.append(try party(.billTo, billTo, field: "billTo"))
        }
        for contact in header.children("Contact") where contact.attribute("role") == "endUser" {
            order.parties.append(
                Party(
                    role: .soldTo, name: contact.child("Name")?.text,
                    contact: Contact(
                        name: contact.child("Name")?.text, phone: contact.child("Phone").flatMap(phone),
                        email: contact.child("Email")?.text)))
        }
        if let routing = header.descendant("Shipping", "Description")?.text {
            var method = order.shipMethod ?? ShipMethod()
            method.routing = routing
            order.shipMethod = method
        }
        for comments in header.children("Comments") {
            if let note = note(fromComments: comments) { order.notes.append(note) }
        }
        for extrinsic in header.children("Extrinsic") {
            guard let name = extrinsic.attribute("name"), let value = extrinsic.text else { continue }
            if let kind = CXMLOrderRequestMapper.noteKind(forExtrinsic: name) {
                order.notes.append(Note(kind: kind, text: value))
            } else {
                order.references.append(Reference(qualifier: name, value: value))
            }
        }
        let items = request.children("ItemOut")
        guard !items.isEmpty else {
            throw OrderXMLError(
                .missingField, line: request.line, elementPath: request.path + "/ItemOut", field: "lines")
        }
        for (index, item) in items.enumerated() {
            order.lines.append(try line(item, position: index + 1, currency: currency))
        }
        return order
    }

    private func line(_ item: LocatedElement, position: Int, currency: CurrencyCode) throws(OrderXMLError) -> OrderLine
    {
        let field = "lines[\(position)]"
        guard let quantityText = item.attribute("quantity") else {
            throw OrderXMLError(
                .missingField, line: item.line, elementPath: item.path + "/@quantity",
                field: field + ".quantity")
        }
        guard let quantity = CXMLOrderRequestMapper.decimal(quantityText), quantity > 0 else {
            throw invalid(
                item, "@quantity", field: field + ".quantity", "quantity is not a positive number",
                quantityText)
        }
        let lineNumber = item.attribute("lineNumber")?.trimmingXMLWhitespace() ?? String(position)
        var line = OrderLine(lineNumber: lineNumber.isEmpty ? String(position) : lineNumber, quantity: quantity)
        line.requestedDelivery = try date(item, "requestedDeliveryDate", field: field + ".requestedDelivery")
        line.requestedShip = try date(item, "requestedShipmentDate", field: field + ".requestedShip")
        if let itemID = item.child("ItemID") {
            line.sku = itemID.child("SupplierPartID")?.text.map(SKU.init)
            line.buyerItemID = itemID.child("BuyerPartID")?.text
        }
        if let detail = item.child("ItemDetail") {
            if let price = detail.descendant("UnitPrice", "Money") {
                line.unitPrice = try money(price, field: field + ".unitPrice", currency: currency)
            }
            line.description = detail.child("Description")?.text
            if let unit = detail.child("UnitOfMeasure")?.text { line.unit = UnitOfMeasure(unit) }
            if let manufacturerPart = detail.child("ManufacturerPartID")?.text,
                CXMLOrderRequestMapper.isGTIN(manufacturerPart)
            {
                line.gtin = manufacturerPart
            }
            for extrinsic in detail.children("Extrinsic") + item.children("Extrinsic") {
                guard let name = extrinsic.attribute("name"), let value = extrinsic.text else { continue }
                switch name.lowercased() {
                case "upc", "gtin", "ean", "upc-a", "gtin-14", "gtin14", "ean13":
                    guard CXMLOrderRequestMapper.isGTIN(value) else {
                        throw invalid(
                            extrinsic, nil, field: field + ".gtin", "not an 8, 12, 13 or 14 digit GTIN",
                            value)
                    }
                    line.gtin = value
                case "giftwrap", "gift_wrap", "gift-wrap":
                    line.giftWrap = ["true", "yes", "y", "1"].contains(value.lowercased())
                default:
                    if let kind = CXMLOrderRequestMapper.noteKind(forExtrinsic: name) {
                        line.notes.append(Note(kind: kind, text: value))
                    }
                }
            }
        }
        for comments in item.children("Comments") {
            if let note = note(fromComments: comments) { line.notes.append(note) }
        }
        return line
    }

    private func party(_ role: Party.Role, _ element: LocatedElement, field: String) throws(OrderXMLError) -> Party {
        guard let address = element.child("Address") else {
            throw OrderXMLError(
                .missingField, line: element.line, elementPath: element.path + "/Address",
                field: field + ".address")
        }
        var party = Party(role: role, name: address.child("Name")?.text)
        if let id = address.attribute("addressID"), !id.isEmpty {
            party.identifier = PartyIdentifier(
                qualifier: address.attribute("addressIDDomain") ?? "addressID", value: id)
        }
        var contact = Contact(email: address.child("Email")?.text)
        contact.phone = address.child("Phone").flatMap(phone)
        if let postal = address.child("PostalAddress") {
            let deliverTo = postal.children("DeliverTo").compactMap(\.text)
            contact.name = deliverTo.first
            // Further DeliverTo lines are attention lines ("Mailstop M-543"); a label prints them above the street.
            let lines = Array(deliverTo.dropFirst()) + postal.children("Street").compactMap(\.text)
            let country = postal.child("Country")?.attribute("isoCountryCode") ?? address.attribute("isoCountryCode")
            party.address = Address(
                lines: lines, city: postal.child("City")?.text, region: postal.child("State")?.text,
                postalCode: postal.child("PostalCode")?.text,
                country: country.map { $0.trimmingXMLWhitespace().uppercased() })
            if contact.phone == nil {
                contact.phone =
                    postal.children("Extrinsic").first { $0.attribute("name")?.lowercased() == "phone" }?
                    .text
            }
        }
        if contact != Contact() { party.contact = contact }
        return party
    }

    /// `+1 800 5551212` from `Phone/TelephoneNumber` (CountryCode, AreaOrCityCode, Number, Extension).
    private func phone(_ phone: LocatedElement) -> String? {
        guard let number = phone.child("TelephoneNumber") else { return nil }
        var parts: [String] = []
        if let country = number.child("CountryCode")?.text { parts.append("+" + country) }
        if let area = number.child("AreaOrCityCode")?.text { parts.append(area) }
        guard let local = number.child("Number")?.text else { return nil }
        parts.append(local)
        if let extensionNumber = number.child("Extension")?.text { parts.append("x" + extensionNumber) }
        return parts.joined(separator: " ")
    }

    private func note(fromComments comments: LocatedElement) -> Note? {
        guard let text = comments.text else { return nil }
        let kind: Note.Kind
        switch comments.attribute("type").map(CXMLOrderRequestMapper.normalized) {
        case "gift", "giftmessage", "giftnote": kind = .giftMessage
        case "packingslip", "packingslipmessage", "packinglist": kind = .packingSlip
        case "shipping", "shippinginstructions", "delivery", "deliveryinstructions": kind = .shippingInstructions
        default: kind = .general
        }
        return Note(kind: kind, text: text)
    }

    /// Extrinsic names that carry consumer or packer text rather than a reference.
    static func noteKind(forExtrinsic name: String) -> Note.Kind? {
        switch normalized(name) {
        case "giftmessage", "giftnote", "giftmsg", "giftcard", "giftcardmessage": .giftMessage
        case "packingslip", "packingslipmessage", "packingslipnote", "packinglistmessage", "packslipmessage":
            .packingSlip
        case "shippinginstructions", "deliveryinstructions", "specialinstructions": .shippingInstructions
        default: nil
        }
    }

    /// Lower-cased ASCII letters and digits only: `Gift_Message` and `gift-message` are both `giftmessage`.
    private static func normalized(_ name: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(name.utf8.count)
        for byte in name.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): bytes.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(byte + 32)
            default: continue
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func date(_ element: LocatedElement, _ attribute: String, field: String) throws(OrderXMLError)
        -> CalendarDate?
    {
        guard let text = element.attribute(attribute)?.trimmingXMLWhitespace(), !text.isEmpty else { return nil }
        guard let date = CalendarDate(parsing: text) else {
            throw invalid(element, "@" + attribute, field: field, "not an ISO 8601 date", text)
        }
        return date
    }

    private func money(_ element: LocatedElement, field: String, currency: CurrencyCode) throws(OrderXMLError)
        -> Money
    {
        let code = element.attribute("currency").map { CurrencyCode($0.trimmingXMLWhitespace()) } ?? currency
        guard let text = element.text, let amount = CXMLOrderRequestMapper.decimal(text) else {
            throw invalid(element, nil, field: field, "not a decimal amount", element.text)
        }
        return Money(amount, code)
    }

    /// A plain decimal (`12`, `-3.5`, `8.1`): no exponent, no grouping. Decimal, never Double.
    static func decimal(_ text: String) -> Decimal? {
        let trimmed = text.trimmingXMLWhitespace()
        var digits = 0
        var dots = 0
        for (offset, byte) in trimmed.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            case UInt8(ascii: "."): dots += 1
            case UInt8(ascii: "-"), UInt8(ascii: "+"): guard offset == 0 else { return nil }
            default: return nil
            }
        }
        guard digits > 0, dots <= 1 else { return nil }
        // Up to 18 significant digits fit a UInt64 exactly: build the Decimal from integer and exponent.
        if digits <= 18 {
            var significand: UInt64 = 0
            var exponent = 0
            var seenDot = false
            var negative = false
            for byte in trimmed.utf8 {
                switch byte {
                case UInt8(ascii: "-"): negative = true
                case UInt8(ascii: "+"): continue
                case UInt8(ascii: "."): seenDot = true
                default:
                    significand = significand * 10 + UInt64(byte - UInt8(ascii: "0"))
                    if seenDot { exponent -= 1 }
                }
            }
            // A negative zero Decimal is NaN in Foundation: zero has no sign.
            if significand == 0 { return Decimal.zero }
            return Decimal(sign: negative ? .minus : .plus, exponent: exponent, significand: Decimal(significand))
        }
        return Decimal(string: trimmed, locale: posix)
    }

    private static let posix = Locale(identifier: "en_US_POSIX")

    static func isGTIN(_ text: String) -> Bool {
        [8, 12, 13, 14].contains(text.utf8.count)
            && text.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    private func invalid(
        _ element: LocatedElement, _ attribute: String?, field: String, _ why: String, _ value: String?
    ) -> OrderXMLError {
        OrderXMLError(
            .invalidValue(why), line: element.line, elementPath: element.path + (attribute.map { "/" + $0 } ?? ""),
            field: field, value: value)
    }
}
