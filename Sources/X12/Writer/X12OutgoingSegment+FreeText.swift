extension X12OutgoingSegment {
    /// The segment with every delimiter character in its values replaced by `replacement`. X12 has no escape, so
    /// free text we compose (an MSG reason, a note) must not carry the partner's delimiters; the writer refuses
    /// them in any element, which is right for codes and identifiers.
    public func replacingDelimiters(_ delimiters: X12Delimiters, with replacement: Character = " ") -> Self {
        var reserved = [delimiters.element, delimiters.component, delimiters.segment]
        if let repetition = delimiters.repetition { reserved.append(repetition) }
        func holds(_ text: String) -> Bool { text.utf8.contains { reserved.contains($0) } }
        // Nearly all text holds no delimiter: the segment as it is, with no string rebuilt.
        guard elements.contains(where: { $0.contains { $0.contains(where: holds) } }) else { return self }
        let clean: (String) -> String = { text in
            guard holds(text) else { return text }
            return String(
                text.map { character in
                    character.utf8.count == 1 && reserved.contains(character.utf8.first ?? 0) ? replacement : character
                })
        }
        return X12OutgoingSegment(id, elements: elements.map { $0.map { $0.map(clean) } })
    }
}
