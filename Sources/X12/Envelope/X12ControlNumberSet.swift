/// The control numbers seen in one envelope (ST02 within a group, GS06 within an interchange), to find a duplicate
/// as `Set<String>.insert` finds it. Control numbers are short ASCII digits, so each is kept as one integer (its
/// bytes and its length) in an open-addressed table: no hashing of `String`s per set. A number that does not pack
/// (longer than seven bytes, or not ASCII, where `String` equality is canonical equivalence) moves the whole set
/// to `String`s for the rest of the envelope, so that the answers stay exactly `Set<String>`'s.
struct X12ControlNumberSet {
    /// Keys with bit 63 set (so that 0 marks an empty slot); a power of two long.
    private var slots: [UInt64] = Array(repeating: 0, count: 64)
    private var count = 0
    private var strings: Set<String>? = nil

    /// Inserts `number`; false when it was already there.
    mutating func insert(_ number: String) -> Bool {
        if strings != nil { return strings?.insert(number).inserted ?? false }
        guard let key = Self.key(number) else {
            var all = Set<String>(minimumCapacity: count + 1)
            for slot in slots where slot != 0 { all.insert(Self.text(slot)) }
            strings = all
            return strings?.insert(number).inserted ?? false
        }
        if (count + 1) * 2 > slots.count { grow() }
        return place(key)
    }

    mutating func removeAll() {
        if count > 0 { slots.withUnsafeMutableBufferPointer { $0.update(repeating: 0) } }
        count = 0
        strings = nil
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
        return number.withUTF8 { bytes -> UInt64? in
            guard bytes.count <= 7 else { return nil }
            var key: UInt64 = 0
            for byte in bytes {
                guard byte < 0x80 else { return nil }
                key = key << 8 | UInt64(byte)
            }
            return key | UInt64(bytes.count) << 56 | 1 << 63
        }
    }

    private static func text(_ key: UInt64) -> String {
        let length = Int((key >> 56) & 0x7F)
        var bytes: [UInt8] = []
        for index in (0..<length).reversed() { bytes.append(UInt8(truncatingIfNeeded: key >> UInt64(index * 8))) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
