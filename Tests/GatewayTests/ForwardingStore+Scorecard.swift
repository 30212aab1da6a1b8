import Store

extension ForwardingStore {
    func scorecardRecords(_ window: ScorecardWindow) async throws(StoreError) -> [ScorecardRecord] {
        try await base.scorecardRecords(window)
    }

    func originalDecisions(_ window: DecisionWindow, after: OrderID?, limit: Int) async throws(StoreError)
        -> [RecordedDecision]
    { try await base.originalDecisions(window, after: after, limit: limit) }
}
