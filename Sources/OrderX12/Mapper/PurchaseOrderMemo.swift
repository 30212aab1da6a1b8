import Foundation
import X12

/// What mapping a run of 850s has already made, for the orders after it: the text of long element values and the
/// decimals of quantities and prices. Item descriptions, ship-from names, carrier routings and prices come again
/// and again in a file of orders (a catalog's items, one supplier's nodes); each is made once, and later orders share
/// its storage: a retain instead of an allocation, a copy and a parse. Values that do not repeat (a consumer's name
/// and street) are not asked for: the mapper makes them itself.
///
/// Bounded and exact: a fixed table per kind, each value in the slot its hash picks, replacing what was there. A
/// value is only ever taken from an entry whose bytes are its own, so the orders are the same with the memo as
/// without it. `X12Document.purchaseOrders` keeps one for the document; a reader of a stream passes one to each
/// set's `purchaseOrder(origin:memo:)`. Not for use from two threads at once.
public final class PurchaseOrderMemo {
    private struct Text {
        var hash: UInt64 = 0
        var text: String = ""
    }

    private struct Number {
        /// The value's bytes packed, as `X12SegmentFields.decimal` packs them; 0 for an empty slot, which no value
        /// packs to.
        var key: UInt64 = 0
        var value = Decimal()
    }

    /// Made for the second order (`startOrder`): a lone order has nothing to share with another.
    private var texts: UnsafeMutablePointer<Text>? = nil
    private var numbers: UnsafeMutablePointer<Number>? = nil
    private var orders = 0
    /// The slot counts, as powers of two: a slot is the top bits of a hash.
    private let textBits: Int
    private let numberBits: Int

    /// A memo of 4,096 texts (about 100 KB with their entries, beside the texts) and 1,024 numbers, made at the
    /// second order.
    public convenience init() { self.init(textBits: 12, numberBits: 10) }

    /// A memo of 2^`textBits` texts and 2^`numberBits` numbers (0 for one slot each, as the tests use it).
    init(textBits: Int, numberBits: Int) {
        precondition((0...20).contains(textBits) && (0...20).contains(numberBits))
        self.textBits = textBits
        self.numberBits = numberBits
    }

    deinit {
        texts?.deinitialize(count: 1 << textBits)
        texts?.deallocate()
        numbers?.deinitialize(count: 1 << numberBits)
        numbers?.deallocate()
    }

    /// Counts an order about to be mapped; whether the memo serves it, as it does every order from the second on.
    func startOrder() -> Bool {
        orders += 1
        guard orders >= 2 else { return false }
        if texts == nil {
            let texts = UnsafeMutablePointer<Text>.allocate(capacity: 1 << textBits)
            texts.initialize(repeating: Text(), count: 1 << textBits)
            self.texts = texts
            let numbers = UnsafeMutablePointer<Number>.allocate(capacity: 1 << numberBits)
            numbers.initialize(repeating: Number(), count: 1 << numberBits)
            self.numbers = numbers
        }
        return true
    }

    /// The text of `bytes[range]`, made once for the same bytes (only after `startOrder` said yes).
    func text(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        let value = UnsafeRawBufferPointer(start: bytes.baseAddress! + range.lowerBound, count: range.count)
        let hash = X12ByteHash.hash(value)
        let slot = texts! + Int(truncatingIfNeeded: hash >> (64 - textBits))
        if slot.pointee.hash == hash, ElementText.holds(slot.pointee.text, value) { return slot.pointee.text }
        let text = String(decoding: value, as: UTF8.self)
        slot.pointee = Text(hash: hash, text: text)
        return text
    }

    /// The decimal of `packed` (the bytes of a value of up to eight bytes), made by `make` once for the same bytes
    /// (only after `startOrder` said yes).
    @inline(__always)
    func number(_ packed: UInt64, _ make: () -> Decimal?) -> Decimal? {
        let slot = numbers! + Int(truncatingIfNeeded: (packed &* 0x9E37_79B9_7F4A_7C15) >> (64 - numberBits))
        if slot.pointee.key == packed { return slot.pointee.value }
        guard let value = make() else { return nil }
        slot.pointee = Number(key: packed, value: value)
        return value
    }
}
