/// A hash of a short run of bytes (a segment, an element's value), a word at a time: what the tables that keep
/// segments and values found before (`X12CleanSegments`, the 850 mapper's memo) hash with. Not for keys an attacker
/// picks to collide: those tables compare every byte of a hit, and a collision only costs a miss. Public, not
/// `package`, so that it inlines into OrderX12's memo (see `X12SegmentCode`).
public enum X12ByteHash {
    /// The hash of `bytes`: each whole word mixed in, then the last word read where the bytes end (overlapping the
    /// one before) or, under eight bytes, the bytes themselves; the count is mixed in first, so runs that differ
    /// only in length hash apart.
    @inlinable @inline(__always)
    public static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        let count = bytes.count
        var hash = UInt64(count) &* multiplier
        var offset = 0
        while offset &+ 8 <= count {
            hash = (hash ^ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* multiplier
            hash ^= hash >> 29
            offset &+= 8
        }
        if offset < count {
            var word: UInt64 = 0
            if count >= 8 {
                word = bytes.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
            } else {
                while offset < count {
                    word = word << 8 | UInt64(bytes[offset])
                    offset &+= 1
                }
            }
            hash = (hash ^ word) &* multiplier
        }
        return hash ^ hash >> 32
    }

    /// A hash of the first and the last sixteen bytes (which overlap when there are fewer than 32) and the count:
    /// constant work for a long run. For the clean-segment table, whose segments that repeat differ from others
    /// at their start (ID, qualifiers) or end (an item's codes); segments alike at both ends share a slot, which
    /// costs a miss, never a wrong answer. Under sixteen bytes, `hash`.
    @inlinable @inline(__always)
    public static func hashOfEnds(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let count = bytes.count
        guard count >= 16 else { return hash(bytes) }
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        var hash = (UInt64(count) ^ bytes.loadUnaligned(as: UInt64.self)) &* multiplier
        hash = (hash ^ bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) &* multiplier
        hash ^= hash >> 29
        hash = (hash ^ bytes.loadUnaligned(fromByteOffset: count &- 16, as: UInt64.self)) &* multiplier
        hash = (hash ^ bytes.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)) &* multiplier
        return hash ^ hash >> 32
    }
}
