/// What a stream hands out, in input order.
public enum X12StreamEvent: Sendable {
    /// A transaction set whose SE (or the envelope segment after it) has been read.
    case transactionSet(X12StreamSet)
    /// An interchange has ended: its IEA, the next ISA or the end of input.
    case interchangeEnd(X12StreamInterchange)
}

/// One transaction set read from a stream, with its envelopes, as a small document of its own so that the
/// validator, the acknowledgement and the mappers run on it unchanged.
public struct X12StreamSet: Sendable {
    /// The set's bytes, ST through its last segment, with the interchange and group around it. Offsets and indices
    /// in it are local (the ST is segment 0 at byte 0); `fileLocation(_:)` turns them into file coordinates.
    public let document: X12Document
    /// The set with file-wide indices, as `X12Document.transactionSets` gives it. Its `interchange` carries the
    /// header and delimiters; its groups are not filled in (they are still being read).
    public let context: X12SetContext
    /// File offset of the ST.
    public let byteOffset: Int
    /// Interchange, group and set problems found since the previous event, in file coordinates.
    public let envelopeErrors: [X12Error]

    /// The set inside `document`, with local indices.
    public var localContext: X12SetContext {
        X12SetContext(
            interchangeIndex: 0, groupIndex: 0, setIndex: 0, interchange: document.interchanges[0],
            group: document.interchanges[0].groups[0], set: document.interchanges[0].groups[0].sets[0])
    }

    /// A location found in `document` as it is in the file: byte offset, segment index and envelope indices.
    public func fileLocation(_ location: X12Location) -> X12Location {
        var result = location
        result.byteOffset += byteOffset
        result.segmentIndex = location.segmentIndex.map { $0 + context.set.segments.lowerBound }
        if location.interchange != nil { result.interchange = context.interchangeIndex }
        if location.group != nil { result.group = context.groupIndex }
        if location.set != nil { result.set = context.setIndex }
        return result
    }

    /// Checks the set against its definition (and `rules`), in file coordinates: what `X12Validator.validate`
    /// reports for this set in the whole file, without the envelope errors.
    public func validate(
        with validator: X12Validator = X12Validator(), rules: X12PartnerRules? = nil
    ) -> X12ValidationReport {
        var cache = X12ValidationCache()
        return validate(with: validator, rules: rules, cache: &cache)
    }

    /// `validate(with:rules:)` with what the previous sets' checks kept (`X12StreamValidation` keeps it).
    func validate(with validator: X12Validator, rules: X12PartnerRules?, cache: inout X12ValidationCache)
        -> X12ValidationReport
    {
        let report = validator.validate(document, rules: rules, cache: &cache)
        guard !report.errors.isEmpty else { return report }
        return X12ValidationReport(
            errors: report.errors.map { X12Error($0.kind, at: fileLocation($0.location)) },
            skippedChecks: report.skippedChecks)
    }
}

/// An interchange read from a stream, once it has ended.
public struct X12StreamInterchange: Sendable {
    public let index: Int
    /// Header, delimiters, groups (with their sets when `X12StreamOptions.keepsSetOutline`), segment indices and
    /// byte range in file coordinates.
    public let interchange: X12Interchange
    /// Problems found since the previous event, in file coordinates.
    public let envelopeErrors: [X12Error]
}
