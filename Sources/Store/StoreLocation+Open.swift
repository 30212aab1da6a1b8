extension StoreLocation {
    /// Opens the store it names, bringing its schema up to date.
    public func open() async throws(StoreError) -> any OrderStore {
        switch self {
        case .sqlite(let path):
            return try SQLiteStore(path: path)
        case .postgres:
            throw StoreError(
                "open \(self)", code: .unavailable, underlying: StoreLocationError("PostgreSQL is not built in yet"))
        }
    }
}

struct StoreLocationError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
