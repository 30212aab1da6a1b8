/// A transaction set together with the envelopes around it: what a mapper or an acknowledgement needs.
public struct X12SetContext: Sendable {
    public var interchangeIndex: Int
    public var groupIndex: Int
    public var setIndex: Int
    public var interchange: X12Interchange
    public var group: X12FunctionalGroup
    public var set: X12TransactionSet
}

extension X12Document {
    /// Every transaction set in input order, with its envelopes.
    public var transactionSets: [X12SetContext] {
        var result: [X12SetContext] = []
        result.reserveCapacity(interchanges.reduce(0) { $0 + $1.groups.reduce(0) { $0 + $1.sets.count } })
        for (interchangeIndex, interchange) in interchanges.enumerated() {
            for (groupIndex, group) in interchange.groups.enumerated() {
                for (setIndex, set) in group.sets.enumerated() {
                    result.append(
                        X12SetContext(
                            interchangeIndex: interchangeIndex, groupIndex: groupIndex, setIndex: setIndex,
                            interchange: interchange, group: group, set: set))
                }
            }
        }
        return result
    }

    /// The transaction sets with ST01 `id`, in input order, with their envelopes: `transactionSets` filtered, without
    /// making a context for the sets left out.
    public func transactionSets(id: String) -> [X12SetContext] {
        var result: [X12SetContext] = []
        result.reserveCapacity(count(ofTransactionSets: id))
        forEachTransactionSet(id: id) { result.append($0) }
        return result
    }

    /// How many transaction sets have ST01 `id`.
    public func count(ofTransactionSets id: String) -> Int {
        var count = 0
        for interchange in interchanges {
            for group in interchange.groups { for set in group.sets where set.id == id { count += 1 } }
        }
        return count
    }

    /// Calls `body` with each transaction set with ST01 `id`, in input order, with its envelopes: one context at a
    /// time, where `transactionSets(id:)` keeps them all.
    public func forEachTransactionSet(id: String, _ body: (X12SetContext) -> Void) {
        for (interchangeIndex, interchange) in interchanges.enumerated() {
            for (groupIndex, group) in interchange.groups.enumerated() {
                for (setIndex, set) in group.sets.enumerated() where set.id == id {
                    body(
                        X12SetContext(
                            interchangeIndex: interchangeIndex, groupIndex: groupIndex, setIndex: setIndex,
                            interchange: interchange, group: group, set: set))
                }
            }
        }
    }

    /// Reads a file's bytes; throws only when they cannot be X12 at all.
    public static func read(_ bytes: [UInt8], options: X12ReadOptions = X12ReadOptions()) throws(X12Error) -> Self {
        try X12Document(bytes: bytes, options: options)
    }
}
