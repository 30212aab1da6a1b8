/// The ship method a PO asks for, as the retailer said it. The retailer's profile maps it to one of our carrier
/// services; nothing here is interpreted yet.
public struct ShipMethod: Hashable, Sendable, Codable {
    /// Standard carrier alpha code (TD503): `UPSN`, `FDEG`, `USPS`, …
    public var carrierSCAC: String?
    /// Service level code (TD512: `G2` two-day, `ND` next day, `SG` standard ground, …).
    public var serviceLevel: String?
    /// Transportation method (TD504: `M` motor, `U` private parcel, …).
    public var transportMethod: String?
    /// The free-text routing (TD505) or the cXML `Shipping/Description`; retailers often put their own method code
    /// here (`UPS GROUND`, a Walmart CMID).
    public var routing: String?

    public init(carrierSCAC: String? = nil, serviceLevel: String? = nil, transportMethod: String? = nil,
                routing: String? = nil)
    {
        self.carrierSCAC = carrierSCAC
        self.serviceLevel = serviceLevel
        self.transportMethod = transportMethod
        self.routing = routing
    }
}

/// A reference the retailer attaches (REF in X12, `Extrinsic` in cXML): customer order number, department, …
public struct Reference: Hashable, Sendable, Codable {
    /// REF01 qualifier (`CO` customer order, `DP` department, `IA` vendor number, …) or the extrinsic's name.
    public var qualifier: String
    public var value: String
    public var description: String?

    public init(qualifier: String, value: String, description: String? = nil) {
        self.qualifier = qualifier
        self.value = value
        self.description = description
    }
}

/// Text carried to the consumer or the packer.
public struct Note: Hashable, Sendable, Codable {
    public var kind: Kind
    public var text: String

    public init(kind: Kind, text: String) {
        self.kind = kind
        self.text = text
    }

    public enum Kind: String, Hashable, Sendable, Codable {
        case giftMessage = "gift-message"
        case packingSlip = "packing-slip"
        case shippingInstructions = "shipping-instructions"
        case general
    }
}
