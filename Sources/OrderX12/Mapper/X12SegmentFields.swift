import Foundation
import X12

/// One segment's elements, split once: the mapper asks for up to 25 elements of a segment, and reading each through
/// `X12Segment.subscript` would scan the segment again every time. Reads the document's bytes through a pointer
/// valid for the mapping (`PurchaseOrderMapper`), and is reused from segment to segment and order to order, so its
/// ranges are allocated once per mapper: by hand, as an array would ask whether it is uniquely referenced on every
/// append. Not copyable: it owns that memory and frees it when it goes.
struct X12SegmentFields: ~Copyable {
    let bytes: UnsafeBufferPointer<UInt8>
    /// Where long texts and decimals made before are found again, when the mapper serves the order from one (set
    /// per order).
    var memo: PurchaseOrderMemo?
    /// Whether texts are taken from the memo: false while the mapper reads values that come once (a consumer's
    /// name and street), which a look-up cannot find and would only evict others for.
    var sharesTexts = true
    /// `ranges[n - 1]` is element `n`; `count` of them are loaded, room for `capacity`.
    var ranges: UnsafeMutablePointer<Range<Int>>
    /// Room for a segment of 127 bytes after its ID (one range per byte at most), as nearly every segment is: more
    /// is made for a longer one.
    var capacity = 128
    var count = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        memo = nil
        ranges = .allocate(capacity: capacity)
    }

    deinit { ranges.deallocate() }

    /// The segment's ID as its code, `X12SegmentCode.invalid` for an ID that is not valid (no code the mapper
    /// reads matches it). Inlined: the mapper's counting pass calls it for every segment.
    @inline(__always)
    static func code(of range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>, separator: UInt8) -> X12SegmentCode {
        let (code, isValid) = X12SegmentCode.read(range, in: bytes, separator: separator)
        return isValid ? code : .invalid
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

    /// Element `position` packed as a segment ID is, to compare with an `X12QualifierCode`: raw value 0 when absent
    /// or empty, `invalid` when it cannot be a code of up to three bytes.
    @inline(__always)
    func qualifier(_ position: Int) -> X12SegmentCode {
        guard let range = range(position) else { return X12SegmentCode(rawValue: 0) }
        return X12SegmentCode(packing: UnsafeBufferPointer(rebasing: bytes[range])) ?? .invalid
    }

    /// The element's text, or nil when absent or empty: `X12Segment.subscript`. A text too long for a small string
    /// is taken from the memo when there is one and texts are shared.
    subscript(position: Int) -> String? {
        guard let range = range(position) else { return nil }
        if range.count > 15, sharesTexts, let memo { return memo.text(bytes, range) }
        return ElementText.string(bytes, range)
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
        return memo.number(packed) { PurchaseOrderMapper.decimal(checked: value) }
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
}
