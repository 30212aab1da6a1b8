extension StoreLocation {
    /// Opens the store it names, bringing its schema up to date. `forService`: for `dropgate serve`, whose senders
    /// wait for their documents to be kept (SQLite's transactions are kept short; see `SQLiteStore.init`).
    public func open(forService: Bool = false) async throws(StoreError) -> any OrderStore {
        switch self {
        case .sqlite(let path):
            return try SQLiteStore(path: path, shortTransactions: forService)
        case .postgres(let url):
            return try await PostgresStore(url: url)
        }
    }
}
