import X12

extension InboundStream {
    /// Reads an X12 document once, validating it set by set: its problems, notes and report, what it holds, and
    /// where reading its orders stops. What precedes a fatal error is salvaged, as `InboundReader.salvage` says.
    mutating func survey(acknowledges: Bool) {
        var found = X12Survey(file, upTo: nil, validator: validator, outlines: acknowledges)
        cut = file.count
        if let failure = found.failure {
            problems.append(failure.diagnosticLine(file: origin))
            // What comes before the failure is still answered, and its sound interchanges processed.
            let file = file
            let validator = validator
            guard
                let salvage = InboundReader.salvage(
                    file, after: failure,
                    surveying: { X12Survey(file, upTo: $0, validator: validator, outlines: acknowledges) })
            else { return }
            problems.append("\(origin):\(salvage.note)")
            found = salvage.survey
            cut = salvage.cut
        }
        let report = found.validation.report
        x12 = X12Part(report: report, interchanges: found.interchanges)
        notes = found.notes.map { $0.diagnosticLine(file: origin) }
        // Past a salvage's cut, problems describe the cut (an interchange without its IEA), not the input.
        for error in report.errors where error.byteOffset < cut {
            problems.append(error.diagnosticLine(file: origin))
        }
        setIDs = found.setIDs
        purchaseOrderSets = found.purchaseOrderSets
    }
}

/// One pass over X12 (up to a limit), validating each set and keeping what a document's answer needs, and no set.
struct X12Survey {
    var validation: X12StreamValidation
    var notes: [X12ReadNote] = []
    /// Every interchange read, with its sets' outline, when asked for; empty otherwise.
    var interchanges: [X12StreamInterchange] = []
    var interchangeCount = 0
    var lastHeader: ISAHeader?
    /// The set IDs, each once, in file order.
    var setIDs: [String] = []
    var purchaseOrderSets = 0
    /// What ended the reading before the limit, if anything.
    var failure: X12Error?

    init(_ file: InboundFile, upTo limit: Int?, validator: X12Validator, outlines: Bool) {
        validation = X12StreamValidation(validator: validator)
        var reader = X12StreamReader(file.source(upTo: limit), options: X12StreamOptions(keepsSetOutline: outlines))
        var seen: Set<String> = []
        while true {
            let next: X12StreamEvent?
            do {
                next = try reader.next()
            } catch {
                failure = error
                return
            }
            notes += reader.takeNotes()
            guard let event = next else { return }
            validation.add(event)
            switch event {
            case .transactionSet(let set):
                let id = set.transactionSet.id
                if id == "850" { purchaseOrderSets += 1 }
                if seen.insert(id).inserted { setIDs.append(id) }
            case .interchangeEnd(let interchange):
                interchangeCount += 1
                lastHeader = interchange.interchange.header
                if outlines { interchanges.append(interchange) }
            }
        }
    }
}
