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

/// The items we sell, by SKU and by GTIN, for resolving PO lines that name only a UPC.
public struct ItemCatalog: Hashable, Sendable, Codable {
    public private(set) var items: [SKU: Item]
    private var skuByGTIN: [String: SKU]

    public init(_ items: [Item]) {
        self.items = Dictionary(items.map { ($0.sku, $0) }, uniquingKeysWith: { first, _ in first })
        skuByGTIN = Dictionary(items.map { (ItemCatalog.normalized($0.upc), $0.sku) }, uniquingKeysWith: { a, _ in a })
    }

    public subscript(sku: SKU) -> Item? { items[sku] }

    /// The SKU whose UPC is `gtin`, comparing UPC-A, EAN-13 and GTIN-14 forms alike (leading zeros ignored).
    public func sku(forGTIN gtin: String) -> SKU? { skuByGTIN[ItemCatalog.normalized(gtin)] }

    static func normalized(_ gtin: String) -> String {
        let digits = gtin.filter(\.isNumber)
        let trimmed = digits.drop { $0 == "0" }
        return String(trimmed)
    }

    /// Why `gtin` is not a GTIN-8, -12 (UPC-A), -13 (EAN) or -14, or nil when it is one: the last digit is the
    /// GS1 mod-10 check digit of the others (weights 3 and 1 alternating from the right), which catches every
    /// single-digit typo and most swaps of neighbours.
    static func gtinProblem(_ gtin: String) -> String? {
        let digits = gtin.unicodeScalars.compactMap { ("0"..."9").contains($0) ? Int($0.value) - 48 : nil }
        guard digits.count == gtin.unicodeScalars.count, [8, 12, 13, 14].contains(digits.count) else {
            return "is not a GTIN: expected 8, 12, 13 or 14 digits"
        }
        let sum = digits.dropLast().reversed().enumerated().reduce(0) { $0 + $1.element * ($1.offset % 2 == 0 ? 3 : 1) }
        let check = (10 - sum % 10) % 10
        guard let last = digits.last, last == check else {
            return "has check digit \(digits.last ?? 0), but its other digits give \(check) (GS1 mod-10)"
        }
        return nil
    }

    static let columns = [
        "sku", "upc", "description", "weight_lb", "length_in", "width_in", "height_in", "oversize",
        "hazmat", "gift_wrap", "unit_cost",
    ]

    /// Reads `items.csv` (columns as `fixtures/README.md` defines them), reporting every bad row.
    public static func parse(csv text: String, file: String) throws(ProfileErrors) -> ItemCatalog {
        let table: CSVTable
        let index: [Int]
        do {
            table = try CSVTable(parsing: text, file: file)
            index = try table.columns(columns, file: file)
        } catch { throw ProfileErrors([error]) }
        var errors: [ProfileError] = []
        var items: [Item] = []
        var seen: Set<SKU> = []
        for row in table.rows {
            func field(_ column: Int) -> String {
                index[column] < row.fields.count ? String(row.fields[index[column]].trimmingSpaces) : ""
            }
            func fail(_ message: String) {
                errors.append(ProfileError(file: file, line: row.line, column: 1, message: message))
            }
            func decimal(_ column: Int) -> Decimal? {
                let text = field(column)
                guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), value >= 0,
                    text.allSatisfy({ $0.isNumber || $0 == "." })
                else {
                    fail("\(columns[column]) '\(text)' is not a non-negative number")
                    return nil
                }
                return value
            }
            func flag(_ column: Int) -> Bool {
                switch field(column) {
                case "true": return true
                case "false", "": return false
                case let other:
                    fail("\(columns[column]) '\(other)' is not true or false")
                    return false
                }
            }
            let sku = SKU(field(0))
            if sku.rawValue.isEmpty {
                fail("empty sku")
                continue
            }
            if !seen.insert(sku).inserted { fail("sku \(sku) is listed twice") }
            let upc = field(1)
            if let problem = Self.gtinProblem(upc) {
                errors.append(
                    ProfileError(
                        file: file, line: row.line, column: row.column(ofField: index[1]), keyPath: "upc",
                        message: "upc '\(upc)' of \(sku) \(problem)"))
            }
            let dimensions = [decimal(4), decimal(5), decimal(6)].compactMap { $0 }
            items.append(
                Item(
                    sku: sku, upc: upc, description: field(2), weightPounds: decimal(3) ?? 0,
                    dimensionsInches: dimensions, oversize: flag(7), hazmat: flag(8), giftWrap: flag(9),
                    unitCost: Money(decimal(10) ?? 0, .usd)))
        }
        if !errors.isEmpty { throw ProfileErrors(errors) }
        return ItemCatalog(items)
    }
}
