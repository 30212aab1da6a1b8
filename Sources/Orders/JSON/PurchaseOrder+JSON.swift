public import Foundation

extension PurchaseOrder.Purpose: JSONWritable {}
extension PurchaseOrder.OrderType: JSONWritable {}
extension Party.Role: JSONWritable {}
extension Note.Kind: JSONWritable {}
extension OrderSource.Format: JSONWritable {}

/// The canonical order's JSON written by hand, member for member what its `encode(to:)` writes, in the UTF-8 order
/// of the keys (as `JSONEncoder`'s `.sortedKeys`): one writer for both layouts, the compact record the store keeps
/// and the pretty text `x12 po` prints. Keep it in step when a field is added: `SortedJSONTests` holds it byte for
/// byte to `JSONEncoder` and `CompactJSONWritableTests` to the `Codable` path, over random orders with every field
/// present and absent, the fixtures and the corpus.
extension PurchaseOrder: JSONWritable {
    public func writeJSON(to writer: JSONByteWriter) throws {
        try writer.object {
            try writer.member("currency", currency)
            try writer.member("dates", dates)
            try writer.member("lines", lines)
            try writer.member("notes", notes)
            try writer.member("orderType", orderType)
            try writer.member("parties", parties)
            try writer.member("poNumber", poNumber)
            try writer.member("purpose", purpose)
            try writer.member("references", references)
            try writer.member("retailer", retailer)
            try writer.member("shipMethod", shipMethod)
            try writer.member("source", source)
            try writer.member("statedTotal", statedTotal)
        }
    }
}

extension OrderDates: JSONWritable {
    public func writeJSON(to writer: JSONByteWriter) throws {
        try writer.object {
            try writer.member("cancelAfter", cancelAfter)
            try writer.member("expectedShip", expectedShip)
            try writer.member("ordered", ordered)
            try writer.member("requestedDelivery", requestedDelivery)
            try writer.member("requestedShip", requestedShip)
        }
    }
}

extension CalendarDate: JSONWritable {
    public func writeJSON(to writer: JSONByteWriter) throws { writer.string(description) }
}

extension Party: JSONWritable {
    public func writeJSON(to writer: JSONByteWriter) throws {
        try writer.object {
            try writer.member("address", address)
            try writer.member("contact", contact)
            try writer.member("identifier", identifier)
            writer.member("name", name)
            try writer.member("role", role)
        }
    }
}

extension PartyIdentifier: JSONWritable {
    public func writeJSON(to writer: JSONByteWriter) {
        writer.object {
            writer.member("qualifier", qualifier)
            writer.member("value", value)
        }
    }
}

extension Address: JSONWritable {
    public func writeJSON(to writer: JSONByteWriter) {
        writer.object {
            writer.member("city", city)
            writer.member("country", country)
            writer.member("lines", lines)
            writer.member("postalCode", postalCode)
            writer.member("region", region)
        }
    }
}

extension Contact: JSONWritable {
    public func writeJSON(to writer: JSONByteWriter) {
        writer.object {
            writer.member("email", email)
            writer.member("name", name)
            writer.member("phone", phone)
        }
    }
}

extension ShipMethod: JSONWritable {
    public func writeJSON(to writer: JSONByteWriter) {
        writer.object {
            writer.member("carrierSCAC", carrierSCAC)
            writer.member("routing", routing)
            writer.member("serviceLevel", serviceLevel)
            writer.member("transportMethod", transportMethod)
        }
    }
}

extension Reference: JSONWritable {
    public func writeJSON(to writer: JSONByteWriter) {
        writer.object {
            writer.member("description", description)
            writer.member("qualifier", qualifier)
            writer.member("value", value)
        }
    }
}

extension Note: JSONWritable {
    public func writeJSON(to writer: JSONByteWriter) throws {
        try writer.object {
            try writer.member("kind", kind)
            writer.member("text", text)
        }
    }
}

extension Money: JSONWritable {
    public func writeJSON(to writer: JSONByteWriter) throws {
        try writer.object {
            writer.member("amount", amount)
            try writer.member("currency", currency)
        }
    }
}

extension OrderLine: JSONWritable {
    public func writeJSON(to writer: JSONByteWriter) throws {
        try writer.object {
            writer.member("buyerItemID", buyerItemID)
            writer.member("description", description)
            writer.member("giftWrap", giftWrap)
            writer.member("gtin", gtin)
            try writer.member("itemQualifiers", itemQualifiers)
            writer.member("lineNumber", lineNumber)
            try writer.member("notes", notes)
            writer.member("quantity", quantity)
            try writer.member("requestedDelivery", requestedDelivery)
            try writer.member("requestedShip", requestedShip)
            try writer.member("sku", sku)
            try writer.member("unit", unit)
            try writer.member("unitPrice", unitPrice)
        }
    }
}

extension ItemQualifiers: JSONWritable {
    public func writeJSON(to writer: JSONByteWriter) throws {
        try writer.object {
            try writer.member("buyer", buyer)
            try writer.member("gtin", gtin)
            try writer.member("sku", sku)
        }
    }
}

extension ItemQualifiers.Qualifier: JSONWritable {
    public func writeJSON(to writer: JSONByteWriter) {
        writer.object {
            writer.member("code", code)
            writer.member("position", position)
        }
    }
}

extension OrderSource: JSONWritable {
    public func writeJSON(to writer: JSONByteWriter) throws {
        try writer.object {
            try writer.member("format", format)
            writer.member("groupControl", groupControl)
            writer.member("interchangeControl", interchangeControl)
            writer.member("origin", origin)
            writer.member("receiverGroupID", receiverGroupID)
            try writer.member("receiverID", receiverID)
            writer.member("senderGroupID", senderGroupID)
            try writer.member("senderID", senderID)
            writer.member("setControl", setControl)
            writer.member("usage", usage)
            writer.member("version", version)
        }
    }
}

extension PartnerIdentity: JSONWritable {
    public func writeJSON(to writer: JSONByteWriter) {
        writer.object {
            writer.member("id", id)
            writer.member("qualifier", qualifier)
        }
    }
}
