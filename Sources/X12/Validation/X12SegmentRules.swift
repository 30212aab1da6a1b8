/// The segment dictionary flattened for the validator's hot loop: one open-addressed table from segment code to
/// segment, and per segment a run of plain element rules (no strings, sets or optionals to copy or retain), its
/// mandatory elements as a bit mask and its syntax notes as masks. Built once with the definitions, for every release
/// they define: one run of segments, elements and notes for all, and per release its own table from code to segment
/// (`keys`/`slots` hold the releases' tables one after the other, each `capacity` long). The validator picks a
/// release's view once per set (`Unsafe.release(_:)`), so the per-segment look-up is the same as with one release.
struct X12SegmentRules: Sendable {
    struct Element: Sendable {
        var requirement: X12SetDefinition.Requirement
        var isComposite: Bool
        var repeatsOnce: Bool
        /// False when the dictionary has no entry for the reference: only delimiter checks apply.
        var hasSpec: Bool
        var type: X12ElementDefinition.DataType
        var minLength: Int
        var maxLength: Int
        /// Index into `codeLists`, -1 when any code is accepted.
        var codeList: Int
        /// A value without delimiters or control bytes needs at most a length check: used, and AN, ID without a
        /// code list, composite or without a dictionary entry. Stored, worked out once, for the walker's common
        /// case.
        var isPlain = false
        /// Whether a plain value's length is checked (it has a dictionary entry and is not a composite).
        var checksLength = false
    }

    struct Note: Sendable {
        var kind: X12SyntaxNote.Kind
        var mask: UInt64
        /// Bit of the first position (0 when past 64), and of the second for list conditionals.
        var firstBit: UInt64
        var secondBit: UInt64
        var hasSecond: Bool

        /// The X12 syntax note's rule, stated once: the elements it finds at fault given the elements `present`
        /// (bit `n` for position `n + 1`), 0 when it holds. Paired (P): every missing one of the list when any is
        /// present; required (R): the first when none is; exclusion (E): the second present one, when more than one
        /// is; conditional (C): every missing one of the rest when the first is present; list conditional (L): the
        /// second when the first is present and none of the rest is.
        @inline(__always)
        func faults(present: UInt64) -> UInt64 {
            let here = present & mask
            switch kind {
            case .paired: return here != 0 ? mask & ~present : 0
            case .required: return here == 0 ? firstBit : 0
            case .exclusion:
                let rest = here & (here &- 1)
                return rest & (~rest &+ 1)
            case .conditional: return present & firstBit != 0 ? mask & ~present : 0
            case .listConditional: return present & firstBit != 0 && here == firstBit && hasSecond ? secondBit : 0
            }
        }
    }

    struct Segment: Sendable {
        var elements: Range<Int>
        /// Bit `n` for each mandatory element at offset `n` < 64.
        var mandatoryMask: UInt64
        var notes: Range<Int>
    }

    /// A code list as codes of up to eight bytes packed big-endian, sorted; `strings` keeps the list when a code
    /// does not pack (longer, or not ASCII).
    struct CodeList: Sendable {
        var packed: [UInt64]
        var strings: Set<String>?

        init(_ codes: Set<String>) {
            let packs = codes.allSatisfy { $0.utf8.count <= 8 && $0.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x80 } }
            packed = packs ? codes.map { Self.pack($0.utf8) }.sorted() : []
            strings = packs ? nil : codes
        }

        static func pack(_ bytes: some Sequence<UInt8>) -> UInt64 {
            bytes.reduce(0) { $0 << 8 | UInt64($1) }
        }

        func contains(_ code: UInt64) -> Bool {
            var low = 0
            var high = packed.count
            while low < high {
                let middle = (low + high) >> 1
                if packed[middle] < code { low = middle + 1 } else { high = middle }
            }
            return low < packed.count && packed[low] == code
        }
    }

    private(set) var segments: [Segment] = []
    private(set) var elements: [Element] = []
    private(set) var notes: [Note] = []
    private(set) var codeLists: [CodeList] = []
    /// Open addressing, a power of two long per release; `keys` 0 is empty (no segment ID packs to 0).
    private var keys: [X12SegmentCode] = []
    private var slots: [Int32] = []
    private var shift: UInt32 = 32
    /// The length of one release's table in `keys` and `slots`.
    private var capacity = 16
    /// How many releases the rules hold.
    private(set) var releaseCount = 0

    /// Rules for one release's segments.
    init(_ byCode: [X12SegmentCode: X12SegmentDefinition]) {
        self.init(releases: [byCode])
    }

    /// Rules for several releases' segments; release `n` is `releases[n]`.
    init(releases: [[X12SegmentCode: X12SegmentDefinition]]) {
        while capacity < (releases.map(\.count).max() ?? 0) * 2 { capacity <<= 1 }
        releaseCount = max(releases.count, 1)
        keys = Array(repeating: X12SegmentCode(rawValue: 0), count: capacity * releaseCount)
        slots = Array(repeating: -1, count: capacity * releaseCount)
        shift = UInt32(32 - capacity.trailingZeroBitCount)
        var listIndex: [Set<String>: Int] = [:]
        for (release, byCode) in releases.enumerated() {
            add(byCode, release: release, listIndex: &listIndex)
        }
    }

    private mutating func add(
        _ byCode: [X12SegmentCode: X12SegmentDefinition], release: Int, listIndex: inout [Set<String>: Int]
    ) {
        let base = release * capacity
        for (code, definition) in byCode.sorted(by: { $0.key < $1.key }) where code.rawValue != 0 {
            let start = elements.count
            var mandatory: UInt64 = 0
            for (offset, use) in definition.elements.enumerated() {
                if use.requirement == .mandatory, offset < 64 { mandatory |= 1 << UInt64(offset) }
                var codeList = -1
                if let spec = use.definition, spec.type == .id, let codes = spec.codes {
                    if let known = listIndex[codes] {
                        codeList = known
                    } else {
                        codeList = codeLists.count
                        listIndex[codes] = codeList
                        codeLists.append(CodeList(codes))
                    }
                }
                var element = Element(
                    requirement: use.requirement, isComposite: use.isComposite, repeatsOnce: use.repeatCount == 1,
                    hasSpec: use.definition != nil, type: use.definition?.type ?? .alphanumeric,
                    minLength: use.definition?.minLength ?? 0, maxLength: use.definition?.maxLength ?? 0,
                    codeList: codeList)
                element.isPlain =
                    element.requirement != .notUsed
                    && (element.type == .alphanumeric || !element.hasSpec || element.isComposite
                        || (element.type == .id && element.codeList < 0))
                element.checksLength = element.hasSpec && !element.isComposite
                elements.append(element)
            }
            let noteStart = notes.count
            for note in definition.syntaxNotes where !note.positions.isEmpty {
                let bit: (Int) -> UInt64 = { $0 >= 1 && $0 <= 64 ? 1 << UInt64($0 - 1) : 0 }
                notes.append(
                    Note(
                        kind: note.kind, mask: note.mask, firstBit: note.positions.first.map(bit) ?? 0,
                        secondBit: note.positions.count > 1 ? bit(note.positions[1]) : 0,
                        hasSecond: note.positions.count > 1))
            }
            var slot = self.slot(code)
            while keys[base + slot].rawValue != 0 { slot = (slot + 1) & (capacity - 1) }
            keys[base + slot] = code
            slots[base + slot] = Int32(segments.count)
            segments.append(
                Segment(elements: start..<elements.count, mandatoryMask: mandatory, notes: noteStart..<notes.count))
        }
    }

    private func slot(_ code: X12SegmentCode) -> Int { Int((code.rawValue &* 0x9E37_79B1) >> shift) }

    /// The segment for a packed ID in release `release`, nil when its dictionary has none.
    func segment(_ code: X12SegmentCode, release: Int = 0) -> Segment? {
        withUnsafeRules { $0.release(release).segment(code) }
    }

    /// The rules as pointers, valid inside `body`: the walker reads them for every segment and element. The view
    /// looks segments up in the first release; `Unsafe.release(_:)` gives another's.
    func withUnsafeRules<Result>(_ body: (Unsafe) -> Result) -> Result {
        segments.withUnsafeBufferPointer { segments in
            elements.withUnsafeBufferPointer { elements in
                notes.withUnsafeBufferPointer { notes in
                    keys.withUnsafeBufferPointer { keys in
                        slots.withUnsafeBufferPointer { slots in
                            codeLists.withUnsafeBufferPointer { codeLists in
                                body(
                                    Unsafe(
                                        segments: segments, elements: elements, notes: notes, codeLists: codeLists,
                                        allKeys: keys, allSlots: slots, capacity: capacity, shift: shift))
                            }
                        }
                    }
                }
            }
        }
    }

    /// `withUnsafeRules`' view.
    struct Unsafe {
        let segments: UnsafeBufferPointer<Segment>
        let elements: UnsafeBufferPointer<Element>
        let notes: UnsafeBufferPointer<Note>
        /// A pointer rather than the array: the walker passes the lists down for every element, and an array held
        /// by the (mutable) walker is retained for each call.
        let codeLists: UnsafeBufferPointer<CodeList>
        /// Every release's tables, and the view's release's.
        let allKeys: UnsafeBufferPointer<X12SegmentCode>
        let allSlots: UnsafeBufferPointer<Int32>
        let keys: UnsafeBufferPointer<X12SegmentCode>
        let slots: UnsafeBufferPointer<Int32>
        let capacity: Int
        let shift: UInt32

        init(
            segments: UnsafeBufferPointer<Segment>, elements: UnsafeBufferPointer<Element>,
            notes: UnsafeBufferPointer<Note>, codeLists: UnsafeBufferPointer<CodeList>,
            allKeys: UnsafeBufferPointer<X12SegmentCode>, allSlots: UnsafeBufferPointer<Int32>, capacity: Int,
            shift: UInt32,
            release: Int = 0
        ) {
            self.segments = segments
            self.elements = elements
            self.notes = notes
            self.codeLists = codeLists
            self.allKeys = allKeys
            self.allSlots = allSlots
            self.capacity = capacity
            self.shift = shift
            let range = (release * capacity)..<((release + 1) * capacity)
            keys = UnsafeBufferPointer(rebasing: allKeys[range])
            slots = UnsafeBufferPointer(rebasing: allSlots[range])
        }

        /// The same rules looking segments up in release `release` (an index of `X12Definitions`' releases);
        /// taken once per set, so the look-up for each segment stays one probe of one table.
        func release(_ release: Int) -> Unsafe {
            guard release >= 0, (release + 1) * capacity <= allKeys.count else { return self }
            return Unsafe(
                segments: segments, elements: elements, notes: notes, codeLists: codeLists, allKeys: allKeys,
                allSlots: allSlots, capacity: capacity, shift: shift, release: release)
        }

        /// The segment for a packed ID, nil when the dictionary has none.
        @inline(__always)
        func segment(_ code: X12SegmentCode) -> Segment? {
            let index = index(code)
            return index < 0 ? nil : segments[index]
        }

        /// The index in `segments` of the segment for a packed ID, -1 when the dictionary has none.
        @inline(__always)
        func index(_ code: X12SegmentCode) -> Int {
            guard code.rawValue != 0 else { return -1 }
            let mask = keys.count &- 1
            var slot = Int((code.rawValue &* 0x9E37_79B1) >> shift)
            while true {
                let key = keys[slot]
                if key == code { return Int(slots[slot]) }
                if key.rawValue == 0 { return -1 }
                slot = (slot &+ 1) & mask
            }
        }
    }
}
