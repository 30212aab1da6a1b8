/// What each key of a mapping file fills, for `dropgate xml mapping-fields` and the README: the one list of the
/// canonical fields a mapping may name (`orderKeys` and `lineKeys` are checked against it by a test).
extension XMLOrderMapping {
    /// One key a mapping file may have, and what it fills.
    public struct FieldHelp: Hashable, Sendable {
        public var key: String
        public var fills: String
        /// Every match is taken (streets, notes, references), not only the first.
        public var isManyValued: Bool

        init(_ key: String, _ fills: String, many: Bool = false) {
            self.key = key
            self.fills = fills
            isManyValued = many
        }
    }

    /// The structure keys, then the order's fields, its parties' (one block a role), its lines'.
    public static let fieldHelp: [FieldHelp] = {
        var help: [FieldHelp] = [
            FieldHelp("namespace.PREFIX", "declares PREFIX for a namespace URI, for `PREFIX:name` steps"),
            FieldHelp("order", "absolute path (`/root/order`) of the element that is one purchase order; required"),
            FieldHelp("line", "path, from the order, of its line elements; required"),
            FieldHelp("poNumber", "the PO number; required"),
            FieldHelp("purpose", "00/original/new, 01/cancel, 05/replace, 06/confirmation, 07/duplicate"),
            FieldHelp("orderType", "DS/dropship, SA/stand-alone, NE/new-order, anything else is other"),
            FieldHelp("dates.ordered", "order date (YYYY-MM-DD or CCYYMMDD; a time after it is ignored)"),
            FieldHelp("dates.requestedShip", "requested ship date"),
            FieldHelp("dates.requestedDelivery", "requested delivery date"),
            FieldHelp("dates.cancelAfter", "cancel-if-not-shipped-by date"),
            FieldHelp("dates.expectedShip", "the retailer's expected ship date (ESD)"),
            FieldHelp("currency", "ISO 4217 code for prices and the total; USD when absent"),
            FieldHelp("statedTotal", "the order total the retailer states"),
            FieldHelp("sender", "the sender's id; a profile's cXML credential or XML claim names its retailer"),
            FieldHelp("sender.qualifier", "its qualifier; ZZ when absent"),
            FieldHelp("receiver", "the receiver's id (us)"),
            FieldHelp("receiver.qualifier", "its qualifier; ZZ when absent"),
            FieldHelp("payloadID", "the message id, kept as the source's control number (duplicates)"),
            FieldHelp("shipMethod.carrier", "carrier SCAC, matched against the profile's carriers"),
            FieldHelp("shipMethod.service", "service level code"),
            FieldHelp("shipMethod.transport", "transport method code"),
            FieldHelp("shipMethod.routing", "routing text (`Standard Ground`)"),
            FieldHelp("notes.gift", "gift message notes", many: true),
            FieldHelp("notes.packingSlip", "packing slip notes", many: true),
            FieldHelp("notes.shipping", "shipping instructions", many: true),
            FieldHelp("notes.general", "other notes", many: true),
            FieldHelp("reference.QUALIFIER", "a reference with that qualifier (`reference.CO`)", many: true),
        ]
        let party: [(String, String, Bool)] = [
            ("name", "name", false), ("id", "identifier", false),
            ("id.qualifier", "identifier's qualifier; 92 when absent", false),
            ("street", "address lines", true), ("city", "city", false), ("region", "state or province", false),
            ("postalCode", "postal code", false), ("country", "country code (upper-cased)", false),
            ("contact", "contact name", false), ("phone", "contact phone", false), ("email", "contact email", false),
        ]
        for role in ["shipTo", "billTo", "buyer", "soldTo", "shipFrom", "seller", "store"] {
            for (field, fills, many) in party {
                help.append(FieldHelp("\(role).\(field)", "\(role) party: \(fills)", many: many))
            }
        }
        help += [
            FieldHelp("line.number", "line number; the line's position when absent"),
            FieldHelp("line.sku", "our SKU (the vendor part number)"),
            FieldHelp("line.buyerItemID", "the retailer's item id"),
            FieldHelp("line.gtin", "UPC/EAN/GTIN (8, 12, 13 or 14 digits)"),
            FieldHelp("line.quantity", "quantity ordered, a positive number; required"),
            FieldHelp("line.unit", "unit of measure (EA)"),
            FieldHelp("line.unitPrice", "unit price"),
            FieldHelp("line.currency", "the line's currency; the order's when absent"),
            FieldHelp("line.description", "item description"),
            FieldHelp("line.requestedShip", "the line's requested ship date"),
            FieldHelp("line.requestedDelivery", "the line's requested delivery date"),
            FieldHelp("line.giftWrap", "true/yes/y/1 asks for gift wrap"),
            FieldHelp("line.giftMessage", "the line's gift messages", many: true),
            FieldHelp("line.packingSlip", "the line's packing slip notes", many: true),
        ]
        return help
    }()

    /// Every canonical field name a mapping may use, for "did you mean" (not the `PREFIX`/`QUALIFIER` patterns).
    static let fieldNames: [String] = ["order", "line"] + orderKeys.sorted() + lineKeys.sorted()

    /// How paths and `a | b` fallbacks read, for the field listing.
    public static let pathHelp = """
        A mapping file is `KEY: PATH` lines (`#` starts a comment). Paths run from each `order:` element
        (`line.*` paths from each `line:` element): steps separated by `/`, each `name`, `prefix:name` (a
        declared namespace) or `*:name` (any namespace), with at most one predicate `[child='value']` or
        `[@attribute='value']`; the last step may be `@attribute`; `'text'` is a literal.
        Fallbacks: `a | b | 'text'` tries each alternative in order and the first that matches fills the
        field; for fields marked * (many values) every match of every alternative is taken, in order.
        """
}
