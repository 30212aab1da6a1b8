/// The canonical order's JSON written by hand, member for member what its synthesized `encode(to:)` writes (and
/// `OrderSource`'s own): keep the two in step when a field is added. `CompactJSONWritableTests` fails on any
/// difference, over random orders with every field present and absent.
extension PurchaseOrder: JSONWritable {
    public func writeCompactJSON(to writer: JSONByteWriter) throws {
        try writer.object {
            try writer.member("retailer", retailer)
            try writer.member("poNumber", poNumber)
            try writer.member("purpose", purpose)
            try writer.member("orderType", orderType)
            try writer.member("dates", dates)
            try writer.member("parties", parties)
            try writer.member("shipMethod", shipMethod)
            try writer.member("references", references)
            try writer.member("notes", notes)
            try writer.member("currency", currency)
            try writer.member("lines", lines)
            try writer.member("statedTotal", statedTotal)
            try writer.member("source", source)
        }
    }
}

extension PurchaseOrder.Purpose: JSONWritable {}
extension PurchaseOrder.OrderType: JSONWritable {}
extension Party.Role: JSONWritable {}
extension Note.Kind: JSONWritable {}
extension OrderSource.Format: JSONWritable {}

extension OrderDates: JSONWritable {
    public func writeCompactJSON(to writer: JSONByteWriter) throws {
        try writer.object {
            try writer.member("ordered", ordered)
            try writer.member("requestedShip", requestedShip)
            try writer.member("requestedDelivery", requestedDelivery)
            try writer.member("cancelAfter", cancelAfter)
            try writer.member("expectedShip", expectedShip)
        }
    }
}

extension CalendarDate: JSONWritable {
    public func writeCompactJSON(to writer: JSONByteWriter) throws { writer.string(description) }
}

extension Party: JSONWritable {
    public func writeCompactJSON(to writer: JSONByteWriter) throws {
        try writer.object {
            try writer.member("role", role)
            writer.member("name", name)
            try writer.member("identifier", identifier)
            try writer.member("address", address)
            try writer.member("contact", contact)
        }
    }
}

extension PartyIdentifier: JSONWritable {
    public func writeCompactJSON(to writer: JSONByteWriter) {
        writer.object {
            writer.member("qualifier", qualifier)
            writer.member("value", value)
        }
    }
}

extension Address: JSONWritable {
    public func writeCompactJSON(to writer: JSONByteWriter) {
        writer.object {
            writer.member("lines", lines)
            writer.member("city", city)
            writer.member("region", region)
            writer.member("postalCode", postalCode)
            writer.member("country", country)
        }
    }
}

extension Contact: JSONWritable {
    public func writeCompactJSON(to writer: JSONByteWriter) {
        writer.object {
            writer.member("name", name)
            writer.member("phone", phone)
            writer.member("email", email)
        }
    }
}

extension ShipMethod: JSONWritable {
    public func writeCompactJSON(to writer: JSONByteWriter) {
        writer.object {
            writer.member("carrierSCAC", carrierSCAC)
            writer.member("serviceLevel", serviceLevel)
            writer.member("transportMethod", transportMethod)
            writer.member("routing", routing)
        }
    }
}

extension Reference: JSONWritable {
    public func writeCompactJSON(to writer: JSONByteWriter) {
        writer.object {
            writer.member("qualifier", qualifier)
            writer.member("value", value)
            writer.member("description", description)
        }
    }
}

extension Note: JSONWritable {
    public func writeCompactJSON(to writer: JSONByteWriter) throws {
        try writer.object {
            try writer.member("kind", kind)
            writer.member("text", text)
        }
    }
}

extension Money: JSONWritable {
    public func writeCompactJSON(to writer: JSONByteWriter) throws {
        try writer.object {
            writer.member("amount", amount)
            try writer.member("currency", currency)
        }
    }
}

extension OrderLine: JSONWritable {
    public func writeCompactJSON(to writer: JSONByteWriter) throws {
        try writer.object {
            writer.member("lineNumber", lineNumber)
            writer.member("buyerItemID", buyerItemID)
            try writer.member("sku", sku)
            writer.member("gtin", gtin)
            writer.member("quantity", quantity)
            try writer.member("unit", unit)
            try writer.member("unitPrice", unitPrice)
            writer.member("description", description)
            try writer.member("requestedShip", requestedShip)
            try writer.member("requestedDelivery", requestedDelivery)
            writer.member("giftWrap", giftWrap)
            try writer.member("notes", notes)
            try writer.member("itemQualifiers", itemQualifiers)
        }
    }
}

extension ItemQualifiers: JSONWritable {
    public func writeCompactJSON(to writer: JSONByteWriter) throws {
        try writer.object {
            try writer.member("buyer", buyer)
            try writer.member("sku", sku)
            try writer.member("gtin", gtin)
        }
    }
}

extension ItemQualifiers.Qualifier: JSONWritable {
    public func writeCompactJSON(to writer: JSONByteWriter) {
        writer.object {
            writer.member("code", code)
            writer.member("position", position)
        }
    }
}

extension OrderSource: JSONWritable {
    public func writeCompactJSON(to writer: JSONByteWriter) throws {
        try writer.object {
            try writer.member("format", format)
            try writer.member("senderID", senderID)
            try writer.member("receiverID", receiverID)
            writer.member("interchangeControl", interchangeControl)
            writer.member("groupControl", groupControl)
            writer.member("setControl", setControl)
            writer.member("version", version)
            writer.member("origin", origin)
            writer.member("senderGroupID", senderGroupID)
            writer.member("receiverGroupID", receiverGroupID)
            writer.member("usage", usage)
        }
    }
}

extension PartnerIdentity: JSONWritable {
    public func writeCompactJSON(to writer: JSONByteWriter) {
        writer.object {
            writer.member("qualifier", qualifier)
            writer.member("id", id)
        }
    }
}
