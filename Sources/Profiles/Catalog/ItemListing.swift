public import Orders

/// The item catalog as a feed reads it: each item's SKU, UPC and description, in SKU byte order, and the kits.
///
/// A feed of a million items needs three strings of each item, not a million `Item`s with their decimals and
/// dimensions in a dictionary (some 400 MB, and seconds to build and free): here the three fields' bytes lie back
/// to back in one buffer, with three offsets an item, and the items are walked in the order a feed is sorted in
/// (byte order of the SKU), so stock read in that order joins with them without hashing.
public struct ItemListing: Sendable {
    /// Every item's SKU, UPC and description bytes, back to back, in the order the items were added.
    var bytes: [UInt8] = []
    /// Per item added, where its SKU, UPC and description end in `bytes` (three a row); its SKU starts where the
    /// item before it ends. 32 bits each: a catalog's three fields stay far below 4 GiB.
    var ends: [UInt32] = []
    /// The rows in SKU byte order (`order[i]` is the row of the i-th item); empty when they were added in that
    /// order, as a catalog kept sorted by SKU is.
    private var order: [UInt32] = []
    /// The components of each kit, as `ItemCatalog.kits`.
    public internal(set) var kits: [SKU: [KitComponent]] = [:]

    /// A listing of no item, to add items to.
    init() {}

    /// The SKUs, UPCs and descriptions of `catalog`'s items, and its kits.
    public init(_ catalog: ItemCatalog) {
        bytes.reserveCapacity(catalog.items.count * 32)
        ends.reserveCapacity(catalog.items.count * 3)
        for item in catalog.items.values {
            var (sku, upc, description) = (item.sku.rawValue, item.upc, item.description)
            sku.withUTF8 { append($0) }
            upc.withUTF8 { append($0) }
            description.withUTF8 { append($0) }
        }
        // A catalog's SKUs are distinct, so the order is never ambiguous.
        _ = sortBySKU()
        kits = catalog.kits
    }

    /// How many items.
    public var count: Int { ends.count / 3 }

    /// The SKU of the item at `index` (0 ..< `count`, in SKU byte order).
    public func sku(at index: Int) -> SKU { SKU(string(row(index), 0)) }

    /// The UPC of the item at `index`, as the catalog has it (empty when it has none).
    public func upc(at index: Int) -> String { string(row(index), 1) }

    /// The description of the item at `index`.
    public func description(at index: Int) -> String { string(row(index), 2) }

    /// Where `sku` is (a binary search); nil when it is not an item.
    public func index(of sku: SKU) -> Int? {
        var text = sku.rawValue
        return text.withUTF8 { wanted in
            bytes.withUnsafeBufferPointer { all in
                var (low, high) = (0, count)
                while low < high {
                    let middle = (low + high) / 2
                    let order = Self.compare(field(of: row(middle), 0, in: all), wanted)
                    if order == 0 { return middle }
                    if order < 0 { low = middle + 1 } else { high = middle }
                }
                return nil
            }
        }
    }

    /// `index(of:)`, trying `hint` first: what joining rows sorted by SKU with the listing costs, one comparison a
    /// row when each row's SKU is the item after the last one found.
    public func index(of sku: SKU, hint: Int) -> Int? {
        if hint >= 0, hint < count, self.sku(at: hint) == sku { return hint }
        return index(of: sku)
    }

    /// Adds an item's three fields, in that order.
    mutating func append(_ field: some Collection<UInt8>) {
        bytes.append(contentsOf: field)
        precondition(bytes.count < Int(UInt32.max), "an item listing holds less than 4 GiB of SKUs and descriptions")
        ends.append(UInt32(truncatingIfNeeded: bytes.count))
    }

    /// Puts the items in SKU byte order after the last is added. Returns false when two items have the same SKU.
    mutating func sortBySKU() -> Bool {
        let rows = count
        return bytes.withUnsafeBufferPointer { all in
            var sorted = true
            for index in 1..<max(1, rows) {
                let order = Self.compare(field(of: index - 1, 0, in: all), field(of: index, 0, in: all))
                if order == 0 { return false }
                if order > 0 { sorted = false }
            }
            if sorted { return true }
            var permutation = (0..<UInt32(rows)).map { $0 }
            permutation.sort { Self.compare(field(of: Int($0), 0, in: all), field(of: Int($1), 0, in: all)) < 0 }
            for index in 1..<max(1, rows)
            where Self.compare(
                field(of: Int(permutation[index - 1]), 0, in: all), field(of: Int(permutation[index]), 0, in: all))
                == 0
            {
                return false
            }
            order = permutation
            return true
        }
    }

    private func row(_ index: Int) -> Int { order.isEmpty ? index : Int(order[index]) }

    private func string(_ row: Int, _ field: Int) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: self.field(of: row, field, in: $0), as: UTF8.self) }
    }

    /// Field `field` (0 SKU, 1 UPC, 2 description) of the item added as `row`.
    private func field(of row: Int, _ field: Int, in all: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        let slot = row * 3 + field
        let start = slot == 0 ? 0 : Int(ends[slot - 1])
        return UnsafeBufferPointer(rebasing: all[start..<Int(ends[slot])])
    }

    /// Byte order, as `memcmp` then length.
    private static func compare(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) -> Int {
        let common = min(left.count, right.count)
        for index in 0..<common where left[index] != right[index] {
            return left[index] < right[index] ? -1 : 1
        }
        return left.count - right.count
    }
}
