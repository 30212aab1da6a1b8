public import Foundation
public import Operations
public import Orders
public import Profiles
import Routing
public import Store

extension DecisionHistoryStore {
    /// Decides every PO of `window` again (`Replayer`), reading the record a page at a time: nothing is written.
    /// `progress` hears the POs replayed so far after each page.
    public func replay(
        _ window: DecisionWindow, profiles: ProfileSet, changes: StockChanges = StockChanges(),
        progress: ((Int) -> Void)? = nil
    ) async throws -> ReplayReport {
        var replayer = Replayer(
            profiles: profiles, changes: changes,
            window: ReplayReport.Window(since: window.from, until: window.until, retailer: window.retailer))
        var count = 0
        // Each page's kept texts are read back on the thread that reads the page, while the one before replays.
        try await forEachOriginalDecision(window, reading: { try $0.map(RecordedPO.init) }) { page in
            for recorded in page { replayer.replay(recorded) }
            count += page.count
            progress?(count)
        }
        return replayer.report
    }
}

extension RecordedPO {
    /// The store's record of a first decision, its kept texts read back; a text that does not read is an error
    /// naming the order.
    public init(_ recorded: RecordedDecision) throws(ReplayRecordError) {
        let original = recorded.original
        do {
            self.init(
                id: recorded.id.rawValue, retailer: recorded.retailer, receivedAt: recorded.receivedAt,
                decidedAt: recorded.decidedAt, order: recorded.order,
                figures: try DecisionFigures(encoded: original.figures), digest: original.digest,
                inputs: try DecisionInputs(encoded: original.inputs), feesAvoided: original.feesAvoided,
                feesIncurred: original.feesIncurred)
        } catch {
            throw ReplayRecordError(order: recorded.id, poNumber: recorded.order.poNumber.rawValue, reason: "\(error)")
        }
    }
}

/// A recorded decision whose kept figures or inputs do not read back.
public struct ReplayRecordError: Error, Sendable, CustomStringConvertible {
    public var order: OrderID
    public var poNumber: String
    public var reason: String

    public var description: String { "order \(order) (PO \(poNumber)): its recorded decision does not read: \(reason)" }
}
