/// A store operation that failed, with a code a caller can act on. `description` names the operation, never the
/// payload.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// The database could not be opened or reached.
        case unavailable
        /// Another writer holds it; retrying later may succeed.
        case busy
        /// A uniqueness or other constraint refused the write.
        case constraint
        /// A document to put in the outbox could not be rendered.
        case render
        /// A stored value is not one this version knows (a code written by hand or by another version): retrying
        /// will not help, the row needs repair.
        case corrupt
        /// Anything else the database reported.
        case failed
    }

    public var code: Code
    public var operation: String
    public var underlying: String

    public init(_ operation: String, code: Code = .failed, underlying: any Error) {
        self.code = code
        self.operation = operation
        self.underlying = String(describing: underlying)
    }

    /// A failure the store found itself rather than one the database reported; `reason` says what and where.
    public init(_ operation: String, code: Code, reason: String) {
        self.code = code
        self.operation = operation
        self.underlying = reason
    }

    public var description: String { "store: \(operation) failed: \(underlying)" }
}
