import Foundation
internal import Yams

/// The documents exchanged with a retailer and the events each carries.
public struct DocumentRules: Hashable, Sendable, Codable {
    public var sends: [DocumentKind]
    public var expects: [DocumentKind]
    public var acknowledgement: AcknowledgementRules
    /// How long after shipment confirmation the 856 must arrive; nil when the retailer sets no deadline.
    public var asnDeadline: ProfileDuration?
    /// What each package of an ASN must carry beside its tracking number (Lowe's: weight and dimensions); a
    /// shipment without them is refused before it is recorded.
    public var asnPackageDetails: Set<PackageDetail> = []
    /// Which document carries a cancellation (the 855 for one retailer, the 870 or the 856 for another).
    public var cancelOn: DocumentKind
    /// Which document confirms a shipment (856, or 810 for some programs).
    public var shipOn: DocumentKind
    /// Which document invoices; nil when the program takes no invoice.
    public var invoiceOn: DocumentKind?
    /// Which document answers a change or cancel request: the 865 (default), the 855 (the order as it stands after
    /// an accepted change; Walmart takes no 865), or none (only the 997). A cXML update or delete is answered with
    /// a cXML confirmation unless this is none.
    public var changeAnswerOn: DocumentKind?
    /// Where our documents to the retailer go (997/999/TA1, 855, later 856/810); nil when the profile names no
    /// place, and they wait in the outbox.
    public var endpoint: DeliveryEndpoint?

    public init(
        sends: [DocumentKind] = [.x850], expects: [DocumentKind] = [.x997, .x855, .x856, .x810],
        acknowledgement: AcknowledgementRules = AcknowledgementRules(), asnDeadline: ProfileDuration? = nil,
        cancelOn: DocumentKind = .x855, shipOn: DocumentKind = .x856, invoiceOn: DocumentKind? = .x810,
        changeAnswerOn: DocumentKind? = .x865, endpoint: DeliveryEndpoint? = nil
    ) {
        self.sends = sends
        self.expects = expects
        self.acknowledgement = acknowledgement
        self.asnDeadline = asnDeadline
        self.cancelOn = cancelOn
        self.shipOn = shipOn
        self.invoiceOn = invoiceOn
        self.changeAnswerOn = changeAnswerOn
        self.endpoint = endpoint
    }
}

/// A package detail a retailer may require on its ASNs.
public enum PackageDetail: String, Hashable, Sendable, Codable, CaseIterable, YAMLEnum {
    case weight, dimensions
}

public enum DocumentKind: String, Hashable, Sendable, Codable, CaseIterable, YAMLEnum {
    case x850 = "850"
    case x855 = "855"
    case x856 = "856"
    case x810 = "810"
    case x846 = "846"
    case x860 = "860"
    case x865 = "865"
    /// Order status report: how some programs take a line cancelled before it ships (`cancel-on: 870`).
    case x870 = "870"
    case x997 = "997"
    case x999 = "999"
    case cXMLOrderRequest = "cxml-order-request"
    case cXMLConfirmation = "cxml-confirmation"
    case cXMLShipNotice = "cxml-ship-notice"
    case cXMLInvoice = "cxml-invoice"
    case api
}

/// What the PO acknowledgement must look like and when it is due.
public struct AcknowledgementRules: Hashable, Sendable, Codable {
    public var required: Bool
    /// From receipt of the PO; clock hours unless written in business units.
    public var deadline: ProfileDuration
    public var scope: Scope
    /// The acknowledgement kinds the retailer accepts; a cancel-only program lists just `cancel`.
    public var kinds: Set<Kind>

    public enum Scope: String, Hashable, Sendable, Codable, CaseIterable, YAMLEnum {
        case order
        case everyLine = "every-line"
    }

    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable, YAMLEnum {
        case accept, reject, cancel, backorder, change
    }

    public init(
        required: Bool = true, deadline: ProfileDuration = .hours(24), scope: Scope = .order,
        kinds: Set<Kind> = [.accept, .reject]
    ) {
        self.required = required
        self.deadline = deadline
        self.scope = scope
        self.kinds = kinds
    }
}

extension AcknowledgementRules {
    private enum CodingKeys: String, CodingKey { case required, deadline, scope, kinds }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(required, forKey: .required)
        try container.encode(deadline, forKey: .deadline)
        try container.encode(scope, forKey: .scope)
        try container.encode(Kind.allCases.filter(kinds.contains), forKey: .kinds)
    }
}

extension DocumentRules: YAMLReadable {
    static let keys =
        [
            "sends", "expects", "acknowledgement", "asn-deadline", "asn-package-details", "cancel-on", "ship-on",
            "invoice-on", "change-answer-on", "destination",
            "credentials",
        ]
        + DeliveryOptions.keys

    static func read(_ node: Node, path: String, _ d: inout Diagnostics) -> DocumentRules? {
        guard let f = d.fields(node, path: path, keys: keys) else { return nil }
        var rules = DocumentRules()
        rules.sends = d.value(f, "sends", default: rules.sends)
        rules.expects = d.value(f, "expects", default: rules.expects)
        rules.acknowledgement = d.value(f, "acknowledgement", default: rules.acknowledgement)
        rules.asnDeadline = d.optional(f, "asn-deadline")
        rules.asnPackageDetails = d.value(f, "asn-package-details", default: rules.asnPackageDetails)
        rules.cancelOn = d.value(f, "cancel-on", default: rules.cancelOn)
        rules.shipOn = d.value(f, "ship-on", default: rules.shipOn)
        if let invoice = f["invoice-on"], invoice.scalar?.string == "none" {
            rules.invoiceOn = nil
        } else {
            rules.invoiceOn = d.value(f, "invoice-on", default: DocumentKind.x810)
        }
        if let answer = f["change-answer-on"], answer.scalar?.string == "none" {
            rules.changeAnswerOn = nil
        } else {
            rules.changeAnswerOn = d.value(f, "change-answer-on", default: DocumentKind.x865)
            if let kind = rules.changeAnswerOn, kind != .x865, kind != .x855 {
                d.report(
                    "a change request is answered on \"865\", \"855\" or none, not \"\(kind.rawValue)\"",
                    at: f["change-answer-on"], path: f.path("change-answer-on"))
            }
        }
        let credentials: [String: String] = d.value(f, "credentials", default: [:])
        DeliveryEndpoint.checkCredentials(credentials, f, &d)
        let options = DeliveryOptions.read(f, &d)
        if let destination: URL = d.optional(f, "destination") {
            rules.endpoint = DeliveryEndpoint(destination: destination, credentials: credentials, options: options)
        } else if !credentials.isEmpty {
            d.report("credentials without a destination", at: f["credentials"], path: f.path("credentials"))
        }
        return rules
    }
}

extension AcknowledgementRules: YAMLReadable {
    static func read(_ node: Node, path: String, _ d: inout Diagnostics) -> AcknowledgementRules? {
        guard let f = d.fields(node, path: path, keys: ["required", "deadline", "scope", "kinds"]) else { return nil }
        var rules = AcknowledgementRules()
        rules.required = d.value(f, "required", default: rules.required)
        rules.deadline = d.value(f, "deadline", default: rules.deadline)
        rules.scope = d.value(f, "scope", default: rules.scope)
        rules.kinds = d.value(f, "kinds", default: rules.kinds)
        if rules.deadline.value <= 0 {
            d.report("the deadline must be positive", at: f["deadline"], path: f.path("deadline"))
        }
        return rules
    }
}
