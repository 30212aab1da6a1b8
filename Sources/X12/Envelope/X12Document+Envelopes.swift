extension X12Document {
    /// Which transaction sets belong in a group with a given GS01 (functional identifier code, element 479).
    static let functionalIDs: [String: String] = [
        "850": "PO", "855": "PR", "856": "SH", "810": "IN", "846": "IB", "860": "PC", "865": "CA", "997": "FA",
        "999": "FA", "820": "RA", "832": "SC", "852": "PD", "875": "OG", "880": "GP", "753": "OW", "754": "OW",
        "940": "OW", "945": "SW", "204": "SM", "214": "QM", "990": "GF", "824": "AG", "864": "TX", "816": "OR",
        "830": "PS", "862": "SS", "870": "RS", "869": "RS", "180": "AN", "812": "CD", "861": "RC", "943": "AR",
        "944": "RE", "947": "AW", "846X": "IB",
    ]

    /// Walks the segments of one interchange: groups and sets, trailers, counts and control numbers.
    mutating func buildEnvelopes(interchange interchangeIndex: Int) {
        var interchange = interchanges[interchangeIndex]
        var builder = X12EnvelopeBuilder(
            interchangeIndex: interchangeIndex, header: interchange.header, delimiters: interchange.delimiters,
            keepsSets: true, reportsClosedSets: false)
        let lastSegment = interchange.trailerIndex ?? (interchange.segments.upperBound - 1)
        // One copy of the document to read from: passing `self` from this mutating method would copy it (and
        // retain its arrays) for every segment.
        let lookup = self
        let trailerIndex = interchange.trailerIndex
        let separator = interchange.delimiters.element
        bytes.withUnsafeBufferPointer { bytes in
            segmentRanges.withUnsafeBufferPointer { ranges in
                var index = interchange.segments.lowerBound + 1
                while index <= lastSegment {
                    // A body segment inside an open set: nothing for the walk to do (its own fast path, inlined).
                    if builder.openSet != nil, index != trailerIndex,
                        X12SegmentScanner.envelopeTag(bytes, ranges[index], separator: separator) == .other
                    {
                        index += 1
                        continue
                    }
                    builder.consume(index, isTrailer: index == trailerIndex, in: lookup)
                    index += 1
                }
            }
        }
        builder.finish(trailer: interchange.trailerIndex, lastSegment: lastSegment, in: lookup)
        interchange.groups = builder.groups
        interchange.looseSegments = builder.loose
        envelopeErrors += builder.errors
        interchanges[interchangeIndex] = interchange
    }
}

extension X12Document: X12SegmentLookup {
    var byteBase: Int { 0 }

    func envelopeTag(of index: Int, separator: UInt8) -> X12EnvelopeTag {
        X12SegmentScanner.envelopeTag(bytes, segmentRanges[index], separator: separator)
    }
}
