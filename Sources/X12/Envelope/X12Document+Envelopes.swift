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
        var groups: [X12FunctionalGroup] = []
        var loose: [Int] = []
        var openGroup: X12FunctionalGroup? = nil
        var openSet: X12TransactionSet? = nil
        var groupControls: Set<String> = []
        var setControls: Set<String> = []
        let lastSegment = interchange.trailerIndex ?? (interchange.segments.upperBound - 1)

        func location(_ index: Int, element: Int? = nil) -> X12Location {
            let segment = segment(index)
            var where_ = X12Location(
                byteOffset: segment.byteOffset, segmentIndex: index, segmentID: segment.hasValidID ? segment.id : nil,
                elementPosition: element, interchange: interchangeIndex)
            if openGroup != nil { where_.group = groups.count }
            if let openSet {
                where_.set = openGroup?.sets.count
                where_.segmentPosition = index - openSet.segments.lowerBound + 1
            }
            if let element, let range = segment.element(element)?.range { where_.byteOffset = range.lowerBound }
            return where_
        }

        func closeSet(trailer: Int?, endingBefore end: Int) {
            guard var set = openSet else { return }
            set.segments = set.segments.lowerBound..<end
            set.trailerIndex = trailer
            if let trailer {
                let se = segment(trailer)
                let counted = end - set.segments.lowerBound
                let declared = se[1] ?? ""
                if Int(declared) != counted {
                    envelopeErrors.append(
                        X12Error(.segmentCountMismatch(declared: declared, counted: counted), at: location(trailer, element: 1)))
                }
                let trailerControl = se[2] ?? ""
                if trailerControl != set.controlNumber {
                    envelopeErrors.append(
                        X12Error(
                            .setControlMismatch(header: set.controlNumber, trailer: trailerControl),
                            at: location(trailer, element: 2)))
                }
            } else {
                envelopeErrors.append(X12Error(.missingSE, at: location(max(set.segments.lowerBound, end - 1))))
            }
            openGroup?.sets.append(set)
            openSet = nil
        }

        func closeGroup(trailer: Int?, at index: Int) {
            guard var group = openGroup else { return }
            group.trailerIndex = trailer
            openGroup = group
            if let trailer {
                let ge = segment(trailer)
                let declared = ge[1] ?? ""
                if Int(declared) != group.sets.count {
                    envelopeErrors.append(
                        X12Error(.setCountMismatch(declared: declared, counted: group.sets.count), at: location(trailer, element: 1)))
                }
                let trailerControl = ge[2] ?? ""
                if trailerControl != group.controlNumber {
                    envelopeErrors.append(
                        X12Error(
                            .groupControlMismatch(header: group.controlNumber, trailer: trailerControl),
                            at: location(trailer, element: 2)))
                }
            } else {
                envelopeErrors.append(X12Error(.missingGE, at: location(index)))
            }
            groups.append(group)
            openGroup = nil
        }

        let separator = interchange.delimiters.element
        var index = interchange.segments.lowerBound + 1
        while index <= lastSegment {
            defer { index += 1 }
            if index == interchange.trailerIndex {
                closeSet(trailer: nil, endingBefore: index)
                closeGroup(trailer: nil, at: index)
                break
            }
            // Fast path: a body segment inside an open set needs no look beyond its first bytes.
            let tag = envelopeTag(of: index, separator: separator)
            if tag == .other, openSet != nil { continue }
            let current = segment(index)
            if !current.hasValidID {
                if openSet == nil {
                    envelopeErrors.append(X12Error(.segmentOutsideGroup(current.id), at: location(index)))
                }
                continue  // inside a set: the validator reports the bad ID (AK304 1).
            }
            if tag == .gs {
                closeSet(trailer: nil, endingBefore: index)
                closeGroup(trailer: nil, at: index)
                openGroup = readGroupHeader(current, at: index)
                setControls = []
                let control = openGroup?.controlNumber ?? ""
                var where_ = location(index, element: 6)
                where_.group = groups.count
                if !groupControls.insert(control).inserted {
                    envelopeErrors.append(X12Error(.duplicateGroupControl(control), at: where_))
                }
                checkGroupHeader(current, location: where_)
            } else if tag == .st {
                closeSet(trailer: nil, endingBefore: index)
                guard let group = openGroup else {
                    envelopeErrors.append(X12Error(.segmentOutsideGroup("ST"), at: location(index)))
                    continue
                }
                let id = current[1] ?? ""
                let control = current[2] ?? ""
                openSet = X12TransactionSet(
                    id: id, controlNumber: control, implementationReference: current[3], segments: index..<(index + 1),
                    trailerIndex: nil)
                let where_ = location(index, element: 2)
                if !setControls.insert(control).inserted {
                    envelopeErrors.append(X12Error(.duplicateSetControl(control), at: where_))
                }
                // Implementation guides (GS08 `…X357`) may assign their own GS01; base X12 and industry
                // conventions (VICS, UCS) keep the standard's.
                let isGuide = group.version.convention?.hasPrefix("X") ?? false
                if !isGuide, let expected = Self.functionalIDs[id], expected != group.functionalID {
                    envelopeErrors.append(
                        X12Error(.setDoesNotFitGroup(setID: id, functionalID: group.functionalID), at: location(index, element: 1)))
                }
            } else if tag == .se {
                if openSet != nil {
                    closeSet(trailer: index, endingBefore: index + 1)
                } else {
                    envelopeErrors.append(X12Error(.segmentOutsideGroup("SE"), at: location(index)))
                }
            } else if tag == .ge {
                closeSet(trailer: nil, endingBefore: index)
                if openGroup != nil {
                    closeGroup(trailer: index, at: index)
                } else {
                    envelopeErrors.append(X12Error(.segmentOutsideGroup("GE"), at: location(index)))
                }
            } else if openSet == nil {
                if openGroup == nil, tag == .ta1 {
                    loose.append(index)
                } else {
                    envelopeErrors.append(X12Error(.segmentOutsideGroup(current.id), at: location(index)))
                }
            }
        }
        closeSet(trailer: nil, endingBefore: lastSegment + 1)
        closeGroup(trailer: nil, at: lastSegment)

        interchange.groups = groups
        interchange.looseSegments = loose
        if let trailer = interchange.trailerIndex {
            let iea = segment(trailer)
            let declared = iea[1] ?? ""
            if Int(declared) != groups.count {
                var where_ = location(trailer, element: 1)
                where_.group = nil
                envelopeErrors.append(X12Error(.groupCountMismatch(declared: declared, counted: groups.count), at: where_))
            }
            let control = iea[2] ?? ""
            if control != interchange.header.controlNumber {
                var where_ = location(trailer, element: 2)
                where_.group = nil
                envelopeErrors.append(
                    X12Error(
                        .interchangeControlMismatch(header: interchange.header.controlNumber, trailer: control),
                        at: where_))
            }
        }
        interchanges[interchangeIndex] = interchange
    }

    enum EnvelopeTag { case gs, st, se, ge, ta1, other }

    /// Which envelope segment (if any) a segment is, from its first bytes.
    func envelopeTag(of index: Int, separator: UInt8) -> EnvelopeTag {
        let range = segmentRanges[index]
        let length = range.count
        guard length >= 2 else { return .other }
        let first = bytes[range.lowerBound]
        let second = bytes[range.lowerBound + 1]
        let endsAfterTwo = length == 2 || bytes[range.lowerBound + 2] == separator
        if endsAfterTwo {
            switch (first, second) {
            case (0x47, 0x53): return .gs
            case (0x53, 0x54): return .st
            case (0x53, 0x45): return .se
            case (0x47, 0x45): return .ge
            default: return .other
            }
        }
        if length >= 3, first == 0x54, second == 0x41, bytes[range.lowerBound + 2] == 0x31,
            length == 3 || bytes[range.lowerBound + 3] == separator
        {
            return .ta1
        }
        return .other
    }

    private func readGroupHeader(_ gs: X12Segment, at index: Int) -> X12FunctionalGroup {
        X12FunctionalGroup(
            functionalID: gs[1] ?? "", senderCode: gs[2] ?? "", receiverCode: gs[3] ?? "", date: gs[4] ?? "",
            time: gs[5] ?? "", controlNumber: gs[6] ?? "", agency: gs[7] ?? "", version: X12Version(gs[8] ?? ""),
            sets: [], headerIndex: index, trailerIndex: nil)
    }

    private mutating func checkGroupHeader(_ gs: X12Segment, location: X12Location) {
        func report(_ position: Int, _ reason: String) {
            var where_ = location
            where_.elementPosition = position
            if let range = gs.element(position)?.range { where_.byteOffset = range.lowerBound }
            envelopeErrors.append(X12Error(.groupHeaderElement(position: position, reason: reason), at: where_))
        }
        if (gs[1] ?? "").count != 2 { report(1, "is not a two-letter functional identifier") }
        if !X12Syntax.isDate(gs[4] ?? "", digits: 8) { report(4, "is not a valid CCYYMMDD date") }
        if !X12Syntax.isTime(gs[5] ?? "") { report(5, "is not a valid time") }
        let control = gs[6] ?? ""
        if control.isEmpty || control.count > 9 || !X12Syntax.isDigits(control) {
            report(6, "is not a control number of 1 to 9 digits")
        }
        if (gs[8] ?? "").isEmpty { report(8, "is missing: no version") }
    }
}
