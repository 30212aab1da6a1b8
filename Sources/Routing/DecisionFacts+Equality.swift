import Foundation
import Orders
import Profiles

/// Facts compare field by field (not by the sentences they would write), so a decision compares by its fields. The
/// one exception is where the router's network lists a node (`NodeAssessment.position`): a node is compared by what
/// the explanation reads of it (`ExplanationContext.terms`), so the same findings under a network that lists its
/// nodes in another order compare equal, as routing never depends on that order.
extension DecisionFacts: Hashable {
    static func == (lhs: Self, rhs: Self) -> Bool {
        guard lhs.orderType == rhs.orderType, lhs.lineCount == rhs.lineCount, lhs.shipTo == rhs.shipTo,
            lhs.mapping == rhs.mapping, lhs.deadlines == rhs.deadlines, lhs.services == rhs.services,
            lhs.isPOBox == rhs.isPOBox, lhs.table == rhs.table, lhs.candidateCount == rhs.candidateCount,
            lhs.unconsidered.elementsEqual(rhs.unconsidered, by: { $0 == $1 }), lhs.assigned == rhs.assigned,
            lhs.shipments == rhs.shipments, lhs.cancels == rhs.cancels, lhs.primaryID == rhs.primaryID,
            lhs.rules == rhs.rules, lhs.inboundLate == rhs.inboundLate,
            lhs.assessments.count == rhs.assessments.count
        else { return false }
        let (left, right) = (lhs.context.value, rhs.context.value)
        guard left.profile == right.profile else { return false }
        return zip(lhs.assessments, rhs.assessments).allSatisfy { a, b in
            var placed = b
            placed.position = a.position
            return a == placed
                && left.terms(at: a.position, services: lhs.services, toPOBox: lhs.isPOBox)
                    == right.terms(at: b.position, services: rhs.services, toPOBox: rhs.isPOBox)
        }
    }

    /// A few of the fields `==` compares: enough to spread decisions, cheap to combine.
    func hash(into hasher: inout Hasher) {
        hasher.combine(lineCount)
        hasher.combine(candidateCount)
        hasher.combine(shipments)
        hasher.combine(cancels)
        for assessment in assessments { hasher.combine(assessment.id) }
    }
}
