/// What a stream hands out, in input order.
public enum X12StreamEvent: Sendable {
    /// A transaction set whose SE (or the envelope segment after it) has been read.
    case transactionSet(X12StreamSet)
    /// An interchange has ended: its IEA, the next ISA or the end of input. Boxed: inline, its header and groups
    /// would make every event (a set's, too) a few hundred bytes that each move copies.
    indirect case interchangeEnd(X12StreamInterchange)
}

/// One transaction set read from a stream, with its envelopes. It keeps its own bytes and segment ranges: the
/// validator checks them where they are, and `document` makes a small document of them on request, so that the
/// acknowledgement and the mappers run on it unchanged.
public struct X12StreamSet: Sendable {
    /// What a set holds, immutable and shared by every copy of it: an event is handed on and taken apart by value
    /// several times per set, and a copy then costs one reference count, not one for each of the few dozen strings
    /// of its envelopes.
    private final class Storage: Sendable {
        /// The set's bytes, ST through the end of its last segment, and their segment ranges (the ST at byte 0).
        let bytes: [UInt8]
        let ranges: [Range<Int>]
        /// The set with file-wide indices, and its index in its group.
        let set: X12TransactionSet
        let setIndex: Int
        /// Its interchange's ISA and its group's GS, shared with the other sets.
        let interchange: X12StreamInterchangeHeader
        let group: X12StreamGroupHeader
        /// How many segments the stream had read when it handed out the set: the end of `context.interchange`'s
        /// segments.
        let interchangeSegmentCount: Int
        let byteOffset: Int
        let envelopeErrors: [X12Error]

        init(
            bytes: [UInt8], ranges: [Range<Int>], set: X12TransactionSet, setIndex: Int,
            interchange: X12StreamInterchangeHeader, group: X12StreamGroupHeader, interchangeSegmentCount: Int,
            byteOffset: Int, envelopeErrors: [X12Error]
        ) {
            self.bytes = bytes
            self.ranges = ranges
            self.set = set
            self.setIndex = setIndex
            self.interchange = interchange
            self.group = group
            self.interchangeSegmentCount = interchangeSegmentCount
            self.byteOffset = byteOffset
            self.envelopeErrors = envelopeErrors
        }
    }

    private let storage: Storage
    private var bytes: [UInt8] { storage.bytes }
    private var ranges: [Range<Int>] { storage.ranges }
    /// The set with file-wide indices, as `X12Document.transactionSets` gives it. Its `interchange` carries the
    /// header and delimiters; its groups are not filled in (they are still being read), nor are its group's sets.
    /// Made on each request (it copies the envelopes' strings): `transactionSet` and `validate` need none.
    public var context: X12SetContext {
        let interchange = storage.interchange
        return X12SetContext(
            interchangeIndex: interchange.index, groupIndex: storage.group.index, setIndex: storage.setIndex,
            interchange: X12Interchange(
                delimiters: interchange.delimiters, header: interchange.header, groups: [],
                segments: interchange.firstSegment..<storage.interchangeSegmentCount, trailerIndex: nil,
                looseSegments: [], byteRange: interchange.startOffset..<(storage.byteOffset + storage.bytes.count)),
            group: storage.group.group, set: storage.set)
    }
    /// Its interchange's index in the file, its group's in the interchange and its own in the group, as `context`
    /// has them, without making the context.
    public var envelopeIndices: (interchange: Int, group: Int, set: Int) {
        (storage.interchange.index, storage.group.index, storage.setIndex)
    }
    /// The set (ST01, ST02, ST03, file-wide segment indices), without its envelopes.
    public var transactionSet: X12TransactionSet { storage.set }
    /// File offset of the ST.
    public var byteOffset: Int { storage.byteOffset }
    /// Interchange, group and set problems found since the previous event, in file coordinates.
    public var envelopeErrors: [X12Error] { storage.envelopeErrors }

    init(
        bytes: consuming [UInt8], ranges: consuming [Range<Int>], set: consuming X12TransactionSet, setIndex: Int,
        interchange: X12StreamInterchangeHeader, group: X12StreamGroupHeader, interchangeSegmentCount: Int,
        byteOffset: Int, envelopeErrors: consuming [X12Error]
    ) {
        storage = Storage(
            bytes: bytes, ranges: ranges, set: set, setIndex: setIndex, interchange: interchange, group: group,
            interchangeSegmentCount: interchangeSegmentCount, byteOffset: byteOffset, envelopeErrors: envelopeErrors)
    }

    /// The set's bytes, ST through its last segment, with the interchange and group around it. Offsets and indices
    /// in it are local (the ST is segment 0 at byte 0); `fileLocation(_:)` turns them into file coordinates. Made
    /// on each request: reading and validating a stream need none.
    public var document: X12Document {
        X12Document(
            window: bytes, ranges: ranges, header: storage.interchange.header,
            delimiters: storage.interchange.delimiters, group: storage.group.group, set: storage.set)
    }

    /// The set inside `document`, with local indices.
    public var localContext: X12SetContext { documentAndContext.context }

    /// `document` and `localContext` together, the document made once (the context is read from it).
    public var documentAndContext: (document: X12Document, context: X12SetContext) {
        let document = document
        let interchange = document.interchanges[0]
        return (
            document,
            X12SetContext(
                interchangeIndex: 0, groupIndex: 0, setIndex: 0, interchange: interchange,
                group: interchange.groups[0], set: interchange.groups[0].sets[0])
        )
    }

    /// A location found in `document` as it is in the file: byte offset, segment index and envelope indices.
    public func fileLocation(_ location: X12Location) -> X12Location {
        var result = location
        result.byteOffset += byteOffset
        result.segmentIndex = location.segmentIndex.map { $0 + storage.set.segments.lowerBound }
        if location.interchange != nil { result.interchange = storage.interchange.index }
        if location.group != nil { result.group = storage.group.index }
        if location.set != nil { result.set = storage.setIndex }
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

    /// `validate(with:rules:)` with what the previous sets' checks kept (`X12StreamValidation` keeps it). The set
    /// is checked on its own bytes, with locations in the file: what validating `document` and moving each
    /// location with `fileLocation(_:)` gives.
    func validate(with validator: X12Validator, rules: X12PartnerRules?, cache: inout X12ValidationCache)
        -> X12ValidationReport
    {
        validator.validate(
            window: bytes, ranges: ranges, set: storage.set,
            version: storage.group.group.version, delimiters: storage.interchange.delimiters, byteBase: byteOffset,
            indexBase: storage.set.segments.lowerBound,
            envelopes: (storage.interchange.index, storage.group.index, storage.setIndex), rules: rules,
            cache: &cache)
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
