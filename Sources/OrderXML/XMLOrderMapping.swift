import Foundation
import Orders

/// A declarative mapping from a retailer's own XML purchase order to the canonical order, so that a new retailer's
/// XML is onboarded with a file instead of code. A retailer profile names the mapping file.
///
/// The file is `key: path` lines (`#` starts a comment). `namespace.PREFIX: URI` declares a prefix; `order:` is
/// the absolute path of the element that is one purchase order (repeated for a batch); `line:` is the path, from
/// the order, of its line elements; every other key names a canonical field and the path, from the order (or from
/// the line for `line.*` keys), of the text that fills it. See `MappingPath` for the path syntax and
/// `fieldHelp` (printed by `dropgate xml mapping-fields`) for the fields. `fixtures/xml-mappings/` has examples.
public struct XMLOrderMapping: Hashable, Sendable {
    /// The mapping's name (its file name, say), put in `OrderSource.version` as `mapping:NAME`.
    public var name: String
    var record: MappingPath
    var line: MappingPath
    var fields: [String: MappingPath]
    /// The prefixes the file declares, for paths written against it (a profile's sender test).
    var namespaces: [String: String]

    static let partyRoles: [String: Party.Role] = [
        "shipTo": .shipTo, "billTo": .billTo, "buyer": .buyer, "shipFrom": .shipFrom, "soldTo": .soldTo,
        "seller": .seller, "store": .store,
    ]
    static let partyFields = [
        "name", "id", "id.qualifier", "street", "city", "region", "postalCode", "country",
        "contact", "phone", "email",
    ]
    /// Canonical order fields a mapping may fill (`reference.QUALIFIER` too).
    public static let orderKeys: Set<String> = Set(
        [
            "poNumber", "purpose", "orderType", "dates.ordered", "dates.requestedShip", "dates.requestedDelivery",
            "dates.cancelAfter", "dates.expectedShip", "currency", "statedTotal", "sender", "sender.qualifier",
            "receiver", "receiver.qualifier", "payloadID", "shipMethod.carrier", "shipMethod.service",
            "shipMethod.transport", "shipMethod.routing", "notes.gift", "notes.packingSlip", "notes.shipping",
            "notes.general",
        ] + partyRoles.keys.flatMap { role in partyFields.map { role + "." + $0 } })
    /// Canonical line fields, relative to each `line:` element.
    public static let lineKeys: Set<String> = [
        "line.number", "line.sku", "line.buyerItemID", "line.gtin", "line.quantity", "line.unit", "line.unitPrice",
        "line.currency", "line.description", "line.requestedShip", "line.requestedDelivery", "line.giftWrap",
        "line.giftMessage", "line.packingSlip",
    ]

    /// Parses a mapping. Errors are `.invalidMapping` with the mapping file's line.
    public init(parsing text: String, name: String) throws(OrderXMLError) {
        self.name = name
        var namespaces: [String: String] = [:]
        var entries: [(key: String, value: String, line: Int)] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = Substring(rawLine)
            if let hash = line.firstIndex(of: "#"), !line[..<hash].contains("'") { line = line[..<hash] }
            let trimmed = line.trimmingXMLWhitespace()
            if trimmed.isEmpty { continue }
            guard
                let colon = trimmed.range(of: ": ")
                    ?? (trimmed.hasSuffix(":") ? trimmed.range(of: ":", options: .backwards) : nil)
            else {
                throw OrderXMLError(.invalidMapping("expected `key: path`"), line: index + 1)
            }
            let key = trimmed[..<colon.lowerBound].trimmingXMLWhitespace()
            let value = trimmed[colon.upperBound...].trimmingXMLWhitespace()
            if key.hasPrefix("namespace.") {
                namespaces[String(key.dropFirst("namespace.".count))] = value
            } else {
                entries.append((key, value, index + 1))
            }
        }
        var record: MappingPath?
        var linePath: MappingPath?
        var fields: [String: MappingPath] = [:]
        for entry in entries {
            let path: MappingPath
            do {
                path = try MappingPath(parsing: entry.value, namespaces: namespaces)
            } catch {
                throw OrderXMLError(.invalidMapping(error.message), line: entry.line, field: entry.key)
            }
            switch entry.key {
            case "order":
                guard entry.value.hasPrefix("/") else {
                    throw OrderXMLError(.invalidMapping("order: must be an absolute path"), line: entry.line)
                }
                record = path
            case "line": linePath = path
            case let key
            where XMLOrderMapping.orderKeys.contains(key) || XMLOrderMapping.lineKeys.contains(key)
                || (key.hasPrefix("reference.") && key.count > "reference.".count):
                guard fields[key] == nil else {
                    throw OrderXMLError(.invalidMapping("field mapped twice"), line: entry.line, field: key)
                }
                fields[key] = path
            default:
                var why = "unknown canonical field"
                if let near = nearest(to: entry.key, in: XMLOrderMapping.fieldNames) {
                    why += "; did you mean `\(near)`?"
                }
                why += " (`dropgate xml mapping-fields` lists them)"
                throw OrderXMLError(.invalidMapping(why), line: entry.line, field: entry.key)
            }
        }
        guard let record else { throw OrderXMLError(.invalidMapping("no `order:` path")) }
        guard let linePath else { throw OrderXMLError(.invalidMapping("no `line:` path")) }
        for required in ["poNumber", "line.quantity"] where fields[required] == nil {
            throw OrderXMLError(.invalidMapping("required field not mapped"), field: required)
        }
        self.record = record
        self.line = linePath
        self.fields = fields
        self.namespaces = namespaces
    }

    /// Reads a mapping file.
    public init(contentsOfFile path: String) throws(OrderXMLError) {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else {
            throw OrderXMLError(.unreadable("cannot read mapping file"), value: path)
        }
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        try self.init(parsing: text, name: name)
    }

    func isRecord(_ ancestors: [(String, String?)]) -> Bool {
        record.matchesAbsolute(ancestors.map { (name: $0.0, namespaceURI: $0.1) })
    }

    func purchaseOrder(from order: LocatedElement, origin: String?) throws(OrderXMLError) -> PurchaseOrder {
        let reader = FieldReader(fields: fields, scope: order, fieldPrefix: "")
        let poNumber = try reader.required("poNumber")
        let currency = try reader.value("currency").map { CurrencyCode($0.text) } ?? .usd
        var sender: PartnerIdentity?
        if let id = try reader.value("sender") {
            sender = PartnerIdentity(qualifier: try reader.value("sender.qualifier")?.text ?? "ZZ", id: id.text)
        }
        var receiver: PartnerIdentity?
        if let id = try reader.value("receiver") {
            receiver = PartnerIdentity(qualifier: try reader.value("receiver.qualifier")?.text ?? "ZZ", id: id.text)
        }
        var result = PurchaseOrder(
            poNumber: PONumber(poNumber.text), currency: currency,
            source: OrderSource(
                format: .mappedXML, senderID: sender, receiverID: receiver,
                interchangeControl: try reader.value("payloadID")?.text, version: "mapping:" + name, origin: origin))
        if let purpose = try reader.value("purpose") {
            switch purpose.text.lowercased() {
            case "00", "original", "new": result.purpose = .original
            case "01", "cancel", "cancellation", "delete": result.purpose = .cancellation
            case "05", "replace", "update", "change": result.purpose = .replace
            case "06", "confirmation": result.purpose = .confirmation
            case "07", "duplicate": result.purpose = .duplicate
            default: throw reader.invalid("purpose", purpose, "not a known purpose code")
            }
        }
        if let type = try reader.value("orderType") {
            switch type.text.uppercased() {
            case "DS", "DROPSHIP": result.orderType = .dropship
            case "SA", "STAND-ALONE": result.orderType = .standAlone
            case "NE", "NEW-ORDER": result.orderType = .newOrder
            default: result.orderType = .other
            }
        }
        result.dates = OrderDates(
            ordered: try reader.date("dates.ordered"), requestedShip: try reader.date("dates.requestedShip"),
            requestedDelivery: try reader.date("dates.requestedDelivery"),
            cancelAfter: try reader.date("dates.cancelAfter"),
            expectedShip: try reader.date("dates.expectedShip"))
        result.statedTotal = try reader.money("statedTotal", currency: currency)
        let carrier = try reader.value("shipMethod.carrier")?.text
        let service = try reader.value("shipMethod.service")?.text
        let transport = try reader.value("shipMethod.transport")?.text
        let routing = try reader.value("shipMethod.routing")?.text
        if carrier != nil || service != nil || transport != nil || routing != nil {
            result.shipMethod = ShipMethod(
                carrierSCAC: carrier, serviceLevel: service, transportMethod: transport, routing: routing)
        }
        for (key, kind) in [
            ("notes.gift", Note.Kind.giftMessage), ("notes.packingSlip", .packingSlip),
            ("notes.shipping", .shippingInstructions), ("notes.general", .general),
        ] {
            for match in reader.all(key) { result.notes.append(Note(kind: kind, text: match.text)) }
        }
        for key in fields.keys.sorted() where key.hasPrefix("reference.") {
            for match in reader.all(key) {
                result.references.append(
                    Reference(qualifier: String(key.dropFirst("reference.".count)), value: match.text))
            }
        }
        for (roleName, role) in XMLOrderMapping.partyRoles.sorted(by: { $0.key < $1.key }) {
            if let party = try reader.party(roleName, role) { result.parties.append(party) }
        }
        result.parties.sort { ($0.role == .shipTo ? 0 : 1) < ($1.role == .shipTo ? 0 : 1) }
        let lineElements = line.elements(in: order)
        guard !lineElements.isEmpty else {
            throw OrderXMLError(
                .missingField, line: order.line, elementPath: order.path + "/" + line.source, field: "lines")
        }
        for (index, element) in lineElements.enumerated() {
            let lineReader = FieldReader(fields: fields, scope: element, fieldPrefix: "lines[\(index + 1)].")
            result.lines.append(try lineReader.orderLine(position: index + 1, currency: currency))
        }
        return result
    }
}

/// Reads the mapped fields of one scope (an order, or one of its lines), turning paths into canonical values and
/// failures into errors that name the field and the element.
private struct FieldReader {
    var fields: [String: MappingPath]
    var scope: LocatedElement
    /// `lines[2].` for line fields, so errors name the canonical field.
    var fieldPrefix: String

    func canonicalName(_ key: String) -> String {
        fieldPrefix + (key.hasPrefix("line.") ? String(key.dropFirst(5)) : key)
    }

    func value(_ key: String) throws(OrderXMLError) -> MappingPath.Match? {
        guard let path = fields[key] else { return nil }
        return path.first(in: scope)
    }

    func all(_ key: String) -> [MappingPath.Match] {
        fields[key]?.matches(in: scope).flatMap { $0 } ?? []
    }

    func required(_ key: String) throws(OrderXMLError) -> MappingPath.Match {
        guard let match = try value(key) else {
            throw OrderXMLError(
                .missingField, line: scope.line, elementPath: scope.path + "/" + (fields[key]?.source ?? ""),
                field: canonicalName(key))
        }
        return match
    }

    func invalid(_ key: String, _ match: MappingPath.Match, _ why: String) -> OrderXMLError {
        OrderXMLError(
            .invalidValue(why), line: match.line, elementPath: match.path, field: canonicalName(key), value: match.text)
    }

    func date(_ key: String) throws(OrderXMLError) -> CalendarDate? {
        guard let match = try value(key) else { return nil }
        guard let date = CalendarDate(parsing: match.text) else {
            throw invalid(key, match, "not a date (YYYY-MM-DD or CCYYMMDD)")
        }
        return date
    }

    func decimal(_ key: String) throws(OrderXMLError) -> Decimal? {
        guard let match = try value(key) else { return nil }
        guard let number = CXMLOrderRequestMapper.decimal(match.text) else {
            throw invalid(key, match, "not a decimal number")
        }
        return number
    }

    func money(_ key: String, currency: CurrencyCode) throws(OrderXMLError) -> Money? {
        guard let match = try value(key) else { return nil }
        guard let amount = CXMLOrderRequestMapper.decimal(match.text) else {
            throw invalid(key, match, "not a decimal amount")
        }
        return Money(amount, currency)
    }

    func party(_ roleName: String, _ role: Party.Role) throws(OrderXMLError) -> Party? {
        let keys = XMLOrderMapping.partyFields.map { roleName + "." + $0 }
        guard keys.contains(where: { fields[$0] != nil }) else { return nil }
        func text(_ field: String) throws(OrderXMLError) -> String? { try value(roleName + "." + field)?.text }
        let streets = all(roleName + ".street").map(\.text)
        let city = try text("city")
        let region = try text("region")
        let postalCode = try text("postalCode")
        let country = try text("country")?.uppercased()
        let name = try text("name")
        let id = try text("id")
        let contact = Contact(name: try text("contact"), phone: try text("phone"), email: try text("email"))
        if name == nil, id == nil, streets.isEmpty, city == nil, postalCode == nil, contact == Contact() { return nil }
        var party = Party(role: role, name: name)
        if let id { party.identifier = PartyIdentifier(qualifier: try text("id.qualifier") ?? "92", value: id) }
        if !streets.isEmpty || city != nil || region != nil || postalCode != nil || country != nil {
            party.address = Address(
                lines: streets, city: city, region: region, postalCode: postalCode, country: country)
        }
        if contact != Contact() { party.contact = contact }
        return party
    }

    func orderLine(position: Int, currency: CurrencyCode) throws(OrderXMLError) -> OrderLine {
        let quantityMatch = try required("line.quantity")
        guard let quantity = CXMLOrderRequestMapper.decimal(quantityMatch.text), quantity > 0 else {
            throw invalid("line.quantity", quantityMatch, "quantity is not a positive number")
        }
        let lineCurrency = try value("line.currency").map { CurrencyCode($0.text) } ?? currency
        var line = OrderLine(lineNumber: try value("line.number")?.text ?? String(position), quantity: quantity)
        line.sku = try value("line.sku").map { SKU($0.text) }
        line.buyerItemID = try value("line.buyerItemID")?.text
        if let gtin = try value("line.gtin") {
            guard CXMLOrderRequestMapper.isGTIN(gtin.text) else {
                throw invalid("line.gtin", gtin, "not an 8, 12, 13 or 14 digit GTIN")
            }
            line.gtin = gtin.text
        }
        if let unit = try value("line.unit") { line.unit = UnitOfMeasure(unit.text) }
        line.unitPrice = try money("line.unitPrice", currency: lineCurrency)
        line.description = try value("line.description")?.text
        line.requestedShip = try date("line.requestedShip")
        line.requestedDelivery = try date("line.requestedDelivery")
        if let wrap = try value("line.giftWrap") {
            line.giftWrap = ["true", "yes", "y", "1"].contains(wrap.text.lowercased())
        }
        for match in all("line.giftMessage") { line.notes.append(Note(kind: .giftMessage, text: match.text)) }
        for match in all("line.packingSlip") { line.notes.append(Note(kind: .packingSlip, text: match.text)) }
        return line
    }
}
