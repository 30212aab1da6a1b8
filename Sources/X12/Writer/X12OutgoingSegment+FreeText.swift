extension X12OutgoingSegment {
    /// The segment with every delimiter character in its values replaced by `replacement`. X12 has no escape, so
    /// free text we compose (an MSG reason, a note) must not carry the partner's delimiters; the writer refuses
    /// them in any element, which is right for codes and identifiers.
    public func replacingDelimiters(_ delimiters: X12Delimiters, with replacement: Character = " ") -> Self {
        replacingDelimiters(delimiters, inElements: nil, with: replacement) ?? self
    }

    /// The segment with the delimiter characters in the elements at `positions` (X12's, from 1; every element when
    /// nil) replaced by `replacement`: the free-text elements of a segment whose others are codes. Nil when none of
    /// those holds one, as nearly all text does: no segment is copied to find that out.
    public func replacingDelimiters(
        _ delimiters: X12Delimiters, inElements positions: [Int]?, with replacement: Character = " "
    ) -> Self? {
        func holds(_ text: String) -> Bool { text.utf8.contains(where: delimiters.isDelimiter) }
        func clean(_ text: String) -> String {
            guard holds(text) else { return text }
            return String(
                text.map { character in
                    character.utf8.count == 1 && delimiters.isDelimiter(character.utf8.first ?? 0)
                        ? replacement : character
                })
        }
        func isChosen(_ index: Int) -> Bool { positions?.contains(index + 1) ?? true }
        switch values {
        case .simple(let values):
            guard values.indices.contains(where: { isChosen($0) && values[$0].map(holds) == true }) else { return nil }
            return X12OutgoingSegment(
                id, simpleElements: values.indices.map { isChosen($0) ? values[$0].map(clean) : values[$0] })
        case .nested(let elements):
            let holding = elements.indices.contains {
                isChosen($0) && elements[$0].contains { $0.contains(where: holds) }
            }
            guard holding else { return nil }
            return X12OutgoingSegment(
                id, elements: elements.indices.map { isChosen($0) ? elements[$0].map { $0.map(clean) } : elements[$0] })
        }
    }
}
