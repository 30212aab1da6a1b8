import Foundation
import Operations
import Orders
import Routing
import Store

extension OriginalDecision {
    /// What the store keeps of `order`'s first decision, whose JSON is `json`, with what it read.
    init(_ order: PurchaseOrder, _ decision: RoutingDecision, json: String, inputs: DecisionInputs) {
        let figures = DecisionFigures(decision)
        self.init(
            units: order.wholeUnits,
            cancelledUnits: figures.cancelledUnits,
            feesAvoided: Self.total(decision.fees.avoided.map(\.amount)),
            feesIncurred: Self.total(decision.fees.incurred.map(\.amount)), figures: figures.encoded,
            digest: RoutingDecision.digest(ofJSON: json), inputs: inputs.encoded)
    }

    /// The sum of `amounts` in the first one's currency (a profile states its fees in one); nil for none.
    static func total(_ amounts: [Money]) -> Money? {
        guard let first = amounts.first else { return nil }
        return amounts.dropFirst().reduce(first) { $0.adding($1) ?? $0 }
    }
}
