extension StoreLocation {
    /// Opens the store it names, bringing its schema up to date.
    public func open() async throws(StoreError) -> any OrderStore {
        switch self {
        case .sqlite(let path):
            return try SQLiteStore(path: path)
        case .postgres(let url):
            return try await PostgresStore(url: url)
        }
    }
}
