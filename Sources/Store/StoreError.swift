/// A store operation that failed. `description` names the operation, never the payload.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public var operation: String
    public var underlying: String

    public init(_ operation: String, underlying: any Error) {
        self.operation = operation
        self.underlying = String(describing: underlying)
    }

    public var description: String { "store: \(operation) failed: \(underlying)" }
}
