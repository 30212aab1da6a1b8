public import Foundation

/// Where an order came from: the format, the partner's identities as the document stated them, and the control
/// numbers that make a resend recognisable (partner + PO number + control numbers).
public struct OrderSource: Hashable, Sendable, Codable {
    public var format: Format
    /// Sender identity: ISA05/ISA06 or GS02 for X12; the `From` credential for cXML.
    public var senderID: PartnerIdentity?
    public var receiverID: PartnerIdentity?
    /// X12 control numbers: ISA13, GS06, ST02. cXML: the `payloadID` in `interchange`.
    public var interchangeControl: String?
    public var groupControl: String?
    public var setControl: String?
    /// The version the document declared (`004010`, `005010VICS`, `1.2.050`).
    public var version: String?
    /// The file or request it was read from, for messages.
    public var origin: String?

    public init(
        format: Format, senderID: PartnerIdentity? = nil, receiverID: PartnerIdentity? = nil,
        interchangeControl: String? = nil, groupControl: String? = nil, setControl: String? = nil,
        version: String? = nil, origin: String? = nil
    ) {
        self.format = format
        self.senderID = senderID
        self.receiverID = receiverID
        self.interchangeControl = interchangeControl
        self.groupControl = groupControl
        self.setControl = setControl
        self.version = version
        self.origin = origin
    }

    public enum Format: String, Hashable, Sendable, Codable {
        case x12 = "x12-850"
        case cXML = "cxml-order-request"
        case mappedXML = "mapped-xml"
    }
}

/// A partner's identity: the qualifier says which registry the id is from (`ZZ` mutually defined, `08` UCC/EAN,
/// `01` DUNS; cXML credential domains such as `NetworkID` or `DUNS`).
public struct PartnerIdentity: Hashable, Sendable, Codable, CustomStringConvertible {
    public var qualifier: String
    public var id: String

    public init(qualifier: String, id: String) {
        self.qualifier = qualifier
        self.id = id
    }

    public var description: String { "\(qualifier):\(id)" }
}
