import Foundation
import Synchronization

/// Segments found clean before, byte for byte: a segment that comes again exactly (the retailer's own N1 and
/// REF, the carrier's TD5, a day's DTM, CTT, the line and description of an item ordered again) passes every
/// element check again, so its checks are not run again. Exact: a segment is only taken as known after comparing
/// all its bytes with a copy of one that passed, under the same delimiters; only clean segments are kept, so a
/// known segment is one the checks would report nothing for.
///
/// Bounded: 8,192 slots, each segment in the slot its hash picks (replacing what was there), their bytes copied
/// into a ring of 512 KB. A slot's bytes count only until the ring's writing comes round to them again (each
/// slot knows in which round it was written), so segments that never come again (a consumer's name, a PO number)
/// pass through without pushing out the ones that do. Kept in the cache a document's or a stream's sets share (and
/// its copies): a walk holds the table's lock for its whole set (`withTable`), not a lock per segment.
final class X12CleanSegments: Sendable {
    private let table = Mutex(Table())

    /// The table, locked for `body`: a walker reads and fills it for the whole set it checks inside `body`.
    func withTable(_ body: (inout Table) -> Void) {
        table.withLock { table in body(&table) }
    }

    /// The hash `Table.contains` and `Table.insert` take for the segment at `range`.
    @inline(__always)
    static func hash(_ range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        X12ByteHash.hashOfEnds(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[range]))
    }

    /// Longer segments are checked every time: they are rare, and would crowd the arena.
    static let longest = 1_024
}

extension X12CleanSegments {
    /// The slots and the ring, owned: allocated when made, freed when dropped.
    struct Table: ~Copyable {
        private struct Slot {
            var hash: UInt64 = 0
            var offset: UInt32 = 0
            /// 0 for an empty slot: no segment is empty.
            var length: UInt16 = 0
            /// The round of the ring its bytes were written in.
            var round: UInt16 = 0
        }

        private static let slotBits = 13
        private static let arenaCapacity = 1 << 19
        private let slots: UnsafeMutablePointer<Slot>
        private let arena: UnsafeMutablePointer<UInt8>
        /// Where the ring is written next, and how many times it has come round (wrapping).
        private var arenaUsed = 0
        private var round: UInt16 = 0
        /// The delimiters the kept segments were checked under.
        private(set) var delimiters: X12Delimiters? = nil
        /// The release whose segment rules they were checked with (an index of `X12Definitions`' releases): a REF02 of
        /// 40 characters is clean in 005010, too long in 004010.
        private(set) var release = -1

        init() {
            slots = .allocate(capacity: 1 << Self.slotBits)
            slots.initialize(repeating: Slot(), count: 1 << Self.slotBits)
            arena = .allocate(capacity: Self.arenaCapacity)
        }

        deinit {
            slots.deallocate()
            arena.deallocate()
        }

        /// Forgets every segment when `delimiters` or the release's rules are not the ones they were checked under.
        mutating func prepare(for delimiters: X12Delimiters, release: Int) {
            guard self.delimiters != delimiters || self.release != release else { return }
            self.delimiters = delimiters
            self.release = release
            clear()
        }

        private mutating func clear() {
            slots.update(repeating: Slot(), count: 1 << Self.slotBits)
            arenaUsed = 0
            round = 0
        }

        /// Whether the segment at `range` (of hash `hash`) is a copy of one kept.
        @inline(__always)
        func contains(_ hash: UInt64, _ range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            let slot = slots[Int(truncatingIfNeeded: hash >> UInt64(64 &- Self.slotBits))]
            // Written in this round, or in the one before and not yet written over.
            guard slot.hash == hash, Int(slot.length) == range.count,
                slot.round == round || (slot.round &+ 1 == round && Int(slot.offset) >= arenaUsed)
            else { return false }
            return memcmp(arena + Int(slot.offset), bytes.baseAddress! + range.lowerBound, range.count) == 0
        }

        /// Keeps the segment at `range`, which passed every element check.
        mutating func insert(_ hash: UInt64, _ range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) {
            let length = range.count
            guard length > 0, length <= X12CleanSegments.longest else { return }
            if arenaUsed &+ length > Self.arenaCapacity {
                arenaUsed = 0
                round &+= 1
            }
            (arena + arenaUsed).update(from: bytes.baseAddress! + range.lowerBound, count: length)
            slots[Int(truncatingIfNeeded: hash >> UInt64(64 &- Self.slotBits))] = Slot(
                hash: hash, offset: UInt32(arenaUsed), length: UInt16(length), round: round)
            arenaUsed &+= length
        }
    }
}
