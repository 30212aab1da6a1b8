internal import CPrefetch
import Orders

/// Catalog SKU → item number, for the lookup every PO line makes. One open-addressed table whose slots hold the SKU
/// itself, so that finding an item of a large catalog costs one cache miss where a `Dictionary` costs two or three,
/// and a hash over the SKU's bytes, a word at a time, instead of SipHash. Each item carries a byte of flags beside its number
/// (the catalog's handling needs), read in the same miss.
///
/// Only ASCII SKUs live in the table. Swift compares Strings by canonical equivalence, under which equal non-ASCII
/// strings can differ in their bytes, and an ASCII SKU can equal a non-ASCII one (`K` and the Kelvin sign): a
/// non-ASCII SKU, and any SKU not found while the catalog has non-ASCII ones, is answered by a `Dictionary`, as
/// before. Only catalog SKUs are inserted, so what an order asks for cannot lengthen the probes.
struct SKUIndex: Sendable {
    private struct Slot: Sendable {
        var sku: SKU
        /// -1 for an empty slot.
        var item: Int32
        var flags: UInt8
        /// High bits of the SKU's hash: a probe passes a slot whose tag differs without comparing Strings.
        var tag: UInt16
    }

    private let slots: [Slot]
    private let mask: Int
    /// Every SKU's item number, when some catalog SKU is not ASCII; empty otherwise.
    private let byString: [SKU: Int]
    private let flags: [UInt8]

    /// `skus[n]` gets item number `n` and flags `flags[n]`.
    init(_ skus: [SKU], flags: [UInt8]) {
        precondition(skus.count == flags.count)
        var capacity = 16
        while capacity < skus.count * 2 { capacity *= 2 }
        var slots = [Slot](repeating: Slot(sku: SKU(""), item: -1, flags: 0, tag: 0), count: capacity)
        var anyNonASCII = false
        for (item, sku) in skus.enumerated() {
            guard let hash = Self.asciiHash(sku) else {
                anyNonASCII = true
                continue
            }
            var index = hash & (capacity - 1)
            while slots[index].item >= 0 { index = (index + 1) & (capacity - 1) }
            slots[index] = Slot(sku: sku, item: Int32(item), flags: flags[item], tag: Self.tag(hash))
        }
        self.slots = slots
        mask = capacity - 1
        var byString: [SKU: Int] = [:]
        if anyNonASCII {
            byString.reserveCapacity(skus.count)
            for (item, sku) in skus.enumerated() where byString[sku] == nil { byString[sku] = item }
        }
        self.byString = byString
        self.flags = flags
    }

    /// Per slot position, the item number it holds (-1 for an empty slot).
    var slotItems: [Int32] { slots.map(\.item) }

    /// Asks the processor to start loading each line's home slot, and the same position of `bySlot` (an array as
    /// long as the table, read after the slot), without waiting for either: the checks that run before the lookup
    /// then hide the cache misses of a large catalog.
    func prefetch(_ lines: [OrderLine], bySlot: [Int32]) {
        slots.withUnsafeBufferPointer { slots in
            bySlot.withUnsafeBufferPointer { bySlot in
                for index in lines.indices {
                    guard let sku = lines[index].sku, let hash = Self.asciiHash(sku) else { continue }
                    let home = hash & mask
                    // Both ends of the slot: one may straddle two cache lines, with the item in the second.
                    guard let slot = slots.baseAddress.map({ UnsafeRawPointer($0 + home) }) else { continue }
                    dg_prefetch(slot)
                    dg_prefetch(slot + MemoryLayout<Slot>.size - 1)
                    if home < bySlot.count { dg_prefetch(bySlot.baseAddress.map { $0 + home }) }
                }
            }
        }
    }

    /// The item number of `sku`, its flags and the slot it is in (-1 when found by String), or nil when the catalog
    /// does not have it.
    func item(_ sku: SKU) -> (number: Int, flags: UInt8, slot: Int)? {
        guard let hash = Self.asciiHash(sku) else { return byStringItem(sku) }
        return find(sku, hash: hash)
    }

    /// The ASCII `sku`, whose hash is `hash`: probed in the table, then (when the catalog has non-ASCII SKUs that may
    /// equal it) looked up by String.
    private func find(_ sku: SKU, hash: Int) -> (number: Int, flags: UInt8, slot: Int)? {
        let tag = Self.tag(hash)
        let found: (number: Int, flags: UInt8, slot: Int)? = slots.withUnsafeBufferPointer { slots in
            var index = hash & mask
            while true {
                if slots[index].item < 0 { return nil }
                if slots[index].tag == tag, slots[index].sku == sku {
                    return (Int(slots[index].item), slots[index].flags, index)
                }
                index = (index + 1) & mask
            }
        }
        if found != nil || byString.isEmpty { return found }
        return byStringItem(sku)
    }

    /// `item(_:)` of each line's SKU (nil for a line without one), with every SKU's first slot loaded before any is
    /// compared: a large catalog's cache misses then overlap instead of following one another.
    func items(of lines: [OrderLine]) -> [(number: Int, flags: UInt8, slot: Int)?] {
        withUnsafeTemporaryAllocation(of: (hash: Int, item: Int32).self, capacity: lines.count) { homes in
            // Per line, its SKU's hash (item -2: no SKU, or not ASCII), for every line first; then the item in each home
            // slot, in a loop of nothing but loads, so that all their cache misses are in flight at once (a loop that
            // also hashed would fill the processor's window with hashing before the next load).
            for index in lines.indices {
                if let sku = lines[index].sku, let hash = Self.asciiHash(sku) {
                    homes[index] = (hash, -1)
                } else {
                    homes[index] = (0, -2)
                }
            }
            slots.withUnsafeBufferPointer { slots in
                for index in homes.indices where homes[index].item == -1 {
                    homes[index].item = slots[homes[index].hash & mask].item
                }
            }
            return lines.indices.map { index in
                guard let sku = lines[index].sku else { return nil }
                let home = homes[index]
                guard home.item != -2 else { return byStringItem(sku) }
                // An empty home slot: not in the table.
                if home.item < 0, byString.isEmpty { return nil }
                return find(sku, hash: home.hash)
            }
        }
    }

    /// `sku` looked up by String (the SKUs the table cannot answer for).
    private func byStringItem(_ sku: SKU) -> (number: Int, flags: UInt8, slot: Int)? {
        byString[sku].map { ($0, flags[$0], -1) }
    }

    /// The bits of `hash` a slot keeps as its tag: the top ones, which the table's mask leaves out.
    private static func tag(_ hash: Int) -> UInt16 { UInt16(truncatingIfNeeded: UInt(bitPattern: hash) >> 48) }

    /// A hash of the SKU's bytes, eight at a time (a multiply and a fold per word, mixed at the end so that every
    /// bit reaches the low ones the table indexes by); nil when the SKU is not ASCII.
    private static func asciiHash(_ sku: SKU) -> Int? {
        var text = sku.rawValue
        // The bytes in one buffer (a small string's are copied to the stack): far cheaper than the UTF-8 view's
        // iterator.
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return 0 }
            let multiplier: UInt64 = 0x9FB2_1C65_1E98_DF25
            var hash = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
            var all: UInt64 = 0
            var offset = 0
            while offset + 8 <= bytes.count {
                let word = UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)
                all |= word
                hash = (hash ^ word) &* multiplier
                hash ^= hash >> 32
                offset += 8
            }
            if offset < bytes.count {
                var word: UInt64 = 0
                for index in offset..<bytes.count { word |= UInt64(base[index]) << (8 * UInt64(index - offset)) }
                all |= word
                hash = (hash ^ word) &* multiplier
                hash ^= hash >> 32
            }
            hash ^= hash >> 33
            hash &*= 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 33
            return all & 0x8080_8080_8080_8080 == 0 ? Int(truncatingIfNeeded: hash) : nil
        }
    }
}
