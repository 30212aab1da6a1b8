public import Foundation

/// Where an order came from: the format, the partner's identities as the document stated them, and the control
/// numbers that make a resend recognisable (partner + PO number + control numbers).
///
/// What every order of one envelope shares (all but `setControl`) is held once, in an immutable box the orders'
/// sources share: a file of 850s maps to a hundred thousand orders of a few groups, and each order copied, held and
/// released eight strings it shared with the others. Changing one of those parts gives the source its own box.
public struct OrderSource: Hashable, Sendable, Codable {
    /// The parts an envelope's orders share.
    private struct Envelope: Hashable, Sendable {
        var format: Format
        var senderID: PartnerIdentity?
        var receiverID: PartnerIdentity?
        var interchangeControl: String?
        var groupControl: String?
        var version: String?
        var origin: String?
        var senderGroupID: String?
        var receiverGroupID: String?
        var usage: String?
    }

    private final class Shared: Sendable {
        let envelope: Envelope
        init(_ envelope: Envelope) { self.envelope = envelope }
    }

    private var shared: Shared

    /// `ST02` for X12: the one part that differs from order to order.
    public var setControl: String?

    public init(
        format: Format, senderID: PartnerIdentity? = nil, receiverID: PartnerIdentity? = nil,
        interchangeControl: String? = nil, groupControl: String? = nil, setControl: String? = nil,
        version: String? = nil, origin: String? = nil, senderGroupID: String? = nil, receiverGroupID: String? = nil,
        usage: String? = nil
    ) {
        shared = Shared(
            Envelope(
                format: format, senderID: senderID, receiverID: receiverID, interchangeControl: interchangeControl,
                groupControl: groupControl, version: version, origin: origin, senderGroupID: senderGroupID,
                receiverGroupID: receiverGroupID, usage: usage))
        self.setControl = setControl
    }

    /// A shared part; set, it goes into a box of this source's own.
    private subscript<Part>(shared part: WritableKeyPath<Envelope, Part>) -> Part {
        get { shared.envelope[keyPath: part] }
        set {
            var envelope = shared.envelope
            envelope[keyPath: part] = newValue
            shared = Shared(envelope)
        }
    }

    public var format: Format {
        get { self[shared: \.format] }
        set { self[shared: \.format] = newValue }
    }
    /// Sender identity: ISA05/ISA06 or GS02 for X12; the `From` credential for cXML.
    public var senderID: PartnerIdentity? {
        get { self[shared: \.senderID] }
        set { self[shared: \.senderID] = newValue }
    }
    public var receiverID: PartnerIdentity? {
        get { self[shared: \.receiverID] }
        set { self[shared: \.receiverID] = newValue }
    }
    /// X12 control numbers: ISA13, GS06 (and `setControl`, ST02). cXML: the `payloadID` in `interchange`.
    public var interchangeControl: String? {
        get { self[shared: \.interchangeControl] }
        set { self[shared: \.interchangeControl] = newValue }
    }
    public var groupControl: String? {
        get { self[shared: \.groupControl] }
        set { self[shared: \.groupControl] = newValue }
    }
    /// The version the document declared (`004010`, `005010VICS`, `1.2.050`).
    public var version: String? {
        get { self[shared: \.version] }
        set { self[shared: \.version] = newValue }
    }
    /// The file or request it was read from, for messages.
    public var origin: String? {
        get { self[shared: \.origin] }
        set { self[shared: \.origin] = newValue }
    }

    /// X12 GS02 and GS03 as the partner wrote them: a reply's GS03 and GS02.
    public var senderGroupID: String? {
        get { self[shared: \.senderGroupID] }
        set { self[shared: \.senderGroupID] = newValue }
    }
    public var receiverGroupID: String? {
        get { self[shared: \.receiverGroupID] }
        set { self[shared: \.receiverGroupID] = newValue }
    }
    /// X12 ISA15: `P` production or `T` test; a reply carries the same.
    public var usage: String? {
        get { self[shared: \.usage] }
        set { self[shared: \.usage] = newValue }
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.setControl == rhs.setControl && (lhs.shared === rhs.shared || lhs.shared.envelope == rhs.shared.envelope)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(shared.envelope)
        hasher.combine(setControl)
    }

    // Coded as the plain struct of its fields would be, in the same order: nil parts left out.
    private enum CodingKeys: String, CodingKey {
        case format, senderID, receiverID, interchangeControl, groupControl, setControl, version, origin
        case senderGroupID, receiverGroupID, usage
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            format: try container.decode(Format.self, forKey: .format),
            senderID: try container.decodeIfPresent(PartnerIdentity.self, forKey: .senderID),
            receiverID: try container.decodeIfPresent(PartnerIdentity.self, forKey: .receiverID),
            interchangeControl: try container.decodeIfPresent(String.self, forKey: .interchangeControl),
            groupControl: try container.decodeIfPresent(String.self, forKey: .groupControl),
            setControl: try container.decodeIfPresent(String.self, forKey: .setControl),
            version: try container.decodeIfPresent(String.self, forKey: .version),
            origin: try container.decodeIfPresent(String.self, forKey: .origin),
            senderGroupID: try container.decodeIfPresent(String.self, forKey: .senderGroupID),
            receiverGroupID: try container.decodeIfPresent(String.self, forKey: .receiverGroupID),
            usage: try container.decodeIfPresent(String.self, forKey: .usage))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        let envelope = shared.envelope
        try container.encode(envelope.format, forKey: .format)
        try container.encodeIfPresent(envelope.senderID, forKey: .senderID)
        try container.encodeIfPresent(envelope.receiverID, forKey: .receiverID)
        try container.encodeIfPresent(envelope.interchangeControl, forKey: .interchangeControl)
        try container.encodeIfPresent(envelope.groupControl, forKey: .groupControl)
        try container.encodeIfPresent(setControl, forKey: .setControl)
        try container.encodeIfPresent(envelope.version, forKey: .version)
        try container.encodeIfPresent(envelope.origin, forKey: .origin)
        try container.encodeIfPresent(envelope.senderGroupID, forKey: .senderGroupID)
        try container.encodeIfPresent(envelope.receiverGroupID, forKey: .receiverGroupID)
        try container.encodeIfPresent(envelope.usage, forKey: .usage)
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
