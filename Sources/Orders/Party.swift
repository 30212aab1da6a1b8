/// A party on the order: the consumer it ships to, who pays, the retailer, an assigned ship-from node.
public struct Party: Hashable, Sendable, Codable {
    public var role: Role
    public var name: String?
    /// The party's code with its qualifier (N103/N104 in X12, `addressID` in cXML).
    public var identifier: PartyIdentifier?
    public var address: Address?
    public var contact: Contact?

    public init(
        role: Role, name: String? = nil, identifier: PartyIdentifier? = nil, address: Address? = nil,
        contact: Contact? = nil
    ) {
        self.role = role
        self.name = name
        self.identifier = identifier
        self.address = address
        self.contact = contact
    }

    /// N101 entity identifier codes that matter to a dropship order.
    public enum Role: String, Hashable, Sendable, Codable {
        case shipTo = "ship-to"  // ST
        case billTo = "bill-to"  // BT
        case buyer  // BY
        case shipFrom = "ship-from"  // SF: the node the retailer assigned
        case seller  // SE / VN
        case soldTo = "sold-to"  // SO: the consumer who bought, when not the ship-to
        case remitTo = "remit-to"  // RI
        case store  // pickup store for BOPIS programs
        case other
    }
}

public struct PartyIdentifier: Hashable, Sendable, Codable {
    /// N103: `92` assigned by buyer, `1` DUNS, `UL` GLN, …
    public var qualifier: String
    public var value: String

    public init(qualifier: String, value: String) {
        self.qualifier = qualifier
        self.value = value
    }
}

public struct Address: Hashable, Sendable, Codable {
    /// Street lines in order (N301, N302, further N3 segments).
    public var lines: [String]
    public var city: String?
    /// State or province code (N402).
    public var region: String?
    public var postalCode: String?
    /// ISO 3166 alpha-2 (N404); nil means the document did not say, which profiles treat as `US`.
    public var country: String?

    public init(
        lines: [String], city: String? = nil, region: String? = nil, postalCode: String? = nil,
        country: String? = nil
    ) {
        self.lines = lines
        self.city = city
        self.region = region
        self.postalCode = postalCode
        self.country = country
    }

    /// The first three digits of a US ZIP code, which zone and transit tables are keyed by.
    public var zip3: String? {
        guard var postalCode else { return nil }
        // ASCII without CR (where a character is a byte): by bytes, the same as by characters below. The bytes in
        // one buffer, which reads far faster than the UTF-8 view.
        let ascii: String?? = postalCode.withUTF8 { bytes in
            guard bytes.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) else { return nil }
            // The digits among the first five bytes, packed: five of them make a ZIP, the first three its ZIP3.
            var digits: UInt32 = 0
            var count = 0
            for byte in bytes.prefix(5) where byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                if count < 3 { digits |= UInt32(byte) << (8 * count) }
                count += 1
            }
            guard count == 5 else { return .some(nil) }
            return withUnsafeBytes(of: digits) { String(decoding: $0.prefix(3), as: UTF8.self) }
        }
        if let ascii { return ascii }
        let digits = postalCode.prefix(5).filter(\.isNumber)
        return digits.count == 5 ? String(digits.prefix(3)) : nil
    }
}

public struct Contact: Hashable, Sendable, Codable {
    public var name: String?
    public var phone: String?
    public var email: String?

    public init(name: String? = nil, phone: String? = nil, email: String? = nil) {
        self.name = name
        self.phone = phone
        self.email = email
    }
}
