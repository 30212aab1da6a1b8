public import Orders
import Profiles

// The pick ticket read back by hand, member for member as its synthesized `Decodable` conformance reads it: the same
// members required (a missing one is an error naming it), optionals absent or null, unknown members skipped, a bin
// checked as `BinLocation` checks it and an instant parsed as `ZonedInstant` parses it. A DC's pick page reads
// thousands of tickets at once; `JSONDecoder` spent most of the page's first render on them.
// `PickTicketJSONReadingTests` hold it equal to `JSONDecoder` over random tickets with every field present and
// absent, the golden tickets and mangled text. Keep it in step with `PickTicket` when a field is added.

extension PickTicket: JSONReadable {
    public init(json reader: inout JSONByteReader) throws(JSONReadError) {
        var id: String?
        var retailer: RetailerID?
        var retailerName: String?
        var poNumber: PONumber?
        var node: DCID?
        var service: CarrierServiceID?
        var nodeTimeZone: String?
        var retailerTimeZone: String?
        var shipAt: ZonedInstant?
        var shipBy: ZonedInstant?
        var shipByAtNode: ZonedInstant?
        var shipTo: Party?
        var giftMessage: String?
        var lines: [Line]?
        var notes: [Note]?
        var packingSlip: Bool?
        try reader.beginObject()
        while try reader.nextMember() {
            if reader.isKey("giftMessage") {
                giftMessage = try reader.optionalString()
            } else if reader.isKey("id") {
                id = try reader.string()
            } else if reader.isKey("lines") {
                lines = try reader.array(of: Line.self)
            } else if reader.isKey("node") {
                node = try reader.read(DCID.self)
            } else if reader.isKey("nodeTimeZone") {
                nodeTimeZone = try reader.string()
            } else if reader.isKey("notes") {
                notes = try reader.array(of: Note.self)
            } else if reader.isKey("packingSlip") {
                packingSlip = try reader.bool()
            } else if reader.isKey("poNumber") {
                poNumber = try reader.read(PONumber.self)
            } else if reader.isKey("retailer") {
                retailer = try reader.read(RetailerID.self)
            } else if reader.isKey("retailerName") {
                retailerName = try reader.string()
            } else if reader.isKey("retailerTimeZone") {
                retailerTimeZone = try reader.string()
            } else if reader.isKey("service") {
                service = try reader.read(CarrierServiceID.self)
            } else if reader.isKey("shipAt") {
                shipAt = try reader.read(ZonedInstant.self)
            } else if reader.isKey("shipBy") {
                shipBy = try reader.read(ZonedInstant.self)
            } else if reader.isKey("shipByAtNode") {
                shipByAtNode = try reader.read(ZonedInstant.self)
            } else if reader.isKey("shipTo") {
                shipTo = try reader.optional(Party.self)
            } else {
                try reader.skipValue()
            }
        }
        self.id = try reader.member(id, "id")
        self.retailer = try reader.member(retailer, "retailer")
        self.retailerName = try reader.member(retailerName, "retailerName")
        self.poNumber = try reader.member(poNumber, "poNumber")
        self.node = try reader.member(node, "node")
        self.service = try reader.member(service, "service")
        self.nodeTimeZone = try reader.member(nodeTimeZone, "nodeTimeZone")
        self.retailerTimeZone = try reader.member(retailerTimeZone, "retailerTimeZone")
        self.shipAt = try reader.member(shipAt, "shipAt")
        self.shipBy = try reader.member(shipBy, "shipBy")
        self.shipByAtNode = try reader.member(shipByAtNode, "shipByAtNode")
        self.shipTo = shipTo
        self.giftMessage = giftMessage
        self.lines = try reader.member(lines, "lines")
        self.notes = try reader.member(notes, "notes")
        self.packingSlip = try reader.member(packingSlip, "packingSlip")
    }

    /// The ticket its stored JSON holds.
    public init(jsonBytes: [UInt8]) throws(JSONReadError) {
        var reader = JSONByteReader(jsonBytes)
        try self.init(json: &reader)
        try reader.end()
    }
}

extension PickTicket.Line: JSONReadable {
    public init(json reader: inout JSONByteReader) throws(JSONReadError) {
        var lineNumber: String?
        var sku: SKU?
        var upc: String?
        var retailerItemID: String?
        var description: String?
        var quantity: Int?
        var giftWrap: Bool?
        var hazmat: Bool?
        var oversize: Bool?
        var components: [PickTicket.Component]?
        var planned: Int?
        var location: BinLocation?
        try reader.beginObject()
        while try reader.nextMember() {
            if reader.isKey("components") {
                components = reader.takeNull() ? nil : try reader.array(of: PickTicket.Component.self)
            } else if reader.isKey("description") {
                description = try reader.optionalString()
            } else if reader.isKey("giftWrap") {
                giftWrap = try reader.bool()
            } else if reader.isKey("hazmat") {
                hazmat = try reader.bool()
            } else if reader.isKey("lineNumber") {
                lineNumber = try reader.string()
            } else if reader.isKey("location") {
                location = try reader.optionalBin()
            } else if reader.isKey("oversize") {
                oversize = try reader.bool()
            } else if reader.isKey("planned") {
                planned = reader.takeNull() ? nil : try reader.int()
            } else if reader.isKey("quantity") {
                quantity = try reader.int()
            } else if reader.isKey("retailerItemID") {
                retailerItemID = try reader.optionalString()
            } else if reader.isKey("sku") {
                sku = try reader.read(SKU.self)
            } else if reader.isKey("upc") {
                upc = try reader.optionalString()
            } else {
                try reader.skipValue()
            }
        }
        self.lineNumber = try reader.member(lineNumber, "lineNumber")
        self.sku = try reader.member(sku, "sku")
        self.upc = upc
        self.retailerItemID = retailerItemID
        self.description = description
        self.quantity = try reader.member(quantity, "quantity")
        self.giftWrap = try reader.member(giftWrap, "giftWrap")
        self.hazmat = try reader.member(hazmat, "hazmat")
        self.oversize = try reader.member(oversize, "oversize")
        self.components = components
        self.planned = planned
        self.location = location
    }
}

extension PickTicket.Component: JSONReadable {
    public init(json reader: inout JSONByteReader) throws(JSONReadError) {
        var sku: SKU?
        var upc: String?
        var description: String?
        var quantityPerKit: Int?
        var quantity: Int?
        var location: BinLocation?
        try reader.beginObject()
        while try reader.nextMember() {
            if reader.isKey("description") {
                description = try reader.optionalString()
            } else if reader.isKey("location") {
                location = try reader.optionalBin()
            } else if reader.isKey("quantity") {
                quantity = try reader.int()
            } else if reader.isKey("quantityPerKit") {
                quantityPerKit = try reader.int()
            } else if reader.isKey("sku") {
                sku = try reader.read(SKU.self)
            } else if reader.isKey("upc") {
                upc = try reader.optionalString()
            } else {
                try reader.skipValue()
            }
        }
        self.init(
            sku: try reader.member(sku, "sku"), upc: upc, description: description,
            quantityPerKit: try reader.member(quantityPerKit, "quantityPerKit"),
            quantity: try reader.member(quantity, "quantity"), location: location)
    }
}

extension ZonedInstant: JSONReadable {
    /// `description`'s form, parsed as `init(parsing:)` parses it (what `Decodable` reads).
    public init(json reader: inout JSONByteReader) throws(JSONReadError) {
        let start = reader.offset
        let text = try reader.string()
        guard let value = ZonedInstant(parsing: text) else {
            throw JSONReadError(offset: start, expected: "an instant with its offset, not '\(text)'")
        }
        self = value
    }
}

extension JSONByteReader {
    /// `required(_:_:)`, its generic call (across modules, so made at run time: a metadata lookup per member) paid
    /// only when the member is missing, which a stored ticket never is: a DC page reads thousands.
    fileprivate func member<Value>(_ value: Value?, _ key: String) throws(JSONReadError) -> Value {
        if let value { return value }
        return try required(value, key)
    }

    /// A bin, checked as `BinLocation`'s `Decodable` checks it, or nil for `null`.
    fileprivate mutating func optionalBin() throws(JSONReadError) -> BinLocation? {
        if takeNull() { return nil }
        let start = offset
        let text = try string()
        guard let location = BinLocation(checking: text) else {
            throw JSONReadError(offset: start, expected: "a bin, not '\(text)'")
        }
        return location
    }
}
