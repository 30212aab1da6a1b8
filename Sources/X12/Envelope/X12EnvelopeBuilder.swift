/// Reads segments by their file-wide index wherever they are kept: the whole input (`X12Document`) or the window a
/// stream holds (`X12StreamReader`).
protocol X12SegmentLookup {
    /// The segment with file-wide index `index`; its ranges index its own `bytes`.
    func segment(_ index: Int) -> X12Segment
    func envelopeTag(of index: Int, separator: UInt8) -> X12EnvelopeTag
    /// Calls `body` with the bytes segment `index` is in and its range there; the pointer is valid only in `body`.
    func withSegmentBytes<Result>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>, Range<Int>) -> Result) -> Result
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
        /// Its group's index in the interchange: `groupHeader(_:)` gives the group.
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
    /// The open set's ST02 packed (`X12ControlNumberSet.key`), nil when it does not pack: SE02 is compared with it.
    private var openSetControlKey: UInt64? = nil
    /// The last ST01 and ST03 read, by their packed bytes: a group's sets repeat them, so their `String`s are made
    /// once.
    private var lastSetID = PackedText()
    private var lastReference = PackedText()

    init(interchangeIndex: Int, header: ISAHeader, delimiters: X12Delimiters, keepsSets: Bool, reportsClosedSets: Bool)
    {
        self.interchangeIndex = interchangeIndex
        self.controlNumber = header.controlNumber
        self.separator = delimiters.element
        self.keepsSets = keepsSets
        self.reportsClosedSets = reportsClosedSets
    }

    /// The GS of group `index` (open or closed) without its sets and trailer: what a closed set's group is.
    func groupHeader(_ index: Int) -> X12FunctionalGroup? {
        guard var group = index < groups.count ? groups[index] : openGroup else { return nil }
        group.sets = []
        group.trailerIndex = nil
        return group
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
        switch tag {
        case .other where openSet != nil:
            return
        case .st:
            closeSet(trailer: nil, endingBefore: index, in: lookup)
            openSet(at: index, in: lookup)
            return
        case .se:
            if openSet != nil {
                closeSet(trailer: index, endingBefore: index + 1, in: lookup)
            } else {
                errors.append(X12Error(.segmentOutsideGroup("SE"), at: location(index, in: lookup)))
            }
            return
        default:
            break
        }
        let current = lookup.segment(index)
        // GS, GE and TA1 are valid IDs: only `other` segments need the check.
        if tag == .other, !current.hasValidID {
            errors.append(X12Error(.segmentOutsideGroup(current.id), at: location(index, in: lookup)))
            return
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
        case .st, .se:
            break  // taken above
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

    /// Opens the set whose ST is segment `index`: ST01–ST03 read in one pass over its bytes, the ST02 checked
    /// for a duplicate in the group and ST01 against the group's GS01.
    private mutating func openSet<Lookup: X12SegmentLookup>(at index: Int, in lookup: Lookup) {
        // The group's two fields the check needs, not a copy of the group (and its sets).
        guard let functionalID = openGroup?.functionalID, let convention = openGroup?.version.convention as String??
        else {
            errors.append(X12Error(.segmentOutsideGroup("ST"), at: location(index, in: lookup)))
            return
        }
        let separator = separator
        var id = ""
        var control = ""
        var reference: String? = nil
        var controlKey: UInt64? = nil
        lookup.withSegmentBytes(index) { bytes, range in
            let (first, second, third) = X12Segment.firstElements(bytes, range, separator: separator)
            id = lastSetID.text(bytes, first) ?? ""
            let value = UnsafeBufferPointer(rebasing: bytes[second])
            if !value.isEmpty { control = String(decoding: value, as: UTF8.self) }
            controlKey = X12ControlNumberSet.key(value)
            reference = lastReference.text(bytes, third)
        }
        openSet = X12TransactionSet(
            id: id, controlNumber: control, implementationReference: reference, segments: index..<(index + 1),
            trailerIndex: nil)
        openSetControlKey = controlKey
        let isNew = controlKey.map { setControls.insert(key: $0) } ?? setControls.insert(control)
        if !isNew {
            errors.append(X12Error(.duplicateSetControl(control), at: location(index, element: 2, in: lookup)))
        }
        if !fitsGroup(id, functionalID: functionalID, convention: convention) {
            errors.append(
                X12Error(
                    .setDoesNotFitGroup(setID: id, functionalID: functionalID),
                    at: location(index, element: 1, in: lookup)))
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
        guard let first = openSet?.segments.lowerBound else { return }
        if let trailer {
            let counted = end - first
            let separator = separator
            let controlKey = openSetControlKey
            // SE01 and SE02 in one pass over the SE's bytes; anything but plain digits and a packed SE02 is asked
            // as `String`s are.
            let (countMatches, controlMatches) = lookup.withSegmentBytes(trailer) { bytes, range -> (Bool?, Bool?) in
                let (first, second, _) = X12Segment.firstElements(bytes, range, separator: separator)
                let count = X12Syntax.digitsValue(UnsafeBufferPointer(rebasing: bytes[first])).map { $0 == counted }
                let control = controlKey.flatMap { expected in
                    X12ControlNumberSet.key(UnsafeBufferPointer(rebasing: bytes[second])).map { $0 == expected }
                }
                return (count, control)
            }
            if countMatches != true || controlMatches != true {
                checkTrailer(
                    trailer, counted: counted, countMatches: countMatches, controlMatches: controlMatches, in: lookup)
            }
        } else {
            errors.append(X12Error(.missingSE, at: location(max(first, end - 1), in: lookup)))
        }
        // Taken out only now: the locations above read the open set.
        guard var set = openSet.take() else { return }
        set.segments = first..<end
        set.trailerIndex = trailer
        if openGroup != nil {
            if reportsClosedSets {
                closedSets.append(ClosedSet(set: set, groupIndex: groups.count, setIndex: openGroupSetCount))
            }
            if keepsSets { openGroup?.sets.append(consume set) }
            openGroupSetCount += 1
        }
    }

    /// SE01 and SE02 where the quick reading in `closeSet` did not find both right: each asked again as
    /// `String`s are where that reading could not tell (nil), and reported when wrong. Apart, so that `closeSet`
    /// makes no copy of the lookup for these rare questions.
    @inline(never)
    private mutating func checkTrailer<Lookup: X12SegmentLookup>(
        _ trailer: Int, counted: Int, countMatches: Bool?, controlMatches: Bool?, in lookup: Lookup
    ) {
        let se = lookup.segment(trailer)
        if !(countMatches ?? se.element(1, isInteger: counted)) {
            errors.append(
                X12Error(
                    .segmentCountMismatch(declared: se[1] ?? "", counted: counted),
                    at: location(trailer, element: 1, in: lookup)))
        }
        let control = openSet?.controlNumber ?? ""
        if !(controlMatches ?? se.element(2, equals: control)) {
            errors.append(
                X12Error(
                    .setControlMismatch(header: control, trailer: se[2] ?? ""),
                    at: location(trailer, element: 2, in: lookup)))
        }
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

/// A short text read again and again (ST01, ST03): its `String` made once for as long as its bytes stay the same.
private struct PackedText {
    private var key: UInt64? = nil
    private var text: String? = nil

    /// The value at `range` as `String`, nil when empty.
    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String? {
        guard !range.isEmpty else { return nil }
        let value = UnsafeBufferPointer(rebasing: bytes[range])
        let key = X12ControlNumberSet.key(value)
        if let key, key == self.key, let text { return text }
        let made = String(decoding: value, as: UTF8.self)
        self.key = key
        text = key == nil ? nil : made
        return made
    }
}
