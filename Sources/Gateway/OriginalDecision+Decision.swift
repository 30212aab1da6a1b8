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
            cancelledValue: figures.cancelledUnits > 0
                ? order.value(of: decision.cancelledLines.map { ($0.lineNumber, Decimal($0.quantity)) }) : nil,
            feesAvoided: Money.total(decision.fees.avoided.map(\.amount)),
            feesIncurred: Money.total(decision.fees.incurred.map(\.amount)), figures: figures.encoded,
            digest: RoutingDecision.digest(ofJSON: json), inputs: inputs.encoded)
    }

}
