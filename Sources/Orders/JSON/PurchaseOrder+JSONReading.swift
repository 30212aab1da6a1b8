public import Foundation

// The canonical order read back from its JSON by hand, member for member as its `Decodable` conformance reads it:
// the same members required (a missing one is an error naming it), optionals absent or null, unknown members
// skipped. `JSONReadingTests` hold it equal to `JSONDecoder` over random orders with every field present and
// absent, the fixtures and the corpus. Keep it in step with `PurchaseOrder+JSON.swift` when a field is added.

extension PurchaseOrder: JSONReadable {
    public init(json reader: inout JSONByteReader) throws(JSONReadError) {
        var retailer: RetailerID?
        var poNumber: PONumber?
        var purpose: Purpose?
        var orderType: OrderType?
        var dates: OrderDates?
        var parties: [Party]?
        var shipMethod: ShipMethod?
        var references: [Reference]?
        var notes: [Note]?
        var currency: CurrencyCode?
        var lines: [OrderLine]?
        var statedTotal: Money?
        var source: OrderSource?
        try reader.beginObject()
        while try reader.nextMember() {
            if reader.isKey("currency") {
                currency = try reader.read(CurrencyCode.self)
            } else if reader.isKey("dates") {
                dates = try reader.read(OrderDates.self)
            } else if reader.isKey("lines") {
                lines = try reader.array(of: OrderLine.self)
            } else if reader.isKey("notes") {
                notes = try reader.array(of: Note.self)
            } else if reader.isKey("orderType") {
                orderType = try reader.code(OrderType.self)
            } else if reader.isKey("parties") {
                parties = try reader.array(of: Party.self)
            } else if reader.isKey("poNumber") {
                poNumber = try reader.read(PONumber.self)
            } else if reader.isKey("purpose") {
                purpose = try reader.code(Purpose.self)
            } else if reader.isKey("references") {
                references = try reader.array(of: Reference.self)
            } else if reader.isKey("retailer") {
                retailer = try reader.optional(RetailerID.self)
            } else if reader.isKey("shipMethod") {
                shipMethod = try reader.optional(ShipMethod.self)
            } else if reader.isKey("source") {
                source = try reader.read(OrderSource.self)
            } else if reader.isKey("statedTotal") {
                statedTotal = try reader.optional(Money.self)
            } else {
                try reader.skipValue()
            }
        }
        self.init(
            retailer: retailer, poNumber: try reader.required(poNumber, "poNumber"),
            purpose: try reader.required(purpose, "purpose"), orderType: try reader.required(orderType, "orderType"),
            dates: try reader.required(dates, "dates"), parties: try reader.required(parties, "parties"),
            shipMethod: shipMethod, references: try reader.required(references, "references"),
            notes: try reader.required(notes, "notes"), currency: try reader.required(currency, "currency"),
            lines: try reader.required(lines, "lines"), statedTotal: statedTotal,
            source: try reader.required(source, "source"))
    }

    /// The order its stored JSON holds.
    public init(jsonBytes: [UInt8]) throws(JSONReadError) {
        var reader = JSONByteReader(jsonBytes)
        try self.init(json: &reader)
        try reader.end()
    }
}

extension OrderDates: JSONReadable {
    public init(json reader: inout JSONByteReader) throws(JSONReadError) {
        self.init()
        try reader.beginObject()
        while try reader.nextMember() {
            if reader.isKey("cancelAfter") {
                cancelAfter = try reader.optional(CalendarDate.self)
            } else if reader.isKey("expectedShip") {
                expectedShip = try reader.optional(CalendarDate.self)
            } else if reader.isKey("ordered") {
                ordered = try reader.optional(CalendarDate.self)
            } else if reader.isKey("requestedDelivery") {
                requestedDelivery = try reader.optional(CalendarDate.self)
            } else if reader.isKey("requestedShip") {
                requestedShip = try reader.optional(CalendarDate.self)
            } else {
                try reader.skipValue()
            }
        }
    }
}

extension CalendarDate: JSONReadable {
    public init(json reader: inout JSONByteReader) throws(JSONReadError) {
        let start = reader.offset
        let text = try reader.string()
        guard let date = CalendarDate(parsing: text) else {
            throw JSONReadError(offset: start, expected: "a date YYYY-MM-DD, not '\(text)'")
        }
        self = date
    }
}

extension Party: JSONReadable {
    public init(json reader: inout JSONByteReader) throws(JSONReadError) {
        var role: Role?
        var name: String?
        var identifier: PartyIdentifier?
        var address: Address?
        var contact: Contact?
        try reader.beginObject()
        while try reader.nextMember() {
            if reader.isKey("address") {
                address = try reader.optional(Address.self)
            } else if reader.isKey("contact") {
                contact = try reader.optional(Contact.self)
            } else if reader.isKey("identifier") {
                identifier = try reader.optional(PartyIdentifier.self)
            } else if reader.isKey("name") {
                name = try reader.optionalString()
            } else if reader.isKey("role") {
                role = try reader.code(Role.self)
            } else {
                try reader.skipValue()
            }
        }
        self.init(
            role: try reader.required(role, "role"), name: name, identifier: identifier, address: address,
            contact: contact)
    }
}

extension PartyIdentifier: JSONReadable {
    public init(json reader: inout JSONByteReader) throws(JSONReadError) {
        var qualifier: String?
        var value: String?
        try reader.beginObject()
        while try reader.nextMember() {
            if reader.isKey("qualifier") {
                qualifier = try reader.string()
            } else if reader.isKey("value") {
                value = try reader.string()
            } else {
                try reader.skipValue()
            }
        }
        self.init(qualifier: try reader.required(qualifier, "qualifier"), value: try reader.required(value, "value"))
    }
}

extension Address: JSONReadable {
    public init(json reader: inout JSONByteReader) throws(JSONReadError) {
        var lines: [String]?
        var city: String?
        var region: String?
        var postalCode: String?
        var country: String?
        try reader.beginObject()
        while try reader.nextMember() {
            if reader.isKey("city") {
                city = try reader.optionalString()
            } else if reader.isKey("country") {
                country = try reader.optionalString()
            } else if reader.isKey("lines") {
                lines = try reader.strings()
            } else if reader.isKey("postalCode") {
                postalCode = try reader.optionalString()
            } else if reader.isKey("region") {
                region = try reader.optionalString()
            } else {
                try reader.skipValue()
            }
        }
        self.init(
            lines: try reader.required(lines, "lines"), city: city, region: region, postalCode: postalCode,
            country: country)
    }
}

extension Contact: JSONReadable {
    public init(json reader: inout JSONByteReader) throws(JSONReadError) {
        var name: String?
        var phone: String?
        var email: String?
        try reader.beginObject()
        while try reader.nextMember() {
            if reader.isKey("email") {
                email = try reader.optionalString()
            } else if reader.isKey("name") {
                name = try reader.optionalString()
            } else if reader.isKey("phone") {
                phone = try reader.optionalString()
            } else {
                try reader.skipValue()
            }
        }
        self.init(name: name, phone: phone, email: email)
    }
}

extension ShipMethod: JSONReadable {
    public init(json reader: inout JSONByteReader) throws(JSONReadError) {
        self.init()
        try reader.beginObject()
        while try reader.nextMember() {
            if reader.isKey("carrierSCAC") {
                carrierSCAC = try reader.optionalString()
            } else if reader.isKey("routing") {
                routing = try reader.optionalString()
            } else if reader.isKey("serviceLevel") {
                serviceLevel = try reader.optionalString()
            } else if reader.isKey("transportMethod") {
                transportMethod = try reader.optionalString()
            } else {
                try reader.skipValue()
            }
        }
    }
}

extension Reference: JSONReadable {
    public init(json reader: inout JSONByteReader) throws(JSONReadError) {
        var qualifier: String?
        var value: String?
        var description: String?
        try reader.beginObject()
        while try reader.nextMember() {
            if reader.isKey("description") {
                description = try reader.optionalString()
            } else if reader.isKey("qualifier") {
                qualifier = try reader.string()
            } else if reader.isKey("value") {
                value = try reader.string()
            } else {
                try reader.skipValue()
            }
        }
        self.init(
            qualifier: try reader.required(qualifier, "qualifier"), value: try reader.required(value, "value"),
            description: description)
    }
}

extension Note: JSONReadable {
    public init(json reader: inout JSONByteReader) throws(JSONReadError) {
        var kind: Kind?
        var text: String?
        try reader.beginObject()
        while try reader.nextMember() {
            if reader.isKey("kind") {
                kind = try reader.code(Kind.self)
            } else if reader.isKey("text") {
                text = try reader.string()
            } else {
                try reader.skipValue()
            }
        }
        self.init(kind: try reader.required(kind, "kind"), text: try reader.required(text, "text"))
    }
}

extension Money: JSONReadable {
    public init(json reader: inout JSONByteReader) throws(JSONReadError) {
        var amount: Decimal?
        var currency: CurrencyCode?
        try reader.beginObject()
        while try reader.nextMember() {
            if reader.isKey("amount") {
                amount = try reader.decimal()
            } else if reader.isKey("currency") {
                currency = try reader.read(CurrencyCode.self)
            } else {
                try reader.skipValue()
            }
        }
        self.init(try reader.required(amount, "amount"), try reader.required(currency, "currency"))
    }
}

extension OrderLine: JSONReadable {
    public init(json reader: inout JSONByteReader) throws(JSONReadError) {
        var lineNumber: String?
        var buyerItemID: String?
        var sku: SKU?
        var gtin: String?
        var quantity: Decimal?
        var unit: UnitOfMeasure?
        var unitPrice: Money?
        var description: String?
        var requestedShip: CalendarDate?
        var requestedDelivery: CalendarDate?
        var giftWrap: Bool?
        var notes: [Note]?
        var itemQualifiers: ItemQualifiers?
        try reader.beginObject()
        while try reader.nextMember() {
            if reader.isKey("buyerItemID") {
                buyerItemID = try reader.optionalString()
            } else if reader.isKey("description") {
                description = try reader.optionalString()
            } else if reader.isKey("giftWrap") {
                giftWrap = try reader.bool()
            } else if reader.isKey("gtin") {
                gtin = try reader.optionalString()
            } else if reader.isKey("itemQualifiers") {
                itemQualifiers = try reader.optional(ItemQualifiers.self)
            } else if reader.isKey("lineNumber") {
                lineNumber = try reader.string()
            } else if reader.isKey("notes") {
                notes = try reader.array(of: Note.self)
            } else if reader.isKey("quantity") {
                quantity = try reader.decimal()
            } else if reader.isKey("requestedDelivery") {
                requestedDelivery = try reader.optional(CalendarDate.self)
            } else if reader.isKey("requestedShip") {
                requestedShip = try reader.optional(CalendarDate.self)
            } else if reader.isKey("sku") {
                sku = try reader.optional(SKU.self)
            } else if reader.isKey("unit") {
                unit = try reader.read(UnitOfMeasure.self)
            } else if reader.isKey("unitPrice") {
                unitPrice = try reader.optional(Money.self)
            } else {
                try reader.skipValue()
            }
        }
        self.init(
            lineNumber: try reader.required(lineNumber, "lineNumber"), buyerItemID: buyerItemID, sku: sku,
            gtin: gtin, quantity: try reader.required(quantity, "quantity"), unit: try reader.required(unit, "unit"),
            unitPrice: unitPrice, description: description, requestedShip: requestedShip,
            requestedDelivery: requestedDelivery, giftWrap: try reader.required(giftWrap, "giftWrap"),
            notes: try reader.required(notes, "notes"), itemQualifiers: itemQualifiers)
    }
}

extension ItemQualifiers: JSONReadable {
    public init(json reader: inout JSONByteReader) throws(JSONReadError) {
        self.init()
        try reader.beginObject()
        while try reader.nextMember() {
            if reader.isKey("buyer") {
                buyer = try reader.optional(Qualifier.self)
            } else if reader.isKey("gtin") {
                gtin = try reader.optional(Qualifier.self)
            } else if reader.isKey("sku") {
                sku = try reader.optional(Qualifier.self)
            } else {
                try reader.skipValue()
            }
        }
    }
}

extension ItemQualifiers.Qualifier: JSONReadable {
    public init(json reader: inout JSONByteReader) throws(JSONReadError) {
        var code: String?
        var position: Int?
        try reader.beginObject()
        while try reader.nextMember() {
            if reader.isKey("code") {
                code = try reader.string()
            } else if reader.isKey("position") {
                position = try reader.int()
            } else {
                try reader.skipValue()
            }
        }
        self.init(code: try reader.required(code, "code"), position: try reader.required(position, "position"))
    }
}

extension OrderSource: JSONReadable {
    public init(json reader: inout JSONByteReader) throws(JSONReadError) {
        var format: Format?
        var senderID: PartnerIdentity?
        var receiverID: PartnerIdentity?
        var interchangeControl: String?
        var groupControl: String?
        var setControl: String?
        var version: String?
        var origin: String?
        var senderGroupID: String?
        var receiverGroupID: String?
        var usage: String?
        try reader.beginObject()
        while try reader.nextMember() {
            if reader.isKey("format") {
                format = try reader.code(Format.self)
            } else if reader.isKey("groupControl") {
                groupControl = try reader.optionalString()
            } else if reader.isKey("interchangeControl") {
                interchangeControl = try reader.optionalString()
            } else if reader.isKey("origin") {
                origin = try reader.optionalString()
            } else if reader.isKey("receiverGroupID") {
                receiverGroupID = try reader.optionalString()
            } else if reader.isKey("receiverID") {
                receiverID = try reader.optional(PartnerIdentity.self)
            } else if reader.isKey("senderGroupID") {
                senderGroupID = try reader.optionalString()
            } else if reader.isKey("senderID") {
                senderID = try reader.optional(PartnerIdentity.self)
            } else if reader.isKey("setControl") {
                setControl = try reader.optionalString()
            } else if reader.isKey("usage") {
                usage = try reader.optionalString()
            } else if reader.isKey("version") {
                version = try reader.optionalString()
            } else {
                try reader.skipValue()
            }
        }
        self.init(
            format: try reader.required(format, "format"), senderID: senderID, receiverID: receiverID,
            interchangeControl: interchangeControl, groupControl: groupControl, setControl: setControl,
            version: version, origin: origin, senderGroupID: senderGroupID, receiverGroupID: receiverGroupID,
            usage: usage)
    }
}

extension PartnerIdentity: JSONReadable {
    public init(json reader: inout JSONByteReader) throws(JSONReadError) {
        var qualifier: String?
        var id: String?
        try reader.beginObject()
        while try reader.nextMember() {
            if reader.isKey("id") {
                id = try reader.string()
            } else if reader.isKey("qualifier") {
                qualifier = try reader.string()
            } else {
                try reader.skipValue()
            }
        }
        self.init(qualifier: try reader.required(qualifier, "qualifier"), id: try reader.required(id, "id"))
    }
}
