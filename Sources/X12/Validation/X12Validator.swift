/// Checks a document: envelope errors from reading, then every set against its definition (segment order, loops,
/// requirement, max use, element count, type, length and code lists). Collects every problem and goes on.
public struct X12Validator: Sendable {
    public var definitions: X12Definitions

    public init(definitions: X12Definitions = .standard) {
        self.definitions = definitions
    }

    /// Checks the document; `rules` add a trading partner's narrowing on top of the standard.
    public func validate(_ document: X12Document, rules: X12PartnerRules? = nil) -> X12ValidationReport {
        var cache = X12ValidationCache()
        return validate(document, rules: rules, cache: &cache)
    }

    /// `validate(_:rules:)` keeping what one set's checks find for the next in `cache`: a stream validates set by
    /// set, each in a document of its own. A cache serves these `definitions` only.
    func validate(_ document: X12Document, rules: X12PartnerRules?, cache: inout X12ValidationCache)
        -> X12ValidationReport
    {
        var errors = document.envelopeErrors
        var skipped: [String] = []
        withTables(&cache) { tables, notesPassed, cache in
            withUnsafePointer(to: document) { document in
                withUnsafePointer(to: document.pointee.bytes) { source in
                    source.pointee.withUnsafeBufferPointer { bytes in
                        document.pointee.segmentRanges.withUnsafeBufferPointer { ranges in
                            // By index rather than through `transactionSets`: a set context copies its envelopes
                            // (dozens of strings) for every set.
                            for (interchangeIndex, interchange) in document.pointee.interchanges.enumerated() {
                                let input = SetWalker.Input(
                                    source: source, bytes: bytes, ranges: ranges, byteBase: 0, indexBase: 0,
                                    delimiters: interchange.delimiters,
                                    classes: X12ByteClasses(interchange.delimiters))
                                for (groupIndex, group) in interchange.groups.enumerated() {
                                    for (setIndex, set) in group.sets.enumerated() {
                                        check(
                                            set, segments: set.segments, trailerIndex: set.trailerIndex,
                                            version: group.version,
                                            envelopes: (interchangeIndex, groupIndex, setIndex), in: input,
                                            tables: tables, notesPassed: notesPassed,
                                            rules: rules, cache: &cache,
                                            errors: &errors, skipped: &skipped)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return X12ValidationReport(inReadingOrder: errors, skippedChecks: skipped)
    }

    /// Runs `body` with the segment rules in place and the cache's table of notes passed (see `checkElements`),
    /// moved out of the cache for the call so that it stays uniquely referenced while the walkers write to it, and
    /// put back after. Inlined: called through a closure, a stream's checks for each set cost 5% more.
    @inline(__always)
    private func withTables(
        _ cache: inout X12ValidationCache,
        _ body: (X12SegmentRules.Unsafe, UnsafeMutableBufferPointer<UInt64>, inout X12ValidationCache) -> Void
    ) {
        let segmentRules = definitions.segmentRules
        var notesPassed = cache.takeNotesPassed(count: segmentRules.segments.count)
        segmentRules.withUnsafeRules { tables in
            notesPassed.withUnsafeMutableBufferPointer { notesPassed in body(tables, notesPassed, &cache) }
        }
        cache.notesPassed = notesPassed
    }
}

extension X12Validator {
    /// Checks one set, given its segments in place (`input`) and where it sits in its envelopes, appending what is
    /// wrong to `errors` and the checks that could not run to `skipped`.
    fileprivate func check(
        _ set: borrowing X12TransactionSet, segments: Range<Int>, trailerIndex: Int?, version: X12Version,
        envelopes: (interchange: Int, group: Int, set: Int),
        in input: SetWalker.Input, tables: X12SegmentRules.Unsafe, notesPassed: UnsafeMutableBufferPointer<UInt64>,
        rules: X12PartnerRules?, cache: inout X12ValidationCache, errors: inout [X12Error], skipped: inout [String]
    ) {
        // From the second set a cache sees on, segments found clean are kept for the sets after them.
        cache.setsChecked += 1
        if cache.setsChecked == 2 { cache.cleanSegments = X12CleanSegments() }
        // Sets of one group share a version: one look-up per set ID and version, which also picks the release
        // whose segment rules the walker reads (once per set, not per segment).
        if !cache.hasKey || cache.keyID != set.id || cache.keyVersion != version {
            cache.hasKey = true
            cache.keyID = set.id
            cache.keyVersion = version
            cache.definition = definitions.definition(for: set.id, version: version)
            cache.release = cache.definition?.release ?? 0
            cache.shapes.removeAll()
        }
        guard let cleanSegments = cache.cleanSegments else {
            check(
                set, segments: segments, trailerIndex: trailerIndex, version: version, envelopes: envelopes,
                in: input, tables: tables, notesPassed: notesPassed, rules: rules, cleanSegments: nil,
                cache: &cache, errors: &errors, skipped: &skipped)
            return
        }
        let release = cache.release
        cleanSegments.withTable { table in
            table.prepare(for: input.delimiters, release: release)
            withUnsafeMutablePointer(to: &table) { table in
                check(
                    set, segments: segments, trailerIndex: trailerIndex, version: version, envelopes: envelopes,
                    in: input, tables: tables, notesPassed: notesPassed, rules: rules, cleanSegments: table,
                    cache: &cache, errors: &errors, skipped: &skipped)
            }
        }
    }

    /// `check` with the set's definition looked up, and the clean segments, when kept, locked for the set.
    private func check(
        _ set: borrowing X12TransactionSet, segments: Range<Int>, trailerIndex: Int?, version: X12Version,
        envelopes: (interchange: Int, group: Int, set: Int),
        in input: SetWalker.Input, tables: X12SegmentRules.Unsafe, notesPassed: UnsafeMutableBufferPointer<UInt64>,
        rules: X12PartnerRules?, cleanSegments: UnsafeMutablePointer<X12CleanSegments.Table>?,
        cache: inout X12ValidationCache, errors: inout [X12Error], skipped: inout [String]
    ) {
        var walker = SetWalker(
            input: input, segments: segments, setID: set.id, trailerIndex: trailerIndex,
            interchangeIndex: envelopes.interchange, groupIndex: envelopes.group,
            setIndex: envelopes.set, rules: tables.release(cache.release), notesPassed: notesPassed,
            cleanSegments: cleanSegments)
        // Moved out of the cache for the set and back: reading it in place from the cache (captured by the
        // callers' closures) copies it, a score of retains per set.
        if let definition = cache.definition.take() {
            if definition.version != version.base {
                skipped.append(
                    "set \(set.id) \(set.controlNumber) (version \(version)): checked against the "
                        + "\(definition.version) definitions (the nearest earlier release), release differences not "
                        + "checked")
            }
            // The walk checks the segment IDs first, in the pass that reads them for the structure.
            walker.walk(definition, shapes: &cache.shapes)
            cache.definition = consume definition
        } else {
            walker.checkSegmentIDs()
            skipped.append(
                "set \(set.id) \(set.controlNumber) (version \(version)): no definition, only envelope checks ran")
        }
        if let rules, !rules.isEmpty { walker.apply(rules) }
        errors += walker.errors
    }

    /// Checks one set cut from a stream where it lies, without a document around it: `bytes` hold its segments
    /// from its ST, `ranges` index them (the ST first), and `set` has its file-wide indices. Problems are located in
    /// the file: byte offsets from `byteBase` (the ST's file offset), segment indices from `indexBase` (the ST's),
    /// and the envelope indices given. The same report `validate(_:rules:cache:)` gives for the set's own document,
    /// moved to file coordinates.
    func validate(
        window bytes: [UInt8], ranges: [Range<Int>], set: borrowing X12TransactionSet, version: X12Version,
        delimiters: X12Delimiters, byteBase: Int, indexBase: Int, envelopes: (interchange: Int, group: Int, set: Int),
        rules: X12PartnerRules?, cache: inout X12ValidationCache
    ) -> X12ValidationReport {
        var errors: [X12Error] = []
        var skipped: [String] = []
        withTables(&cache) { tables, notesPassed, cache in
            withUnsafePointer(to: bytes) { source in
                source.pointee.withUnsafeBufferPointer { bytes in
                    ranges.withUnsafeBufferPointer { ranges in
                        let input = SetWalker.Input(
                            source: source, bytes: bytes, ranges: ranges, byteBase: byteBase,
                            indexBase: indexBase, delimiters: delimiters, classes: X12ByteClasses(delimiters))
                        // Counted from the window's ST, segment 0.
                        let first = set.segments.lowerBound
                        check(
                            set, segments: 0..<ranges.count, trailerIndex: set.trailerIndex.map { $0 - first },
                            version: version, envelopes: envelopes, in: input, tables: tables,
                            notesPassed: notesPassed, rules: rules, cache: &cache, errors: &errors,
                            skipped: &skipped)
                    }
                }
            }
        }
        return X12ValidationReport(inReadingOrder: errors, skippedChecks: skipped)
    }
}

extension X12ValidationReport {
    /// `errors` in the reader's order: by byte offset, stable.
    fileprivate init(inReadingOrder errors: [X12Error], skippedChecks: [String]) {
        let ordered =
            errors.isEmpty
            ? []
            : errors.enumerated().sorted {
                ($0.element.location.byteOffset, $0.offset) < ($1.element.location.byteOffset, $1.offset)
            }.map(\.element)
        self.init(errors: ordered, skippedChecks: skippedChecks)
    }
}

/// What validating one set after another keeps (see `X12Validator.validate(_:rules:cache:)`).
struct X12ValidationCache: Sendable {
    /// The last set ID and version looked up (when `hasKey`), and the definition found for them. Plain fields,
    /// not an optional pair: comparing with one copied the pair (four strings) for every set.
    var hasKey = false
    var keyID = ""
    var keyVersion = X12Version("")
    var definition: X12SetDefinition? = nil
    /// `definition`'s release (see `X12SetDefinition.release`), 0 without one.
    var release = 0
    /// Per segment rule, a pattern of present elements known to pass its syntax notes (see `checkElements`).
    var notesPassed: [UInt64] = []
    /// Sequences of segment IDs whose structure `definition` accepts (see `SetWalker.walk`).
    var shapes = X12SetShapes()
    /// Segments found clean in earlier sets (see `X12CleanSegments`), made at the second set.
    var cleanSegments: X12CleanSegments? = nil
    var setsChecked = 0

    /// `notesPassed`, one entry per rule of `count` (reset when the rules differ), moved out so that it stays
    /// uniquely referenced while the walkers write to it; the caller puts it back.
    mutating func takeNotesPassed(count: Int) -> [UInt64] {
        if notesPassed.count != count { notesPassed = Array(repeating: .max, count: count) }
        defer { notesPassed = [] }
        return notesPassed
    }
}
