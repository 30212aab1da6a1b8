/// Reads segments by their file-wide index wherever they are kept: the whole input (`X12Document`) or the window a
/// stream holds (`X12StreamReader`).
protocol X12SegmentLookup {
    /// The segment with file-wide index `index`; its ranges index its own `bytes`.
    func segment(_ index: Int) -> X12Segment
    func envelopeTag(of index: Int, separator: UInt8) -> X12EnvelopeTag
    /// The file offset of `bytes[0]`: added to the ranges of `segment(_:)` to locate problems in the file.
    var byteBase: Int { get }
}

/// The envelope walk of one interchange, one segment at a time: groups and sets, trailers, counts and control
/// numbers. `X12Document` feeds it every segment of an interchange at once; `X12StreamReader` feeds it as segments
/// arrive and takes each set as it closes. The walk reads at most the current segment and the one before it.
struct X12EnvelopeBuilder {
    /// A set whose SE (or the envelope segment after it) has been read.
    struct ClosedSet {
        var set: X12TransactionSet
        /// The group header (its `sets` are not filled in).
        var group: X12FunctionalGroup
        var groupIndex: Int
        var setIndex: Int
    }

    let interchangeIndex: Int
    let controlNumber: String
    let separator: UInt8
    /// Whether closed groups keep their sets (a document does; a stream needs them only for an acknowledgement).
    let keepsSets: Bool
    /// Whether each closed set is also put in `closedSets` for the caller to take.
    let reportsClosedSets: Bool

    /// Closed groups, in order.
    private(set) var groups: [X12FunctionalGroup] = []
    /// TA1s and other segments sitting in the interchange outside any group.
    private(set) var loose: [Int] = []
    /// Problems found so far, in the order found; the caller may take them.
    var errors: [X12Error] = []
    var closedSets: [ClosedSet] = []
    private(set) var openSet: X12TransactionSet? = nil
    private var openGroup: X12FunctionalGroup? = nil
    private var openGroupSetCount = 0
    private var groupControls = X12ControlNumberSet()
    private var setControls = X12ControlNumberSet()
    /// The last `fitsGroup` answer, for the set ID and the open group (by its index).
    private var lastFit: (id: String, groupIndex: Int, fits: Bool)? = nil

    init(interchangeIndex: Int, header: ISAHeader, delimiters: X12Delimiters, keepsSets: Bool, reportsClosedSets: Bool)
    {
        self.interchangeIndex = interchangeIndex
        self.controlNumber = header.controlNumber
        self.separator = delimiters.element
        self.keepsSets = keepsSets
        self.reportsClosedSets = reportsClosedSets
    }

    /// Walks one segment after the ISA; `isTrailer` when it is the IEA that ends the interchange.
    mutating func consume<Lookup: X12SegmentLookup>(_ index: Int, isTrailer: Bool, in lookup: Lookup) {
        if isTrailer {
            closeSet(trailer: nil, endingBefore: index, in: lookup)
            closeGroup(trailer: nil, at: index, in: lookup)
            return
        }
        // Fast path: a body segment inside an open set needs no look beyond its first bytes.
        let tag = lookup.envelopeTag(of: index, separator: separator)
        if tag == .other, openSet != nil { return }
        let current = lookup.segment(index)
        // GS, ST, SE, GE and TA1 are valid IDs: only `other` segments need the check.
        if tag == .other, !current.hasValidID {
            if openSet == nil {
                errors.append(X12Error(.segmentOutsideGroup(current.id), at: location(index, in: lookup)))
            }
            return  // inside a set: the validator reports the bad ID (AK304 1).
        }
        switch tag {
        case .gs:
            closeSet(trailer: nil, endingBefore: index, in: lookup)
            closeGroup(trailer: nil, at: index, in: lookup)
            openGroup = Self.groupHeader(current, at: index)
            openGroupSetCount = 0
            setControls.removeAll()
            let control = openGroup?.controlNumber ?? ""
            var where_ = location(index, element: 6, in: lookup)
            where_.group = groups.count
            if !groupControls.insert(control) {
                errors.append(X12Error(.duplicateGroupControl(control), at: where_))
            }
            checkGroupHeader(current, location: where_, byteBase: lookup.byteBase)
        case .st:
            closeSet(trailer: nil, endingBefore: index, in: lookup)
            // The group's two fields the check needs, not a copy of the group (and its sets).
            guard let functionalID = openGroup?.functionalID, let convention = openGroup?.version.convention as String??
            else {
                errors.append(X12Error(.segmentOutsideGroup("ST"), at: location(index, in: lookup)))
                return
            }
            let id = current[1] ?? ""
            let control = current[2] ?? ""
            openSet = X12TransactionSet(
                id: id, controlNumber: control, implementationReference: current[3], segments: index..<(index + 1),
                trailerIndex: nil)
            if !setControls.insert(control) {
                errors.append(X12Error(.duplicateSetControl(control), at: location(index, element: 2, in: lookup)))
            }
            if !fitsGroup(id, functionalID: functionalID, convention: convention) {
                errors.append(
                    X12Error(
                        .setDoesNotFitGroup(setID: id, functionalID: functionalID),
                        at: location(index, element: 1, in: lookup)))
            }
        case .se:
            if openSet != nil {
                closeSet(trailer: index, endingBefore: index + 1, in: lookup)
            } else {
                errors.append(X12Error(.segmentOutsideGroup("SE"), at: location(index, in: lookup)))
            }
        case .ge:
            closeSet(trailer: nil, endingBefore: index, in: lookup)
            if openGroup != nil {
                closeGroup(trailer: index, at: index, in: lookup)
            } else {
                errors.append(X12Error(.segmentOutsideGroup("GE"), at: location(index, in: lookup)))
            }
        case .ta1, .other:
            if openSet == nil {
                if openGroup == nil, tag == .ta1 {
                    loose.append(index)
                } else {
                    errors.append(X12Error(.segmentOutsideGroup(current.id), at: location(index, in: lookup)))
                }
            }
        }
    }

    /// Whether a set ID belongs in the group: implementation guides (GS08 `…X357`) may assign their own GS01; base
    /// X12 and industry conventions (VICS, UCS) keep the standard's. Asked once per set ID and group.
    private mutating func fitsGroup(_ id: String, functionalID: String, convention: String?) -> Bool {
        if let fit = lastFit, fit.id == id, fit.groupIndex == groups.count { return fit.fits }
        let isGuide = convention?.hasPrefix("X") ?? false
        var fits = true
        if !isGuide, let expected = X12Document.functionalIDs[id], expected != functionalID { fits = false }
        lastFit = (id, groups.count, fits)
        return fits
    }

    /// Ends the interchange: closes what is still open at `lastSegment` and checks the IEA when there is one.
    mutating func finish<Lookup: X12SegmentLookup>(trailer: Int?, lastSegment: Int, in lookup: Lookup) {
        closeSet(trailer: nil, endingBefore: lastSegment + 1, in: lookup)
        closeGroup(trailer: nil, at: lastSegment, in: lookup)
        guard let trailer else { return }
        let iea = lookup.segment(trailer)
        let declared = iea[1] ?? ""
        if Int(declared) != groups.count {
            var where_ = location(trailer, element: 1, in: lookup)
            where_.group = nil
            errors.append(X12Error(.groupCountMismatch(declared: declared, counted: groups.count), at: where_))
        }
        let control = iea[2] ?? ""
        if control != controlNumber {
            var where_ = location(trailer, element: 2, in: lookup)
            where_.group = nil
            errors.append(
                X12Error(.interchangeControlMismatch(header: controlNumber, trailer: control), at: where_))
        }
    }

    private func location<Lookup: X12SegmentLookup>(_ index: Int, element: Int? = nil, in lookup: Lookup)
        -> X12Location
    {
        let segment = lookup.segment(index)
        var where_ = X12Location(
            byteOffset: lookup.byteBase + segment.byteOffset, segmentIndex: index,
            segmentID: segment.hasValidID ? segment.id : nil, elementPosition: element, interchange: interchangeIndex)
        if openGroup != nil { where_.group = groups.count }
        if let openSet {
            where_.set = openGroup != nil ? openGroupSetCount : nil
            where_.segmentPosition = index - openSet.segments.lowerBound + 1
        }
        if let element, let range = segment.element(element)?.range {
            where_.byteOffset = lookup.byteBase + range.lowerBound
        }
        return where_
    }

    private mutating func closeSet<Lookup: X12SegmentLookup>(trailer: Int?, endingBefore end: Int, in lookup: Lookup) {
        guard var set = openSet else { return }
        set.segments = set.segments.lowerBound..<end
        set.trailerIndex = trailer
        if let trailer {
            let se = lookup.segment(trailer)
            let counted = end - set.segments.lowerBound
            if !se.element(1, isInteger: counted) {
                let declared = se[1] ?? ""
                errors.append(
                    X12Error(
                        .segmentCountMismatch(declared: declared, counted: counted),
                        at: location(trailer, element: 1, in: lookup)))
            }
            if !se.element(2, equals: set.controlNumber) {
                let trailerControl = se[2] ?? ""
                errors.append(
                    X12Error(
                        .setControlMismatch(header: set.controlNumber, trailer: trailerControl),
                        at: location(trailer, element: 2, in: lookup)))
            }
        } else {
            errors.append(X12Error(.missingSE, at: location(max(set.segments.lowerBound, end - 1), in: lookup)))
        }
        if openGroup != nil {
            // The group is copied only for a caller that takes closed sets: a copy would make the append below
            // copy the group's sets.
            if reportsClosedSets, let group = openGroup {
                closedSets.append(
                    ClosedSet(set: set, group: group, groupIndex: groups.count, setIndex: openGroupSetCount))
            }
            if keepsSets { openGroup?.sets.append(set) }
            openGroupSetCount += 1
        }
        openSet = nil
    }

    private mutating func closeGroup<Lookup: X12SegmentLookup>(trailer: Int?, at index: Int, in lookup: Lookup) {
        guard var group = openGroup else { return }
        group.trailerIndex = trailer
        openGroup = group
        if let trailer {
            let ge = lookup.segment(trailer)
            let declared = ge[1] ?? ""
            if Int(declared) != openGroupSetCount {
                errors.append(
                    X12Error(
                        .setCountMismatch(declared: declared, counted: openGroupSetCount),
                        at: location(trailer, element: 1, in: lookup)))
            }
            let trailerControl = ge[2] ?? ""
            if trailerControl != group.controlNumber {
                errors.append(
                    X12Error(
                        .groupControlMismatch(header: group.controlNumber, trailer: trailerControl),
                        at: location(trailer, element: 2, in: lookup)))
            }
        } else {
            errors.append(X12Error(.missingGE, at: location(index, in: lookup)))
        }
        groups.append(group)
        openGroup = nil
    }

    private static func groupHeader(_ gs: X12Segment, at index: Int) -> X12FunctionalGroup {
        X12FunctionalGroup(
            functionalID: gs[1] ?? "", senderCode: gs[2] ?? "", receiverCode: gs[3] ?? "", date: gs[4] ?? "",
            time: gs[5] ?? "", controlNumber: gs[6] ?? "", agency: gs[7] ?? "", version: X12Version(gs[8] ?? ""),
            sets: [], headerIndex: index, trailerIndex: nil)
    }

    private mutating func checkGroupHeader(_ gs: X12Segment, location: X12Location, byteBase: Int) {
        func report(_ position: Int, _ reason: String) {
            var where_ = location
            where_.elementPosition = position
            if let range = gs.element(position)?.range { where_.byteOffset = byteBase + range.lowerBound }
            errors.append(X12Error(.groupHeaderElement(position: position, reason: reason), at: where_))
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
