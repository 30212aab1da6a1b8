/// A code list the 850 mapper reads into a value, written once as text: each code's packed form (as
/// `X12SegmentFields.qualifier` packs an element) is made from it when the table is. An element is compared packed,
/// with no `String` made, when it packs and is ASCII; otherwise as a `String`, with canonical equivalence, as the
/// documents' text is everywhere else.
struct X12CodeTable<Value: Sendable>: Sendable {
    private let entries: [(code: UInt32, text: String, value: Value)]
    /// The value of an element that is absent, empty or not in the list.
    let otherwise: Value

    init(_ pairs: KeyValuePairs<String, Value>, otherwise: Value) {
        entries = pairs.map { pair in
            let code = pair.key.utf8.count <= 3 ? pair.key.utf8.reduce(UInt32(0)) { $0 << 8 | UInt32($1) } : 0
            return (code, pair.key, pair.value)
        }
        self.otherwise = otherwise
    }

    /// The value of element `position`.
    func value(_ segment: X12SegmentFields, _ position: Int) -> Value {
        let code = segment.qualifier(position)
        if code == 0 { return otherwise }
        guard code == UInt32.max || code & 0x0080_8080 != 0 else {
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
