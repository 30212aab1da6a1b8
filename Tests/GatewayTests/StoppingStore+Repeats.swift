import Foundation
import Orders
import Store

/// What `StoppingStore` forwards of node switches and repeated POs: unchanged.
extension StoppingStore {
    func nodeSwitches() async throws(StoreError) -> [NodeSwitch] { try await base.nodeSwitches() }
    func switchNode(_ change: NodeSwitchChange) async throws(StoreError) -> NodeSwitch {
        try await base.switchNode(change)
    }
    func recordedOrders(_ ids: [OrderID], for document: DocumentID) async throws(StoreError)
        -> [OrderID: RecordedOrder]
    {
        try await base.recordedOrders(ids, for: document)
    }
    func recordRepeat(_ refusal: OrderRepeat) async throws(StoreError) -> [OutboxEntry] {
        try await base.recordRepeat(refusal)
    }
    func replace(_ replacement: OrderReplacement) async throws(StoreError) -> ReplacementResult {
        try await base.replace(replacement)
    }
    func mark(_ order: OrderID, as state: OrderState, at: Date, detail: String) async throws(StoreError) -> Bool {
        try await base.mark(order, as: state, at: at, detail: detail)
    }
}
