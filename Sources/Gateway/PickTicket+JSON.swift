public import Orders

/// A pick ticket's JSON written by hand, member for member what its synthesized `encode(to:)` writes (nils left out),
/// in the UTF-8 order of the keys: the outbox's pick-ticket document, laid out as `JSONEncoder`'s
/// `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]` lays it out without its tree of boxes (a twentieth of a
/// durable ingest went to that encoder). Keep it in step when a field is added: `PickTicketJSONTests` holds it byte
/// for byte to `JSONEncoder` over the sample inbox's tickets and kit tickets with bins.
extension PickTicket: JSONWritable {
    public func writeJSON(to writer: JSONByteWriter) throws {
        try writer.object {
            writer.member("giftMessage", giftMessage)
            writer.member("id", id)
            try writer.member("lines", lines)
            try writer.member("node", node)
            writer.member("nodeTimeZone", nodeTimeZone)
            try writer.member("notes", notes)
            writer.member("packingSlip", packingSlip)
            try writer.member("poNumber", poNumber)
            try writer.member("retailer", retailer)
            writer.member("retailerName", retailerName)
            writer.member("retailerTimeZone", retailerTimeZone)
            try writer.member("service", service)
            try writer.member("shipAt", shipAt)
            try writer.member("shipBy", shipBy)
            try writer.member("shipByAtNode", shipByAtNode)
            try writer.member("shipTo", shipTo)
        }
    }

    /// The ticket as the outbox keeps it: pretty-printed JSON and a line break.
    func outboxJSON() throws -> [UInt8] {
        let writer = JSONByteWriter(layout: .pretty(escapesSlashes: false))
        try writer.value(self)
        writer.newLine()
        return writer.bytes
    }
}

extension PickTicket.Line: JSONWritable {
    public func writeJSON(to writer: JSONByteWriter) throws {
        try writer.object {
            if let components { try writer.member("components", components) }
            writer.member("description", description)
            writer.member("giftWrap", giftWrap)
            writer.member("hazmat", hazmat)
            writer.member("lineNumber", lineNumber)
            try writer.member("location", location)
            writer.member("oversize", oversize)
            writer.member("planned", planned)
            writer.member("quantity", quantity)
            writer.member("retailerItemID", retailerItemID)
            try writer.member("sku", sku)
            writer.member("upc", upc)
        }
    }
}

extension PickTicket.Component: JSONWritable {
    public func writeJSON(to writer: JSONByteWriter) throws {
        try writer.object {
            writer.member("description", description)
            try writer.member("location", location)
            writer.member("quantity", quantity)
            writer.member("quantityPerKit", quantityPerKit)
            try writer.member("sku", sku)
            writer.member("upc", upc)
        }
    }
}

extension ZonedInstant: JSONWritable {
    /// As its `encode(to:)` writes it: its description.
    public func writeJSON(to writer: JSONByteWriter) { writer.string(description) }
}
