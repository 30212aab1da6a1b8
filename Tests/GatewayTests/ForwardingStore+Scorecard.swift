import Store

extension ForwardingStore {
    func scorecardRecords(_ window: ScorecardWindow) async throws(StoreError) -> [ScorecardRecord] {
        try await base.scorecardRecords(window)
    }
}
