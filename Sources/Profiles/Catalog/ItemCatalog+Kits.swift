public import Foundation
public import Orders

extension ItemCatalog {
    /// The components of `sku` when it is a kit, in `kits.csv` order; nil for an ordinary item.
    public func components(of sku: SKU) -> [KitComponent]? { kits[sku] }

    /// Whether `sku` is a kit of other items.
    public func isKit(_ sku: SKU) -> Bool { kits[sku] != nil }

    /// The kits `sku` is a component of, sorted; empty when it is in none.
    public func kits(containing sku: SKU) -> [SKU] { kitsByComponent[sku] ?? [] }

    /// What `quantity` units of `sku` are in units that are stocked and reserved: a kit's components, each times its
    /// quantity per kit; an ordinary item itself.
    public func expanded(_ sku: SKU, quantity: Int) -> [(sku: SKU, quantity: Int)] {
        guard let components = kits[sku] else { return [(sku, quantity)] }
        return components.map { ($0.sku, $0.quantity * quantity) }
    }

    /// The stocked items that an order's lines, ordering `skus` (one per line, in line order), draw on under more
    /// than one SKU: a kit's component that another line orders alone or inside another kit. Each line's own figure
    /// (a kit's is derived from its components) says it could ship alone; lines that share a component ship together
    /// only when the component covers them all. Per shared item, in the order lines first draw on it: the lines
    /// (indexes into `skus`) and the units of it each unit of the line takes. Lines of the same SKU share by that
    /// alone and are not listed here.
    public func sharedStock(of skus: [SKU]) -> [(sku: SKU, draws: [(line: Int, perUnit: Int)])] {
        var shared: [(sku: SKU, draws: [(line: Int, perUnit: Int)])] = []
        guard !kits.isEmpty, skus.contains(where: { kits[$0] != nil }) else { return shared }
        for (line, sku) in skus.enumerated() {
            for (stocked, perUnit) in expanded(sku, quantity: 1) {
                if let known = shared.firstIndex(where: { $0.sku == stocked }) {
                    shared[known].draws.append((line, perUnit))
                } else {
                    shared.append((stocked, [(line, perUnit)]))
                }
            }
        }
        // Shared under more than one SKU: drawn on by lines that do not all order the same item.
        return shared.filter { entry in entry.draws.contains { skus[$0.line] != skus[entry.draws[0].line] } }
    }

    /// Makes `kit` (an item of the catalog) a kit of `components` (items that are not kits), with the care its
    /// components need: see `applyingKitCare`.
    mutating func setComponents(_ components: [KitComponent], of kit: SKU) {
        kits[kit] = components
        for component in components {
            var containing = kitsByComponent[component.sku] ?? []
            if !containing.contains(kit) {
                containing.append(kit)
                containing.sort()
            }
            kitsByComponent[component.sku] = containing
        }
    }

    static let kitColumns = ["kit_sku", "component_sku", "quantity"]

    /// Reads `kits.csv` (`kit_sku,component_sku,quantity`, a row per component of a kit) into the catalog, reporting
    /// every bad row at its line: a kit or component that is not an item of the catalog, a quantity that is not a
    /// whole number ≥ 1, a component listed twice for one kit, a kit that contains a kit (or itself).
    ///
    /// A kit then needs the care any of its components needs (oversize, hazmat, gift wrap), so routing's capability
    /// checks see them; a kit whose `items.csv` weight is 0 weighs what its components do together. Its own
    /// dimensions stand: the packed kit's box is the warehouse's to state.
    public mutating func readKits(csv text: String, file: String) throws(ProfileErrors) {
        let table: CSVTable
        let index: [Int]
        do {
            table = try CSVTable(parsing: text, file: file)
            index = try table.columns(Self.kitColumns, file: file)
        } catch { throw ProfileErrors([error]) }
        var errors: [ProfileError] = []
        var read: [SKU: [KitComponent]] = [:]
        var order: [SKU] = []
        var firstLine: [SKU: [SKU: Int]] = [:]
        var rows: [(line: Int, column: Int, kit: SKU, component: SKU)] = []
        for row in table.rows {
            func field(_ column: Int) -> String {
                index[column] < row.fields.count ? String(row.fields[index[column]].trimmingSpaces) : ""
            }
            func fail(_ column: Int, _ kind: ProfileError.Kind, _ message: String) {
                errors.append(
                    ProfileError(
                        kind: kind, file: file, line: row.line, column: row.column(ofField: index[column]),
                        keyPath: Self.kitColumns[column], message: message))
            }
            let kit = SKU(field(0))
            let component = SKU(field(1))
            var usable = true
            for (column, sku) in [(0, kit), (1, component)] {
                if sku.rawValue.isEmpty {
                    fail(column, .invalidValue, "empty \(Self.kitColumns[column])")
                    usable = false
                } else if items[sku] == nil {
                    fail(column, .unknownReference, "\(Self.kitColumns[column]) '\(sku)' is not in the item catalog")
                    usable = false
                }
            }
            let quantityText = field(2)
            let quantity = quantityText.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } ? Int(quantityText) : nil
            guard let quantity, quantity >= 1 else {
                fail(2, .invalidValue, "quantity '\(quantityText)' is not a whole number ≥ 1")
                continue
            }
            guard usable else { continue }
            if let first = firstLine[kit]?[component] {
                fail(
                    1, .conflict, "component \(component) of kit \(kit) is listed twice; the first is at line \(first)")
                continue
            }
            firstLine[kit, default: [:]][component] = row.line
            if read[kit] == nil { order.append(kit) }
            read[kit, default: []].append(KitComponent(sku: component, quantity: quantity))
            rows.append((row.line, row.column(ofField: index[1]), kit, component))
        }
        for row in rows where read[row.component] != nil {
            let message =
                row.component == row.kit
                ? "kit \(row.kit) contains itself"
                : "component \(row.component) of kit \(row.kit) is a kit itself; list its components instead"
            errors.append(
                ProfileError(
                    kind: .invalidValue, file: file, line: row.line, column: row.column, keyPath: "component_sku",
                    message: message))
        }
        if !errors.isEmpty { throw ProfileErrors(errors.sorted()) }
        for kit in order {
            guard let components = read[kit] else { continue }
            setComponents(components, of: kit)
            if let item = items[kit] { update(applyingKitCare(to: item, components: components)) }
        }
    }

    /// `kit` needing whatever care any of `components` needs, and weighing what they weigh together when its own
    /// row leaves the weight at 0.
    private func applyingKitCare(to kit: Item, components: [KitComponent]) -> Item {
        var kit = kit
        let parts = components.compactMap { component in items[component.sku].map { ($0, component.quantity) } }
        kit.oversize = kit.oversize || parts.contains { $0.0.oversize }
        kit.hazmat = kit.hazmat || parts.contains { $0.0.hazmat }
        kit.giftWrap = kit.giftWrap || parts.contains { $0.0.giftWrap }
        if kit.weightPounds == 0 {
            kit.weightPounds = parts.reduce(Decimal(0)) { $0 + $1.0.weightPounds * Decimal($1.1) }
        }
        return kit
    }
}
