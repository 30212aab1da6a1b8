import Foundation
import Orders
import Profiles

/// A sentence of a decision's explanation: given as text (a decoded decision, a caller's edit), or written from the
/// decision's facts when it is read. Deciding writes no sentence; reading one costs what writing it would have.
/// Compares and hashes by its source: given text by the text, a sentence of the facts by the facts (which are plain
/// values), never by writing the sentence. So a decision read back from its JSON (its sentences given as text) reads
/// and encodes as the decision did, but compares equal to decisions read back, not to the one routing made.
/// Encodes as the text it reads as.
struct LazyText: Hashable, Sendable, Codable {
    enum Source: Hashable, Sendable {
        case given(String)
        case rule(Shared<DecisionFacts>, RuleCheck.Rule)
        case verdict(Shared<DecisionFacts>, row: Int, DecisionFacts.Verdict)
        case cancel(Shared<DecisionFacts>, line: Int, DecisionFacts.CancelWhy)
        /// Why the node in `row` (the primary) would have drawn the fee, then `suffix`.
        case avoidedFee(Shared<DecisionFacts>, row: Int, suffix: String)
        /// What the node in `row` (the primary) failed.
        case avoidedFeeCause(Shared<DecisionFacts>, row: Int)
        /// Boxed: deadlines are copied often, and a basis is a large value to copy.
        indirect case basis(ShipByBasis)
    }

    var source: Source

    init(_ text: String) { source = .given(text) }
    init(_ source: Source) { self.source = source }
    init(_ basis: ShipByBasis) { source = .basis(basis) }

    var text: String {
        switch source {
        case .given(let text): text
        case .rule(let facts, let rule): facts.read { $0.detail(of: rule) }
        case .verdict(let facts, let row, let verdict): facts.read { $0.verdict(row, verdict) }
        case .cancel(let facts, let line, let why): facts.read { $0.cancelDetail(line, why) }
        case .avoidedFee(let facts, let row, let suffix): facts.read { $0.avoidedFeeNote(row) } + suffix
        case .avoidedFeeCause(let facts, let row): facts.read { $0.avoidedFeeCause(row) }
        case .basis(let basis): basis.text
        }
    }

    init(from decoder: any Decoder) throws { source = .given(try decoder.singleValueContainer().decode(String.self)) }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}

/// How ship-by was reached, as facts; `text` is the sentence `Deadlines.basis` reads.
enum ShipByBasis: Hashable, Sendable {
    /// A PO date the profile honours.
    case honoured(ShipSLA.PODate, CalendarDate)
    case businessDays(
        ProfileDuration, from: Start, dayZero: CalendarDate, received: CalendarDate, cutoff: LocalTime, Why)
    /// Hours or days on the clock (or business hours).
    case clock(ProfileDuration, from: Start)

    enum Start: Hashable, Sendable {
        case receipt
        case poDate(CalendarDate)
    }

    enum Why: Hashable, Sendable {
        case beforeCutoff, afterCutoff, nonBusinessDay
    }

    var text: String {
        func start(_ start: Start) -> String {
            switch start {
            case .receipt: "receipt"
            case .poDate(let day): "the PO date \(day)"
            }
        }
        switch self {
        case .honoured(let date, let day):
            return (date == .expectedShip ? "the retailer's expected ship date" : "the PO's requested ship date")
                + " \(day)"
        case .businessDays(let within, let from, let dayZero, let received, let cutoff, let why):
            let reason =
                switch why {
                case .beforeCutoff: "received \(received) before the \(cutoff) cutoff"
                case .afterCutoff: "received \(received) after the \(cutoff) cutoff"
                case .nonBusinessDay: "received on a non-business day"
                }
            return "\(within) from \(start(from)): day 0 is \(dayZero) (\(reason))"
        case .clock(let within, let from):
            return "\(within) from \(start(from))"
        }
    }
}

/// A list a decision writes from its facts when read (its rule checks, node evaluations, cancelled lines, and the
/// checks of the node in row `part`), or a given one. Compares and hashes by its source, as `LazyText`; encodes as
/// the list it reads as.
struct LazyList<Element: Hashable & Sendable & Codable & FactsRendered>: Hashable, Sendable, Codable {
    enum Source: Hashable, Sendable {
        case given([Element])
        case facts(Shared<DecisionFacts>, part: Int)
    }

    var source: Source

    init(_ elements: [Element]) { source = .given(elements) }
    init(_ facts: Shared<DecisionFacts>, part: Int = 0) { source = .facts(facts, part: part) }

    var elements: [Element] {
        switch source {
        case .given(let elements): elements
        case .facts(let facts, let part): Element.rendered(from: facts, part: part)
        }
    }

    var isEmpty: Bool {
        switch source {
        case .given(let elements): elements.isEmpty
        case .facts(let facts, let part): Element.count(in: facts.value, part: part) == 0
        }
    }

    init(from decoder: any Decoder) throws {
        source = .given(try decoder.singleValueContainer().decode([Element].self))
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(elements)
    }
}

/// A part of a decision that its facts can write out (`part`: which node, for a node's checks).
protocol FactsRendered {
    static func rendered(from facts: Shared<DecisionFacts>, part: Int) -> [Self]
    static func count(in facts: DecisionFacts, part: Int) -> Int
}

extension RuleCheck: FactsRendered {
    static func rendered(from facts: Shared<DecisionFacts>, part: Int) -> [RuleCheck] {
        facts.value.ruleChecks(facts)
    }
    static func count(in facts: DecisionFacts, part: Int) -> Int { facts.rules.count }
}

extension NodeEvaluation: FactsRendered {
    static func rendered(from facts: Shared<DecisionFacts>, part: Int) -> [NodeEvaluation] {
        facts.value.nodeEvaluations(facts)
    }
    static func count(in facts: DecisionFacts, part: Int) -> Int { facts.assessments.count + facts.unconsidered.count }
}

extension CancelledLine: FactsRendered {
    static func rendered(from facts: Shared<DecisionFacts>, part: Int) -> [CancelledLine] {
        facts.value.cancelledLines(facts)
    }
    static func count(in facts: DecisionFacts, part: Int) -> Int { facts.cancels.count }
}

extension NodeCheck: FactsRendered {
    static func rendered(from facts: Shared<DecisionFacts>, part: Int) -> [NodeCheck] { facts.value.checks(part) }
    static func count(in facts: DecisionFacts, part: Int) -> Int { facts.checks(part).count }
}
