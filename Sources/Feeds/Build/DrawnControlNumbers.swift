package import Store
package import X12

/// The X12 writer's control numbers, drawn from a partner's counters that the store locked in the transaction
/// writing the document: never reused, never skipped by a rollback. Shared with the feeds, whose 846s draw
/// from the same counters as the 855s and 997s.
package struct DrawnControlNumbers: X12ControlNumberSource {
    package var numbers: ControlNumbers

    package init(numbers: ControlNumbers) {
        self.numbers = numbers
    }

    package mutating func next(_ kind: X12ControlNumberKind) -> Int {
        switch kind {
        case .interchange: numbers.next(.interchange)
        case .group: numbers.next(.group)
        case .transactionSet: numbers.next(.transactionSet)
        }
    }
}
