/// The control numbers seen in one envelope (ST02 within a group, GS06 within an interchange), to find a duplicate
/// as `Set<String>.insert` finds it. Control numbers are short ASCII digits, so each is kept as one integer (its
/// bytes and its length): no hashing of `String`s per set. Senders count their sets up, so while every number
/// packs above the one before, the numbers are only appended in order (a number above the last cannot be a
/// duplicate); the first that does not moves them into an open-addressed table. A number that does not pack
/// (longer than seven bytes, or not ASCII, where `String` equality is canonical equivalence) moves the whole set
/// to `String`s for the rest of the envelope, so that the answers stay exactly `Set<String>`'s.
struct X12ControlNumberSet {
    /// While `isAscending`, every key so far, each above the one before.
    private var ascending: [UInt64] = []
    private var isAscending = true
    /// Keys with bit 63 set (so that 0 marks an empty slot); a power of two long. Filled once the keys stop
    /// ascending.
    private var slots: [UInt64] = []
    private var count = 0
    private var strings: Set<String>? = nil

    /// Inserts `number`; false when it was already there.
    mutating func insert(_ number: String) -> Bool {
        if strings != nil { return strings?.insert(number).inserted ?? false }
        guard let key = Self.key(number) else {
            var all = Set<String>(minimumCapacity: ascending.count + count + 1)
            for key in ascending { all.insert(Self.text(key)) }
            for slot in slots where slot != 0 { all.insert(Self.text(slot)) }
            strings = all
            return strings?.insert(number).inserted ?? false
        }
        return insert(key: key)
    }

    /// Inserts the number `key` packs (`key(_:)` of its bytes); false when it was already there.
    mutating func insert(key: UInt64) -> Bool {
        if strings != nil { return strings?.insert(Self.text(key)).inserted ?? false }
        if isAscending {
            if ascending.last.map({ key > $0 }) ?? true {
                ascending.append(key)
                return true
            }
            moveToTable()
        }
        if (count + 1) * 2 > slots.count { grow() }
        return place(key)
    }

    mutating func removeAll() {
        ascending.removeAll(keepingCapacity: true)
        isAscending = true
        if count > 0 { slots.withUnsafeMutableBufferPointer { $0.update(repeating: 0) } }
        count = 0
        strings = nil
    }

    /// Leaves the ascending run: its keys go into the table.
    private mutating func moveToTable() {
        isAscending = false
        var capacity = max(64, slots.count)
        while (ascending.count + 1) * 2 > capacity { capacity *= 2 }
        if slots.count != capacity { slots = Array(repeating: 0, count: capacity) }
        count = 0
        for key in ascending { _ = place(key) }
        ascending.removeAll(keepingCapacity: true)
    }

    private mutating func place(_ key: UInt64) -> Bool {
        let mask = slots.count - 1
        // Fibonacci hashing: the product's top bits pick the slot.
        var slot = Int(
            truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - slots.count.trailingZeroBitCount))
        while true {
            let found = slots[slot]
            if found == key { return false }
            if found == 0 {
                slots[slot] = key
                count += 1
                return true
            }
            slot = (slot + 1) & mask
        }
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: 0, count: old.count * 2)
        count = 0
        for key in old where key != 0 { _ = place(key) }
    }

    /// Bytes big-endian in the low seven bytes, the length above them, bit 63 set; nil when it does not pack.
    private static func key(_ number: String) -> UInt64? {
        var number = number
        return number.withUTF8 { key($0) }
    }

    /// `key(_:)` of a text's bytes: two texts that pack are equal as `String`s exactly when their keys are (both
    /// are ASCII, where `String` equality is byte equality); a text that does not pack is longer than 7 bytes or not
    /// ASCII.
    @inline(__always)
    static func key(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard bytes.count <= 7 else { return nil }
        var key: UInt64 = 0
        var high: UInt8 = 0
        for byte in bytes {
            high |= byte
            key = key << 8 | UInt64(byte)
        }
        guard high < 0x80 else { return nil }
        return key | UInt64(bytes.count) << 56 | 1 << 63
    }

    private static func text(_ key: UInt64) -> String {
        let length = Int((key >> 56) & 0x7F)
        var bytes: [UInt8] = []
        for index in (0..<length).reversed() { bytes.append(UInt8(truncatingIfNeeded: key >> UInt64(index * 8))) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
