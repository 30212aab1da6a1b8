import Foundation
import Store

/// Where a PO being decided came from: its document, the instant that document was received (the decision's clock),
/// the PO's place among the document's POs (what the store keeps with a repeat or a replacement), and which of the
/// reports being written hears of it. A batch may hold the POs of many documents (`Gateway.process(keptBatch:)`).
struct OrderOrigin: Sendable {
    var document: DocumentID
    var receivedAt: Date
    var position: Int
    /// Its document's index among the reports of the batch.
    var report: Int
}
