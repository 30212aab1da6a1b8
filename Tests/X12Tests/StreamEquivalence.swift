@testable import X12

/// What reading one input yields, in a form the whole-document reader and the stream reader can be compared on.
struct ReadOutcome: Equatable, CustomStringConvertible {
    var thrown: X12Error? = nil
    /// In the validator's order (byte offset, then reading before envelope problems, then as found).
    var envelopeErrors: [X12Error] = []
    var validationErrors: [X12Error] = []
    var skippedChecks: [String] = []
    /// One line a set: indices, envelopes, then every segment with its file offset and elements.
    var sets: [String] = []
    /// One line an interchange: the envelope tree with file-wide indices.
    var interchanges: [String] = []
    /// The TA1 and the 997 and 999 written for each interchange.
    var acknowledgements: [String] = []

    var description: String {
        if let thrown { return "throws \(thrown.debugDescription)" }
        return "\(envelopeErrors.count) envelope errors, \(validationErrors.count) validation errors, "
            + "\(sets.count) sets, \(interchanges.count) interchanges"
    }

    /// The first field that differs, for a failure message.
    func difference(from other: ReadOutcome) -> String? {
        if thrown != other.thrown {
            return "thrown: \(String(describing: thrown)) vs \(String(describing: other.thrown))"
        }
        func first<T: Equatable>(_ name: String, _ a: [T], _ b: [T]) -> String? {
            guard a != b else { return nil }
            let index = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
            let left = index < a.count ? "\(a[index])" : "nothing"
            let right = index < b.count ? "\(b[index])" : "nothing"
            return "\(name) #\(index) (of \(a.count) vs \(b.count)): \(left)\n  vs \(right)"
        }
        return first("envelope error", envelopeErrors, other.envelopeErrors)
            ?? first("validation error", validationErrors, other.validationErrors)
            ?? first("skipped check", skippedChecks, other.skippedChecks) ?? first("set", sets, other.sets)
            ?? first("interchange", interchanges, other.interchanges)
            ?? first("acknowledgement", acknowledgements, other.acknowledgements)
    }
}

/// Reads the same bytes whole and through `X12StreamReader`, for equivalence tests.
enum StreamEquivalence {
    static let chunkSizes = [1, 7, 64, 4096, 1 << 20]
    static let timestamp = X12Acknowledgement.Timestamp(date: "20261201", time: "1200")

    static func whole(_ bytes: [UInt8]) -> ReadOutcome {
        let document: X12Document
        do {
            document = try X12Document(bytes: bytes)
        } catch {
            return ReadOutcome(thrown: error)
        }
        var outcome = ReadOutcome()
        outcome.envelopeErrors = canonical(document.envelopeErrors)
        let report = X12Validator().validate(document)
        outcome.validationErrors = report.errors
        outcome.skippedChecks = report.skippedChecks
        for context in document.transactionSets {
            outcome.sets.append(
                describe(context, segments: document.segments(of: context.set).map { ($0, $0.byteOffset) }))
        }
        let builder = X12Acknowledgement(document: document, report: report, timestamp: timestamp)
        var counter = X12ControlNumberCounter()
        for (index, interchange) in document.interchanges.enumerated() {
            outcome.interchanges.append(describe(interchange))
            outcome.acknowledgements += answers(builder, index: index, delimiters: interchange.delimiters, &counter)
        }
        return outcome
    }

    static func streamed(_ bytes: [UInt8], chunkSize: Int) -> ReadOutcome {
        let options = X12StreamOptions(chunkSize: chunkSize, keepsSetOutline: true)
        var reader = X12StreamReader(X12InMemorySource(bytes, chunkSize: chunkSize), options: options)
        var outcome = ReadOutcome()
        var envelopeErrors: [X12Error] = []
        var validation = X12StreamValidation()
        var counter = X12ControlNumberCounter()
        do {
            while let event = try reader.next() {
                validation.add(event)
                switch event {
                case .transactionSet(let set):
                    envelopeErrors += set.envelopeErrors
                    let segments = set.document.segments(of: set.localContext.set).map {
                        ($0, set.byteOffset + $0.byteOffset)
                    }
                    outcome.sets.append(describe(set.context, segments: segments))
                case .interchangeEnd(let interchange):
                    envelopeErrors += interchange.envelopeErrors
                    outcome.interchanges.append(describe(interchange.interchange))
                    let builder = X12Acknowledgement(
                        interchange: interchange, report: validation.report(interchange: interchange.index),
                        timestamp: timestamp)
                    outcome.acknowledgements += answers(
                        builder, index: interchange.index, delimiters: interchange.interchange.delimiters, &counter)
                }
            }
        } catch {
            return ReadOutcome(thrown: error)
        }
        outcome.envelopeErrors = canonical(envelopeErrors)
        outcome.validationErrors = validation.report.errors
        outcome.skippedChecks = validation.report.skippedChecks
        return outcome
    }

    static func canonical(_ errors: [X12Error]) -> [X12Error] {
        errors.enumerated().sorted {
            let left = ($0.element.byteOffset, X12StreamValidation.isReadingProblem($0.element) ? 0 : 1, $0.offset)
            let right = ($1.element.byteOffset, X12StreamValidation.isReadingProblem($1.element) ? 0 : 1, $1.offset)
            return left < right
        }.map(\.element)
    }

    private static func describe(_ context: X12SetContext, segments: [(X12Segment, Int)]) -> String {
        var group = context.group
        group.sets = []
        group.trailerIndex = nil
        let text = segments.map { segment, offset in "@\(offset) \(segment.id)\(segment.elementTexts)" }
        return "\(context.interchangeIndex).\(context.groupIndex).\(context.setIndex) \(context.set) \(group) "
            + "\(context.interchange.header) \(context.interchange.delimiters) \(text)"
    }

    private static func describe(_ interchange: X12Interchange) -> String { "\(interchange)" }

    private static func answers(
        _ builder: X12Acknowledgement, index: Int, delimiters inbound: X12Delimiters,
        _ counter: inout X12ControlNumberCounter
    ) -> [String] {
        var result = ["TA1 \(String(describing: builder.ta1(interchange: index)))"]
        for kind in X12Acknowledgement.Kind.allCases {
            var reply = builder.reply(to: index, kind: kind)
            reply.assignControlNumbers(from: &counter)
            var delimiters = inbound
            if delimiters.repetition == nil, reply.header.version >= "00402" { reply.header.version = "00401" }
            if delimiters.segment == 0x0A { delimiters.segment = UInt8(ascii: "~") }
            do {
                result.append(String(decoding: try X12Writer(delimiters: delimiters).write(reply), as: UTF8.self))
            } catch {
                result.append("\(kind.rawValue) fails: \(error.debugDescription)")
            }
        }
        return result
    }
}
