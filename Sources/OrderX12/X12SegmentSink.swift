import Foundation
import Orders
import X12

/// Where a set we write puts its segments: kept as values (`X12SegmentList`, which tests and checks read) or written
/// straight into the bytes of the interchange that carries it (`X12WrittenBody`). A set's writer writes its
/// segments once, against this, and either form holds the same segments.
protocol X12SegmentSink {
    /// Starts a segment.
    mutating func begin(_ id: String)
    /// Its next simple element, nil or "" for an empty one.
    mutating func element(_ value: String?)
    /// Its next element, a decimal in plain notation (R): `X12Text.number`.
    mutating func number(_ value: Decimal)
    /// Ends the segment begun last; trailing empty elements are not written.
    mutating func end()
}

extension X12SegmentSink {
    /// A segment of up to twelve simple elements, nil for an empty one: `sink.segment("REF", "CN", tracking)`. Listed
    /// rather than variadic, so that no array is made for a segment written straight into bytes.
    mutating func segment(
        _ id: String, _ e1: String? = nil, _ e2: String? = nil, _ e3: String? = nil, _ e4: String? = nil,
        _ e5: String? = nil, _ e6: String? = nil, _ e7: String? = nil, _ e8: String? = nil, _ e9: String? = nil,
        _ e10: String? = nil, _ e11: String? = nil, _ e12: String? = nil
    ) {
        begin(id)
        element(e1)
        element(e2)
        element(e3)
        element(e4)
        element(e5)
        element(e6)
        element(e7)
        element(e8)
        element(e9)
        element(e10)
        element(e11)
        element(e12)
        end()
    }

    /// A segment of simple elements given as a list.
    mutating func segment(_ id: String, elements: [String?]) {
        begin(id)
        for value in elements { element(value) }
        end()
    }
}

/// Segments kept as values; their free text is cleaned of the partner's delimiters when the set is written
/// (`X12Text.cleaningFreeText`).
struct X12SegmentList: X12SegmentSink {
    private(set) var segments: [X12OutgoingSegment] = []
    private var id = ""
    private var elements: [String?] = []

    init(capacity: Int) { segments.reserveCapacity(capacity) }

    mutating func begin(_ id: String) {
        self.id = id
        elements.removeAll(keepingCapacity: true)
    }

    mutating func element(_ value: String?) { elements.append(value) }

    mutating func number(_ value: Decimal) { elements.append(X12Text.number(value)) }

    mutating func end() {
        while let last = elements.last, last?.isEmpty ?? true { elements.removeLast() }
        segments.append(X12OutgoingSegment(id, simpleElements: elements))
    }
}

extension X12WrittenBody: X12SegmentSink {
    /// Its free text (`X12Text.freeTextPositions`) is written with the partner's delimiters made spaces.
    mutating func begin(_ id: String) {
        begin(id, freeText: X12Text.freeTextPositions(of: id))
    }

    /// Its digits written where they go, with no string made for them.
    mutating func number(_ value: Decimal) {
        element { value.writePlainText(into: &$0) }
    }
}

/// A set we write from an order (the 856, the 810): its segments written once, against a sink, and so either kept as
/// values or written straight into the bytes of the interchange that carries it.
protocol X12SetWriting {
    /// ST01.
    static var setID: String { get }
    /// Writes the set's body, between ST and SE, to `body`.
    func write(for order: PurchaseOrder, to body: inout some X12SegmentSink) throws(ShipmentError)
}

extension X12SetWriting {
    /// The set with its segments kept as values (`capacity` of them expected).
    func keptSet(for order: PurchaseOrder, capacity: Int) throws(ShipmentError) -> X12OutgoingSet {
        var body = X12SegmentList(capacity: capacity)
        try write(for: order, to: &body)
        return X12OutgoingSet(id: Self.setID, body: body.segments)
    }

    /// The same set, its body written straight into bytes with `format`'s delimiters: what an interchange carries.
    func writtenSet(for order: PurchaseOrder, format: X12ReplyFormat) throws -> X12OutgoingSet {
        var body = X12WrittenBody(delimiters: format.delimiters, lineBreak: format.lineBreak)
        try write(for: order, to: &body)
        return X12OutgoingSet(id: Self.setID, written: try body.finished())
    }
}
