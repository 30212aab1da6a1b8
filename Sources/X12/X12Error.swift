/// What went wrong reading or checking X12, and exactly where.
public struct X12Error: Error, Hashable, Sendable {
    public var kind: Kind
    /// Byte offset of the problem in the input, counted from 0.
    public var byteOffset: Int

    public init(_ kind: Kind, at byteOffset: Int) {
        self.kind = kind
        self.byteOffset = byteOffset
    }

    public enum Kind: Hashable, Sendable {
        case notAnInterchange(String)
    }
}
