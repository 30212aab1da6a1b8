public import X12

/// Why an X12 transaction set could not become (or be answered as) a canonical order, and where.
public struct OrderX12Error: Error, Hashable, Sendable, CustomStringConvertible {
    public var kind: Kind
    public var location: X12Location

    public init(_ kind: Kind, at location: X12Location) {
        self.kind = kind
        self.location = location
    }

    public enum Kind: Hashable, Sendable {
        /// The set is not an 850.
        case notAPurchaseOrder(String)
        /// The set is not an 860.
        case notAnOrderChange(String)
        /// A segment the mapping needs is absent (BEG, BCH).
        case missingSegment(String)
        /// An element the mapping needs is absent or empty (BEG03).
        case missingElement(segment: String, position: Int, name: String)
        /// An element holds a value the mapping cannot read (a quantity that is not a number).
        case invalidValue(segment: String, position: Int, name: String)
        /// An element holds a code the mapping does not act on (POC02 `ZZ`); `accepted` lists the ones it does.
        case unknownCode(segment: String, position: Int, name: String, accepted: [String])
    }

    public var description: String {
        switch kind {
        case .notAPurchaseOrder(let id): "transaction set \(id) is not an 850 purchase order"
        case .notAnOrderChange(let id): "transaction set \(id) is not an 860 purchase order change"
        case .missingSegment(let id): "the \(id == "BCH" ? "860" : "850") has no \(id) segment"
        case .missingElement(let segment, let position, let name):
            "\(segment)\(position < 10 ? "0" : "")\(position) (\(name)) is missing"
        case .invalidValue(let segment, let position, let name):
            "\(segment)\(position < 10 ? "0" : "")\(position) (\(name)) holds a value that cannot be read"
        case .unknownCode(let segment, let position, let name, let accepted):
            "\(segment)\(position < 10 ? "0" : "")\(position) (\(name)) holds a code that is not one of "
                + accepted.joined(separator: ", ")
        }
    }
}
