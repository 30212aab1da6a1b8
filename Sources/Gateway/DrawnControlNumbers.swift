import Store
import X12

/// The X12 writer's control numbers, drawn from a partner's counters that the store locked in the transaction
/// writing the document: never reused, never skipped by a rollback.
struct DrawnControlNumbers: X12ControlNumberSource {
    var numbers: ControlNumbers

    mutating func next(_ kind: X12ControlNumberKind) -> Int {
        switch kind {
        case .interchange: numbers.next(.interchange)
        case .group: numbers.next(.group)
        case .transactionSet: numbers.next(.transactionSet)
        }
    }
}
