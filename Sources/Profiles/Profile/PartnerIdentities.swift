public import Orders
internal import Yams

/// How a retailer's documents are recognised and how it wants X12 written back to it.
public struct PartnerIdentities: Hashable, Sendable, Codable {
    /// ISA05:ISA06 of the interchanges it sends (`08:925485US00`).
    public var interchange: [PartnerIdentity]
    /// GS02 of the functional groups it sends.
    public var group: [String]
    /// cXML `From` credentials (`NetworkID:BESTBUYMKT`).
    public var cXML: [PartnerIdentity]
    /// The X12 version it sends and wants answers in (`004010`, `005010`).
    public var x12Version: String?
    /// The X12 release every reply to this retailer is written in (`004010`), whatever release its inbound used; nil
    /// answers each document in its own inbound release, as the 997/999 conventions say.
    public var x12ReplyVersion: String?
    public var delimiters: Delimiters?
    /// Its own XML order formats and the mappings that read them.
    public var xml: [XMLClaim]

    public init(
        interchange: [PartnerIdentity] = [], group: [String] = [], cXML: [PartnerIdentity] = [],
        x12Version: String? = nil, x12ReplyVersion: String? = nil, delimiters: Delimiters? = nil,
        xml: [XMLClaim] = []
    ) {
        self.xml = xml
        self.interchange = interchange
        self.group = group
        self.cXML = cXML
        self.x12Version = x12Version
        self.x12ReplyVersion = x12ReplyVersion
        self.delimiters = delimiters
    }
}

/// The X12 delimiters a retailer wants in what it receives; ISA carries them, so these only shape our output.
public struct Delimiters: Hashable, Sendable, Codable {
    public var element: String
    public var component: String
    public var segment: String
    /// ISA11 from 00402 on; nil writes `U` for 00401.
    public var repetition: String?
    /// Written after each segment terminator.
    public var lineEnding: LineEnding

    /// What follows each segment terminator in a file we write: nothing (one line), LF or CR LF.
    public enum LineEnding: String, Hashable, Sendable, Codable, CaseIterable, YAMLEnum {
        case none, lf, crlf

        /// The bytes written after each terminator.
        public var bytes: [UInt8] {
            switch self {
            case .none: []
            case .lf: [0x0A]
            case .crlf: [0x0D, 0x0A]
            }
        }
    }

    public init(
        element: String, component: String, segment: String, repetition: String? = nil,
        lineEnding: LineEnding = .none
    ) {
        self.element = element
        self.component = component
        self.segment = segment
        self.repetition = repetition
        self.lineEnding = lineEnding
    }
}

extension PartnerIdentity: YAMLScalar {
    /// `QUALIFIER:ID` (`ZZ:AMAZONDS`, `NetworkID:BESTBUYMKT`).
    static func parse(_ text: String) throws(ValueProblem) -> PartnerIdentity {
        let parts = text.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw ValueProblem("expected QUALIFIER:ID like 'ZZ:AMAZONDS', got '\(text)'")
        }
        return PartnerIdentity(qualifier: String(parts[0]), id: String(parts[1]))
    }
}

extension PartnerIdentities: YAMLReadable {
    static let keys = [
        "x12-interchange", "x12-group", "cxml-credential", "x12-version", "x12-reply-version", "delimiters", "xml",
    ]

    static func read(_ node: Node, path: String, _ d: inout Diagnostics) -> PartnerIdentities? {
        guard let f = d.fields(node, path: path, keys: keys) else { return nil }
        var identities = PartnerIdentities()
        identities.interchange = d.value(f, "x12-interchange", default: [])
        identities.group = d.value(f, "x12-group", default: [])
        identities.cXML = d.value(f, "cxml-credential", default: [])
        identities.x12Version = d.optional(f, "x12-version")
        identities.x12ReplyVersion = d.optional(f, "x12-reply-version")
        for key in ["x12-version", "x12-reply-version"] {
            if let version: String = d.optional(f, key),
                version.count < 6 || !version.prefix(6).allSatisfy({ $0.isASCII && $0.isNumber })
            {
                d.report(
                    "expected an X12 release like 004010 or 005010, got '\(version)'", at: f[key], path: f.path(key))
            }
        }
        identities.delimiters = d.optional(f, "delimiters")
        if let node = f["xml"], !node.isNull {
            identities.xml = XMLClaim.readList(node, path: f.path("xml"), &d) ?? []
        }
        for identity in identities.interchange where identity.qualifier.count != 2 || identity.id.count > 15 {
            d.report(
                "ISA qualifier must be 2 characters and the id at most 15, got '\(identity)'",
                at: f["x12-interchange"], path: f.path("x12-interchange"))
        }
        return identities
    }
}

extension Delimiters: YAMLReadable {
    static func read(_ node: Node, path: String, _ d: inout Diagnostics) -> Delimiters? {
        guard
            let f = d.fields(node, path: path, keys: ["element", "component", "segment", "repetition", "line-ending"])
        else { return nil }
        guard let element: String = d.required(f, "element"), let component: String = d.required(f, "component"),
            let segment: String = d.required(f, "segment")
        else { return nil }
        let ending: Delimiters.LineEnding = d.value(f, "line-ending", default: .none)
        let repetition: String? = d.optional(f, "repetition")
        let all = [element, component, segment] + (repetition.map { [$0] } ?? [])
        if all.contains(where: { $0.count != 1 }) {
            d.report("each delimiter must be one character", at: node, path: path)
        } else if Set(all).count != all.count {
            d.report("delimiters must differ from each other", at: node, path: path)
        }
        return Delimiters(
            element: element, component: component, segment: segment, repetition: repetition,
            lineEnding: ending)
    }
}
