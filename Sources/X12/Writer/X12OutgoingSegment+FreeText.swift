extension X12OutgoingSegment {
    /// The segment with every delimiter character in its values replaced by `replacement`. X12 has no escape, so
    /// free text we compose (an MSG reason, a note) must not carry the partner's delimiters; the writer refuses
    /// them in any element, which is right for codes and identifiers.
    public func replacingDelimiters(_ delimiters: X12Delimiters, with replacement: Character = " ") -> Self {
        var reserved: Set<UInt8> = [delimiters.element, delimiters.component, delimiters.segment]
        if let repetition = delimiters.repetition { reserved.insert(repetition) }
        let clean: (String) -> String = { text in
            String(text.map { character in
                character.utf8.count == 1 && reserved.contains(character.utf8.first ?? 0) ? replacement : character
            })
        }
        return X12OutgoingSegment(id, elements: elements.map { $0.map { $0.map(clean) } })
    }
}
