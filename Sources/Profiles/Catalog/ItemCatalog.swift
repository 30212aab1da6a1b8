public import Foundation
public import Orders

/// One of our items, as `items.csv` describes it.
public struct Item: Hashable, Sendable, Codable {
    public var sku: SKU
    public var upc: String
    public var description: String
    public var weightPounds: Decimal
    /// Length, width, height in inches.
    public var dimensionsInches: [Decimal]
    public var oversize: Bool
    public var hazmat: Bool
    public var giftWrap: Bool
    public var unitCost: Money

    public init(
        sku: SKU, upc: String, description: String = "", weightPounds: Decimal = 1,
        dimensionsInches: [Decimal] = [1, 1, 1], oversize: Bool = false, hazmat: Bool = false,
        giftWrap: Bool = false, unitCost: Money = Money(0, .usd)
    ) {
        self.sku = sku
        self.upc = upc
        self.description = description
        self.weightPounds = weightPounds
        self.dimensionsInches = dimensionsInches
        self.oversize = oversize
        self.hazmat = hazmat
        self.giftWrap = giftWrap
        self.unitCost = unitCost
    }
}

/// The items we sell, by SKU and by GTIN, for resolving PO lines that name only a UPC; and which of them are kits
/// of others (`kits.csv`, see `ItemCatalog+Kits.swift`).
public struct ItemCatalog: Hashable, Sendable, Codable {
    public private(set) var items: [SKU: Item]
    private var skuByGTIN: [String: SKU]
    /// The components of each kit, in `kits.csv` order. A kit is an item of its own (SKU, UPC, description); its
    /// components are ordinary items, never kits.
    public internal(set) var kits: [SKU: [KitComponent]] = [:]
    /// The kits each component is part of, sorted: what to recompute when a component's stock moves.
    var kitsByComponent: [SKU: [SKU]] = [:]

    /// The first of items listed twice (by SKU, or by GTIN for the GTIN look-up) wins.
    public init(_ items: [Item]) {
        self.items = [:]
        skuByGTIN = [:]
        self.items.reserveCapacity(items.count)
        skuByGTIN.reserveCapacity(items.count)
        for item in items { add(item) }
    }

    private mutating func add(_ item: Item) {
        if items[item.sku] == nil { items[item.sku] = item }
        let gtin = ItemCatalog.normalized(item.upc)
        if skuByGTIN[gtin] == nil { skuByGTIN[gtin] = item.sku }
    }

    public subscript(sku: SKU) -> Item? { items[sku] }

    /// Replaces an item already in the catalog (a kit taking on its components' care and weight).
    mutating func update(_ item: Item) {
        if items[item.sku] != nil { items[item.sku] = item }
    }

    private enum CodingKeys: String, CodingKey { case items, skuByGTIN, kits }

    /// A catalog encoded before kits existed decodes with none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        items = try container.decode([SKU: Item].self, forKey: .items)
        skuByGTIN = try container.decode([String: SKU].self, forKey: .skuByGTIN)
        kits = [:]
        kitsByComponent = [:]
        for (kit, components) in try container.decodeIfPresent([SKU: [KitComponent]].self, forKey: .kits) ?? [:] {
            setComponents(components, of: kit)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        try container.encode(skuByGTIN, forKey: .skuByGTIN)
        if !kits.isEmpty { try container.encode(kits, forKey: .kits) }
    }

    /// The SKU whose UPC is `gtin`, comparing UPC-A, EAN-13 and GTIN-14 forms alike (leading zeros ignored).
    public func sku(forGTIN gtin: String) -> SKU? { skuByGTIN[ItemCatalog.normalized(gtin)] }

    /// The catalog's SKU an order line asks for: its SKU when the catalog lists it, else its GTIN's.
    public func sku(of line: OrderLine) -> SKU? {
        line.sku.flatMap { self[$0] == nil ? nil : $0 } ?? line.gtin.flatMap(sku(forGTIN:))
    }

    static func normalized(_ gtin: String) -> String {
        var digits = gtin.utf8.filter { $0 >= 0x30 && $0 <= 0x39 }[...]
        while digits.first == 0x30 { digits.removeFirst() }
        return String(decoding: digits, as: UTF8.self)
    }

    /// Why `gtin` is not a GTIN-8, -12 (UPC-A), -13 (EAN) or -14, or nil when it is one: the last digit is the
    /// GS1 mod-10 check digit of the others (weights 3 and 1 alternating from the right), which catches every
    /// single-digit typo and most swaps of neighbours.
    static func gtinProblem(_ gtin: String) -> String? { gtinProblem(utf8: gtin.utf8) }

    /// `gtinProblem(_:)` of a GTIN's UTF-8 bytes, as `items.csv` has them.
    static func gtinProblem(utf8 bytes: some BidirectionalCollection<UInt8>) -> String? {
        guard [8, 12, 13, 14].contains(bytes.count), bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            return "is not a GTIN: expected 8, 12, 13 or 14 digits"
        }
        var sum = 0
        for (offset, byte) in bytes.dropLast().reversed().enumerated() {
            sum += Int(byte - 0x30) * (offset % 2 == 0 ? 3 : 1)
        }
        let check = (10 - sum % 10) % 10
        let last = Int((bytes.last ?? 0x30) - 0x30)
        guard last == check else {
            return "has check digit \(last), but its other digits give \(check) (GS1 mod-10)"
        }
        return nil
    }

    static let columns = [
        "sku", "upc", "description", "weight_lb", "length_in", "width_in", "height_in", "oversize",
        "hazmat", "gift_wrap", "unit_cost",
    ]

    private static let posix = Locale(identifier: "en_US_POSIX")

    /// A field of `items.csv` as it is read: without the spaces around it.
    static func trimmed(_ text: String) -> String {
        text.utf8.first == 0x20 || text.utf8.last == 0x20 ? String(text.trimmingSpaces) : text
    }

    /// A number of `items.csv` (weight, dimensions, cost): digits and a point, read exactly; nil when it is not a
    /// non-negative number.
    static func number(_ text: String) -> Decimal? {
        guard text.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E }),
            let value = Decimal.exact(text) ?? Decimal(string: text, locale: Self.posix), value >= 0
        else { return nil }
        return value
    }

    /// A flag of `items.csv`: `true`, or `false` or empty; nil for anything else.
    static func flag(_ text: String) -> Bool? {
        switch text {
        case "true": true
        case "false", "": false
        default: nil
        }
    }

    /// Reads `items.csv` (columns as `fixtures/README.md` defines them), reporting every bad row.
    public static func parse(csv text: String, file: String) throws(ProfileErrors) -> ItemCatalog {
        var errors: [ProfileError] = []
        var catalog = ItemCatalog([])
        // About a row a line: room for them all at once, not a dozen rehashes of a million keys.
        var lines = 0
        var text = text
        text.withUTF8 { bytes in for byte in bytes where byte == 0x0A { lines += 1 } }
        catalog.items.reserveCapacity(lines)
        catalog.skuByGTIN.reserveCapacity(lines)
        var index: [Int]?
        var missing: ProfileError?
        do throws(ProfileError) {
            // A row at a time: a catalog of a million items is never held twice, as a table and as items.
            let header = try CSVTable.forEachRow(parsing: text, file: file) { header, row in
                if index == nil, missing == nil {
                    do throws(ProfileError) {
                        index = try CSVTable.columns(columns, in: header, file: file)
                    } catch { missing = error }
                }
                guard let index else { return }
                catalog.read(row, columns: index, file: file, errors: &errors)
            }
            if let missing { throw missing }
            _ = try CSVTable.columns(columns, in: header, file: file)
        } catch { throw ProfileErrors([error]) }
        if !errors.isEmpty { throw ProfileErrors(errors) }
        return catalog
    }

    /// Adds the item of one row of `items.csv`, or says in `errors` what is wrong with it.
    private mutating func read(_ row: CSVTable.Row, columns index: [Int], file: String, errors: inout [ProfileError]) {
        let columns = Self.columns
        func field(_ column: Int) -> String {
            index[column] < row.fields.count ? Self.trimmed(row.fields[index[column]]) : ""
        }
        func fail(_ message: String) {
            errors.append(ProfileError(file: file, line: row.line, column: 1, message: message))
        }
        func decimal(_ column: Int) -> Decimal? {
            let text = field(column)
            guard let value = Self.number(text) else {
                fail("\(columns[column]) '\(text)' is not a non-negative number")
                return nil
            }
            return value
        }
        func flag(_ column: Int) -> Bool {
            let text = field(column)
            guard let value = Self.flag(text) else {
                fail("\(columns[column]) '\(text)' is not true or false")
                return false
            }
            return value
        }
        let sku = SKU(field(0))
        if sku.rawValue.isEmpty {
            fail("empty sku")
            return
        }
        if items[sku] != nil { fail("sku \(sku) is listed twice") }
        let upc = field(1)
        if let problem = Self.gtinProblem(upc) {
            errors.append(
                ProfileError(
                    file: file, line: row.line, column: row.column(ofField: index[1]), keyPath: "upc",
                    message: "upc '\(upc)' of \(sku) \(problem)"))
        }
        let dimensions = [decimal(4), decimal(5), decimal(6)].compactMap { $0 }
        add(
            Item(
                sku: sku, upc: upc, description: field(2), weightPounds: decimal(3) ?? 0,
                dimensionsInches: dimensions, oversize: flag(7), hazmat: flag(8), giftWrap: flag(9),
                unitCost: Money(decimal(10) ?? 0, .usd)))
    }
}
