/// Identifier types: each kind of id gets its own type so that a SKU can never be passed where a PO number is
/// expected. All are thin wrappers over the text the documents carry, compared byte for byte, and encode as a
/// bare JSON string.
public protocol StringIdentifier: RawRepresentable, Hashable, Comparable, Sendable, Codable,
    ExpressibleByStringLiteral, CustomStringConvertible, JSONWritable, JSONReadable
where RawValue == String {
    init(rawValue: String)
}

extension StringIdentifier {
    public init(_ rawValue: String) { self.init(rawValue: rawValue) }
    public init(stringLiteral value: String) { self.init(rawValue: value) }
    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
    public var description: String { rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The retailer's purchase order number (BEG03 in an X12 850, `orderID` in cXML).
public struct PONumber: StringIdentifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// The supplier's own item number (the vendor part number on a PO, `VN` in X12, `SupplierPartID` in cXML).
public struct SKU: StringIdentifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// A node of the fulfilment network: distribution center, store, 3PL or vendor.
public struct DCID: StringIdentifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

/// The retailer a document belongs to, as named by its profile (`walmart`, `homedepot`, …).
public struct RetailerID: StringIdentifier {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}

extension String {
    /// `uppercased()`, without making a new string when nothing changes (ASCII without a lower-case letter), as
    /// codes such as `EA` and `USD` arrive. The bytes are read in one buffer (a small string's on the stack), which
    /// is far faster than stepping through the UTF-8 view.
    var uppercasedCode: String {
        let isUnchanged: (UInt8) -> Bool = { $0 < 0x80 && ($0 < 0x61 || $0 > 0x7A) }
        let unchanged = utf8.withContiguousStorageIfAvailable { $0.allSatisfy(isUnchanged) }
        return unchanged ?? utf8.allSatisfy(isUnchanged) ? self : uppercased()
    }
}
