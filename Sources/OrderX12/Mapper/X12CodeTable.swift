import X12

/// A code list the 850 mapper reads into a value, written once as text: each code's packed form (`X12SegmentCode`,
/// as `X12SegmentFields.qualifier` packs an element) is made from it when the table is. An element is compared packed,
/// with no `String` made, when it packs and is ASCII; otherwise as a `String`, with canonical equivalence, as the
/// documents' text is everywhere else.
struct X12CodeTable<Value: Sendable>: Sendable {
    private let entries: [(code: X12SegmentCode, text: String, value: Value)]
    /// The value of an element that is absent, empty or not in the list.
    let otherwise: Value

    init(_ pairs: KeyValuePairs<String, Value>, otherwise: Value) {
        entries = pairs.map { pair in
            var key = pair.key
            let code = key.withUTF8 { X12SegmentCode(packing: $0) } ?? .invalid
            return (code, pair.key, pair.value)
        }
        self.otherwise = otherwise
    }

    /// The value of element `position`.
    func value(_ segment: borrowing X12SegmentFields, _ position: Int) -> Value {
        let code = segment.qualifier(position)
        if code.rawValue == 0 { return otherwise }
        guard code == .invalid || !code.isASCII else {
            for entry in entries where entry.code == code { return entry.value }
            return otherwise
        }
        return value(segment[position])
    }

    /// The value of `text`.
    func value(_ text: String?) -> Value {
        guard let text else { return otherwise }
        for entry in entries where entry.text == text { return entry.value }
        return otherwise
    }
}
