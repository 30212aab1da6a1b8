import CByteScan
import Foundation
import X12

/// One segment's elements, split once: the mapper asks for up to 25 elements of a segment, and reading each through
/// `X12Segment.subscript` would scan the segment again every time. Reads the document's bytes through a pointer
/// valid for the mapping (`PurchaseOrderMapper`), and is reused from segment to segment and order to order, so its
/// ranges are allocated once per mapper: by hand, as an array would ask whether it is uniquely referenced on every
/// append. The owner calls `deallocate()` when done.
struct X12SegmentFields {
    let bytes: UnsafeBufferPointer<UInt8>
    /// Where long texts and decimals made before are found again, when the mapper serves the order from one (set
    /// per order). Unmanaged and used through `_withUnsafeGuaranteedRef`: the mapper keeps it alive, and a strong
    /// reference taken for each value would cost two atomic reference counts.
    var memo: Unmanaged<PurchaseOrderMemo>?
    /// `ElementText.layoutHolds`, read once.
    private let smallStrings = ElementText.layoutHolds
    /// `ranges[n - 1]` is element `n`; `count` of them are loaded, room for `capacity`.
    private var ranges: UnsafeMutablePointer<Range<Int>>
    /// Room for a segment of 127 bytes after its ID (one range per byte at most), as nearly every segment is: more
    /// is made for a longer one.
    private var capacity = 128
    private(set) var count = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        memo = nil
        ranges = .allocate(capacity: capacity)
    }

    func deallocate() { ranges.deallocate() }

    /// Loads the segment at `range`, whose packed ID `code(of:in:separator:)` has read as `code` (the caller keeps
    /// it: the ID's length is all the split needs of it). Not inlined: in the mapper's large loop the scan below
    /// would lose its registers to the stack.
    @inline(never)
    mutating func load(_ range: Range<Int>, separator: UInt8, code: UInt32) {
        count = 0
        // A code is the whole ID, one to three bytes, the separator (or the segment's end) after it; without one,
        // the ID runs to the first separator.
        var index = range.lowerBound
        if code == UInt32.max {
            while index < range.upperBound, bytes[index] != separator { index &+= 1 }
        } else {
            index &+= code > 0xFFFF ? 3 : code > 0xFF ? 2 : 1
        }
        guard index < range.upperBound, let base = bytes.baseAddress else { return }
        // At most one element per byte after the ID, and one more: room for all of them first, so that the loop
        // stores each range without a check, through locals the loop keeps in registers.
        let most = range.upperBound &- index &+ 1
        if most > capacity { reserve(most) }
        let out = ranges
        var loaded = 0
        // Every separator of the segment in one pass, sixteen bytes a step (`dg_match16`, one bit per byte, the
        // segment's last step masked to its bytes) while sixteen are left in the buffer, then byte by byte. Elements
        // are short, so one search per element would cost its setup for a few bytes each time. Each element starts
        // after the one before it ends (`start` never passes a separator found after it): the ranges are made without
        // Range's check.
        var start = index &+ 1
        var position = start
        let end = range.upperBound
        let wholeChunks = bytes.count &- 16
        while position < end, position <= wholeChunks {
            var matches = dg_match16(base + position, separator)
            let left = end &- position
            if left < 16 { matches &= (1 << UInt32(left)) &- 1 }
            while matches != 0 {
                let at = position &+ matches.trailingZeroBitCount
                (out + loaded).initialize(to: Range(uncheckedBounds: (start, at)))
                loaded &+= 1
                start = at &+ 1
                matches &= matches &- 1
            }
            position &+= 16
        }
        while position < end {
            if bytes[position] == separator {
                (out + loaded).initialize(to: Range(uncheckedBounds: (start, position)))
                loaded &+= 1
                start = position &+ 1
            }
            position &+= 1
        }
        (out + loaded).initialize(to: Range(uncheckedBounds: (start, end)))
        count = loaded &+ 1
    }

    /// Room for `minimum` ranges; what was loaded is dropped (`load` calls it before loading any).
    private mutating func reserve(_ minimum: Int) {
        while capacity < minimum { capacity *= 2 }
        ranges.deallocate()
        ranges = .allocate(capacity: capacity)
    }

    /// The segment's ID packed as `X12SetDefinition.code` does (compared with `X12SegmentCode`), `UInt32.max` for
    /// an ID that is not 1–3 non-zero bytes (no constant matches it). Inlined: the mapper's counting pass calls it for every
    /// segment.
    @inline(__always)
    static func code(of range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>, separator: UInt8) -> UInt32 {
        // IDs of one to three bytes followed by a separator, read at once (nearly every segment).
        let lower = range.lowerBound
        if range.upperBound &- lower >= 4 {
            let (b0, b1, b2, b3) = (bytes[lower], bytes[lower &+ 1], bytes[lower &+ 2], bytes[lower &+ 3])
            if b0 != separator, b0 != 0, b1 != 0 || b1 == separator {
                if b1 == separator { return UInt32(b0) }
                if b2 == separator { return UInt32(b0) << 8 | UInt32(b1) }
                if b2 != 0, b3 == separator { return UInt32(b0) << 16 | UInt32(b1) << 8 | UInt32(b2) }
            }
        }
        var index = lower
        var packed: UInt32 = 0
        var length = 0
        var valid = true
        while index < range.upperBound, bytes[index] != separator {
            let byte = bytes[index]
            if byte == 0 || length >= 3 { valid = false } else { packed = packed << 8 | UInt32(byte) }
            length &+= 1
            index &+= 1
        }
        return valid && length > 0 ? packed : UInt32.max
    }

    /// The byte range of element `position`, nil when absent or empty.
    @inline(__always)
    func range(_ position: Int) -> Range<Int>? {
        guard position >= 1, position <= count else { return nil }
        let range = ranges[position &- 1]
        return range.isEmpty ? nil : range
    }

    /// The element's bytes, nil when absent or empty.
    @inline(__always)
    func value(_ position: Int) -> UnsafeBufferPointer<UInt8>? {
        range(position).map { UnsafeBufferPointer(rebasing: bytes[$0]) }
    }

    /// Element `position` packed as a segment ID is (up to three non-zero bytes, big-endian), to compare with an
    /// `X12QualifierCode`: 0 when absent or empty, `UInt32.max` when it cannot be a code of up to three bytes.
    @inline(__always)
    func qualifier(_ position: Int) -> UInt32 {
        guard let range = range(position) else { return 0 }
        guard range.count <= 3 else { return UInt32.max }
        var packed: UInt32 = 0
        for index in range {
            let byte = bytes[index]
            if byte == 0 { return UInt32.max }
            packed = packed << 8 | UInt32(byte)
        }
        return packed
    }

    /// The element's text, or nil when absent or empty: `X12Segment.subscript`. A text too long for a small string
    /// is taken from the memo when there is one.
    subscript(position: Int) -> String? {
        guard let range = range(position) else { return nil }
        if range.count > 15, let memo { return memo._withUnsafeGuaranteedRef { $0.text(bytes, range) } }
        return ElementText.string(bytes, range, smallLayout: smallStrings)
    }

    /// The element's text (`subscript`), as `existing` when it holds the same bytes: a text too long for a small
    /// string is then shared rather than made again.
    func text(_ position: Int, reusing existing: String?) -> String? {
        guard let range = range(position) else { return nil }
        if range.count > 15, let existing,
            ElementText.holds(existing, UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[range]))
        {
            return existing
        }
        return self[position]
    }

    /// These fields reading every text without the memo: for values that come once (a consumer's), which a
    /// look-up cannot find and would only evict others for.
    var unshared: X12SegmentFields {
        var fields = self
        fields.memo = nil
        return fields
    }

    /// Element `position` as an exact decimal (`PurchaseOrderMapper.decimal`), nil when absent, empty or not a
    /// number; a value of up to eight bytes is taken from the memo when there is one.
    func decimal(_ position: Int) -> Decimal? {
        guard let value = value(position) else { return nil }
        guard let memo, value.count <= 8 else {
            return PurchaseOrderMapper.isDecimalText(value) ? PurchaseOrderMapper.decimal(checked: value) : nil
        }
        // The bytes checked and packed in one pass, lowest first: no byte of a decimal's text is 0, so no two texts
        // pack alike.
        var packed: UInt64 = 0
        var valid = true
        var offset = value.count
        while offset > 0 {
            offset &-= 1
            let byte = value[offset]
            valid = valid && PurchaseOrderMapper.isDecimalByte(byte)
            packed = packed << 8 | UInt64(byte)
        }
        guard valid else { return nil }
        return memo._withUnsafeGuaranteedRef { $0.number(packed) { PurchaseOrderMapper.decimal(checked: value) } }
    }

    /// Element `position` is exactly `text` (no `String` made).
    func has(_ position: Int, _ text: StaticString) -> Bool {
        guard position >= 1, position <= count else { return false }
        let range = ranges[position &- 1]
        guard range.count == text.utf8CodeUnitCount else { return false }
        return text.withUTF8Buffer { expected in
            for offset in 0..<expected.count where bytes[range.lowerBound &+ offset] != expected[offset] {
                return false
            }
            return true
        }
    }

    static func code(_ id: StaticString) -> UInt32 {
        id.withUTF8Buffer { $0.reduce(0) { $0 << 8 | UInt32($1) } }
    }
}

/// The segment IDs the 850 mapper reads, as codes. Literals, so that reading one costs no lazy initialisation
/// (the tests check them against `X12SegmentFields.code`).
enum X12SegmentCode {
    static let beg: UInt32 = 0x424547  // BEG
    static let cur: UInt32 = 0x435552  // CUR
    static let ref: UInt32 = 0x524546  // REF
    static let dtm: UInt32 = 0x44544D  // DTM
    static let td5: UInt32 = 0x544435  // TD5
    static let n1: UInt32 = 0x4E31  // N1
    static let n2: UInt32 = 0x4E32  // N2
    static let n3: UInt32 = 0x4E33  // N3
    static let n4: UInt32 = 0x4E34  // N4
    static let per: UInt32 = 0x504552  // PER
    static let po1: UInt32 = 0x504F31  // PO1
    static let pid: UInt32 = 0x504944  // PID
    static let msg: UInt32 = 0x4D5347  // MSG
    static let nte: UInt32 = 0x4E5445  // NTE
    static let n9: UInt32 = 0x4E39  // N9
    static let sac: UInt32 = 0x534143  // SAC
    static let ctt: UInt32 = 0x435454  // CTT
    static let amt: UInt32 = 0x414D54  // AMT
    static let tds: UInt32 = 0x544453  // TDS
    static let se: UInt32 = 0x5345  // SE
}
