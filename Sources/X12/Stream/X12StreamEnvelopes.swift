/// The envelopes a stream's sets share: one of each per interchange and per group, so that a set holds two
/// references instead of copies of the ISA's and GS's few dozen strings.
final class X12StreamInterchangeHeader: Sendable {
    let index: Int
    let header: ISAHeader
    let delimiters: X12Delimiters
    /// File-wide index of its ISA, and the ISA's file offset.
    let firstSegment: Int
    let startOffset: Int

    init(index: Int, header: ISAHeader, delimiters: X12Delimiters, firstSegment: Int, startOffset: Int) {
        self.index = index
        self.header = header
        self.delimiters = delimiters
        self.firstSegment = firstSegment
        self.startOffset = startOffset
    }
}

/// A group's GS as a stream's sets share it (`X12EnvelopeBuilder.groupHeader(_:)`), with its index in the
/// interchange.
final class X12StreamGroupHeader: Sendable {
    let index: Int
    let group: X12FunctionalGroup

    init(index: Int, group: X12FunctionalGroup) {
        self.index = index
        self.group = group
    }
}
