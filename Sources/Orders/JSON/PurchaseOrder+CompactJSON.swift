/// The canonical order's JSON written by hand, member for member what its synthesized `encode(to:)` writes (and
/// `OrderSource`'s own): keep the two in step when a field is added. `CompactJSONWritableTests` fails on any
/// difference, over random orders with every field present and absent.
extension PurchaseOrder: CompactJSONWritable {
    public func writeCompactJSON(to writer: CompactJSONWriter) {
        writer.object {
            writer.member("retailer", retailer)
            writer.member("poNumber", poNumber)
            writer.member("purpose", purpose)
            writer.member("orderType", orderType)
            writer.member("dates", dates)
            writer.member("parties", parties)
            writer.member("shipMethod", shipMethod)
            writer.member("references", references)
            writer.member("notes", notes)
            writer.member("currency", currency)
            writer.member("lines", lines)
            writer.member("statedTotal", statedTotal)
            writer.member("source", source)
        }
    }
}

extension PurchaseOrder.Purpose: CompactJSONWritable {}
extension PurchaseOrder.OrderType: CompactJSONWritable {}
extension Party.Role: CompactJSONWritable {}
extension Note.Kind: CompactJSONWritable {}
extension OrderSource.Format: CompactJSONWritable {}

extension OrderDates: CompactJSONWritable {
    public func writeCompactJSON(to writer: CompactJSONWriter) {
        writer.object {
            writer.member("ordered", ordered)
            writer.member("requestedShip", requestedShip)
            writer.member("requestedDelivery", requestedDelivery)
            writer.member("cancelAfter", cancelAfter)
            writer.member("expectedShip", expectedShip)
        }
    }
}

extension CalendarDate: CompactJSONWritable {
    public func writeCompactJSON(to writer: CompactJSONWriter) { writer.string(description) }
}

extension Party: CompactJSONWritable {
    public func writeCompactJSON(to writer: CompactJSONWriter) {
        writer.object {
            writer.member("role", role)
            writer.member("name", name)
            writer.member("identifier", identifier)
            writer.member("address", address)
            writer.member("contact", contact)
        }
    }
}

extension PartyIdentifier: CompactJSONWritable {
    public func writeCompactJSON(to writer: CompactJSONWriter) {
        writer.object {
            writer.member("qualifier", qualifier)
            writer.member("value", value)
        }
    }
}

extension Address: CompactJSONWritable {
    public func writeCompactJSON(to writer: CompactJSONWriter) {
        writer.object {
            writer.member("lines", lines)
            writer.member("city", city)
            writer.member("region", region)
            writer.member("postalCode", postalCode)
            writer.member("country", country)
        }
    }
}

extension Contact: CompactJSONWritable {
    public func writeCompactJSON(to writer: CompactJSONWriter) {
        writer.object {
            writer.member("name", name)
            writer.member("phone", phone)
            writer.member("email", email)
        }
    }
}

extension ShipMethod: CompactJSONWritable {
    public func writeCompactJSON(to writer: CompactJSONWriter) {
        writer.object {
            writer.member("carrierSCAC", carrierSCAC)
            writer.member("serviceLevel", serviceLevel)
            writer.member("transportMethod", transportMethod)
            writer.member("routing", routing)
        }
    }
}

extension Reference: CompactJSONWritable {
    public func writeCompactJSON(to writer: CompactJSONWriter) {
        writer.object {
            writer.member("qualifier", qualifier)
            writer.member("value", value)
            writer.member("description", description)
        }
    }
}

extension Note: CompactJSONWritable {
    public func writeCompactJSON(to writer: CompactJSONWriter) {
        writer.object {
            writer.member("kind", kind)
            writer.member("text", text)
        }
    }
}

extension Money: CompactJSONWritable {
    public func writeCompactJSON(to writer: CompactJSONWriter) {
        writer.object {
            writer.member("amount", amount)
            writer.member("currency", currency)
        }
    }
}

extension OrderLine: CompactJSONWritable {
    public func writeCompactJSON(to writer: CompactJSONWriter) {
        writer.object {
            writer.member("lineNumber", lineNumber)
            writer.member("buyerItemID", buyerItemID)
            writer.member("sku", sku)
            writer.member("gtin", gtin)
            writer.member("quantity", quantity)
            writer.member("unit", unit)
            writer.member("unitPrice", unitPrice)
            writer.member("description", description)
            writer.member("requestedShip", requestedShip)
            writer.member("requestedDelivery", requestedDelivery)
            writer.member("giftWrap", giftWrap)
            writer.member("notes", notes)
            writer.member("itemQualifiers", itemQualifiers)
        }
    }
}

extension ItemQualifiers: CompactJSONWritable {
    public func writeCompactJSON(to writer: CompactJSONWriter) {
        writer.object {
            writer.member("buyer", buyer)
            writer.member("sku", sku)
            writer.member("gtin", gtin)
        }
    }
}

extension ItemQualifiers.Qualifier: CompactJSONWritable {
    public func writeCompactJSON(to writer: CompactJSONWriter) {
        writer.object {
            writer.member("code", code)
            writer.member("position", position)
        }
    }
}

extension OrderSource: CompactJSONWritable {
    public func writeCompactJSON(to writer: CompactJSONWriter) {
        writer.object {
            writer.member("format", format)
            writer.member("senderID", senderID)
            writer.member("receiverID", receiverID)
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

extension PartnerIdentity: CompactJSONWritable {
    public func writeCompactJSON(to writer: CompactJSONWriter) {
        writer.object {
            writer.member("qualifier", qualifier)
            writer.member("id", id)
        }
    }
}
