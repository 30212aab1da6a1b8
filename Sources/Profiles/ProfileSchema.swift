import Foundation
import Orders
internal import Yams

/// One declarative description of the profile and network file formats. It prints as JSON Schema for editors
/// (`dropgate profiles schema`) and checks a file's shape (`validate`), and a test holds it to the readers by
/// validating every sample file against it.
public enum ProfileSchema {
    public enum Kind: Sendable { case profile, network }

    indirect enum Shape: Sendable {
        case text(String)
        case pattern(String, String)
        case integer(minimum: Int?)
        case number
        case boolean
        case choice([String])
        case list(Shape)
        case object([Field])
        case map(Shape)
        /// A value of either shape (a code alone, or a code with its text).
        case either(Shape, Shape)
    }

    struct Field: Sendable {
        var key: String
        var shape: Shape
        var required = false
        var help: String
    }

    static func field(_ key: String, _ shape: Shape, required: Bool = false, _ help: String) -> Field {
        Field(key: key, shape: shape, required: required, help: help)
    }

    static let duration = Shape.pattern(
        #"^\s*\d+\s*(m|min|minutes?|h|hours?|d|days?|business hours?|business days?|bh|bd)\s*$"#,
        "a duration with its unit: 48h, 2 business days")
    static let money = Shape.pattern(#"^-?\d+(\.\d+)?( [A-Za-z]{3})$"#, "an amount and currency: 25.00 USD")
    static let time = Shape.pattern(#"^\d{1,2}:\d{2}$"#, "a 24-hour time: 15:00")
    static let localTime = Shape.pattern(#"^\d{1,2}:\d{2} \S+$"#, "a time and IANA zone: 14:00 America/Chicago")
    static let date = Shape.pattern(#"^\d{4}-\d{2}-\d{2}$"#, "a date: 2026-11-26")
    static let identity = Shape.pattern("^[^:]+:.+$", "QUALIFIER:ID, e.g. ZZ:AMAZONDS")
    static let calendar = Shape.object([
        field(
            "weekends", .list(.choice(Weekday.allCases.map(\.rawValue))), "days of the week that are not business days"),
        field("holidays", .list(date), "closed days"),
    ])
    static let documents = DocumentKind.allCases.map(\.rawValue)
    static let destination = Shape.pattern("^(https?|sftp|file)://", "https, sftp or file URL")
    static let credentials = Shape.map(.pattern("^[A-Z0-9_]+$", "ENV_VAR_NAME"))
    static let deliveryOptions = [
        field("method", .choice(DeliveryOptions.Method.allCases.map(\.rawValue)), "HTTP method (POST by default)"),
        field("api-key-header", .text("header name"), "the header an api-key credential goes in (X-API-Key)"),
        field("known-hosts", .text("file"), "known_hosts file the sftp server's host key must be in"),
        field("ca-bundle", .text("file"), "PEM CA bundle to verify the https server with"),
    ]
    /// A place we send to: `documents:` of a profile, `pick-tickets:` of a node.
    static let endpoint = Shape.object(
        [
            field("destination", destination, required: true, "https endpoint, or sftp/file folder"),
            field("credentials", credentials, "environment variable names"),
        ] + deliveryOptions)
    /// A reason's code alone, or with the retailer's words for it.
    static let reasonEntry = Shape.either(
        .text("the retailer's code"),
        .object([
            field("code", .text("the retailer's code"), required: true, "ACK01 on an 855"),
            field("text", .text("the retailer's words"), "comment on a cXML confirmation"),
            field("status-reason", .text("three-character code"), "ISR03 on an 870 (element 641)"),
        ]))

    static let profile = Shape.object([
        field("id", .text("retailer id"), "defaults to the file name"),
        field("name", .text("display name"), required: true, "the retailer's name"),
        field("sample", .boolean, "a sample styled on public requirements, not a contract"),
        field(
            "identity",
            .object([
                field("x12-interchange", .list(identity), "ISA05:ISA06 of interchanges it sends"),
                field("x12-group", .list(.text("GS02")), "GS02 of groups it sends"),
                field("cxml-credential", .list(identity), "cXML From credential domain:identity"),
                field("x12-version", .text("004010"), "X12 version it sends"),
                field(
                    "x12-reply-version", .pattern("^[0-9]{6}", "004010"),
                    "pins the release of every reply; without it each reply is in its inbound's release"),
                field(
                    "xml",
                    .list(
                        .object([
                            field("root", .text("root element's local name"), "root element of its documents"),
                            field("namespace", .text("namespace URI"), "namespace of the root element"),
                            field(
                                "sender",
                                .object([
                                    field(
                                        "path", .text("mapping path from the order"),
                                        "where the sender is; the mapping's own sender field when absent"),
                                    field("equals", .text("text"), required: true, "the sender's text"),
                                ]), "only the orders whose sender is this"),
                            field(
                                "mapping", .text("path to a mapping file"), required: true,
                                "the mapping that reads them, relative to this profile's folder"),
                        ])),
                    "its own XML order formats (one claim or a list); at least root or namespace"),
                field(
                    "delimiters",
                    .object([
                        field("element", .text("one character"), required: true, "element separator"),
                        field("component", .text("one character"), required: true, "component separator"),
                        field("segment", .text("one character"), required: true, "segment terminator"),
                        field("repetition", .text("one character"), "repetition separator (00402+)"),
                        field(
                            "line-ending", .choice(Delimiters.LineEnding.allCases.map(\.rawValue)),
                            "written after each segment"),
                    ]), "delimiters it wants back"),
            ]), "how its documents are recognised"),
        field(
            "documents",
            .object(
                [
                    field("sends", .list(.choice(documents)), "documents it sends"),
                    field("expects", .list(.choice(documents)), "documents it expects back"),
                    field(
                        "acknowledgement",
                        .object([
                            field("required", .boolean, "whether a PO acknowledgement is required"),
                            field("deadline", duration, "from receipt"),
                            field(
                                "scope", .choice(AcknowledgementRules.Scope.allCases.map(\.rawValue)),
                                "order or every line"
                            ),
                            field(
                                "kinds", .list(.choice(AcknowledgementRules.Kind.allCases.map(\.rawValue))),
                                "kinds it accepts"),
                        ]), "PO acknowledgement rules"),
                    field("asn-deadline", duration, "856 after shipment confirmation"),
                    field(
                        "asn-package-details", .list(.choice(PackageDetail.allCases.map(\.rawValue))),
                        "what each ASN package must carry: weight, dimensions"),
                    field("cancel-on", .choice(documents), "document that carries a cancel"),
                    field(
                        "change-answer-on", .choice(["865", "855", "none"]),
                        "document that answers a change or cancel request (865 by default)"),
                    field("ship-on", .choice(documents), "document that confirms a shipment"),
                    field("invoice-on", .choice(documents + ["none"]), "document that invoices"),
                    field("destination", destination, "where our documents to it go"),
                    field("credentials", credentials, "environment variable names"),
                ] + deliveryOptions), "documents and deadlines"),
        field(
            "ship-sla",
            .object([
                field("within", duration, required: true, "N business days or hours"),
                field("from", .choice(ShipSLA.Basis.allCases.map(\.rawValue)), "receipt or po-date"),
                field("honour", .list(.choice(ShipSLA.PODate.allCases.map(\.rawValue))), "PO dates that set ship-by"),
                field("cutoff", localTime, required: true, "order cutoff and the retailer's time zone"),
                field("calendar", calendar, "the retailer's business calendar"),
            ]), required: true, "when orders must ship"),
        field(
            "fulfilment",
            .object([
                field("fill", .choice(FulfilmentPolicy.Fill.allCases.map(\.rawValue)), required: true, "fill policy"),
                field("max-shipments", .integer(minimum: 1), "most shipments per order"),
                field("backorder", duration, "how long lines may wait (ship-complete only)"),
            ]), "fulfilment policy"),
        field("routing-authority", .choice(RoutingAuthority.allCases.map(\.rawValue)), "who picks the ship-from node"),
        field(
            "sourcing",
            .object([
                field("primary", .text("DC id"), "the primary DC"),
                field("alternates", .list(.text("DC id")), "allowed alternates in order"),
                field("strategy", .choice(Sourcing.Strategy.allCases.map(\.rawValue)), "how candidates are ranked"),
            ]), "sourcing preferences"),
        field(
            "carriers",
            .list(
                .object([
                    field("scac", .text("TD503"), "SCAC to match"),
                    field("service-level", .text("TD512"), "service level to match"),
                    field("routing", .text("TD505 or cXML description"), "routing text to match"),
                    field("services", .list(.text("carrier service id")), required: true, "our services"),
                ])), required: true, "allowed ship methods mapped to our services"),
        field(
            "ship-to",
            .object(
                ["po-boxes", "military", "alaska-hawaii", "territories", "non-us"].map {
                    field($0, .boolean, "allow \($0)")
                }), "destinations allowed"),
        field(
            "items",
            .object([
                field("max-units-per-line", .integer(minimum: 1), "quantity limit per line"),
                field("max-units-per-order", .integer(minimum: 1), "quantity limit per order"),
                field("max-lines", .integer(minimum: 1), "line limit"),
                field("require-prices", .boolean, "lines must carry prices"),
                field("packing-slip", .boolean, "packing slip in the box"),
                field("gift-messages", .boolean, "gift messages printed"),
            ]), "item rules"),
        field(
            "fees",
            .object(
                FeeSchedule.Violation.allCases.map { violation in
                    field(
                        violation.rawValue,
                        .object([
                            field("fixed", money, "per violation"),
                            field("per-unit", money, "per unit"),
                            field("percent", .number, "per cent of the order value"),
                            field(
                                "allowance", .pattern(#"^\d+(\.\d+)?% of (orders|units)$"#, "1% of orders"),
                                "tolerated share"),
                        ]), "fee for \(violation.rawValue)")
                } + [field("scorecard", .map(.number), "thresholds in per cent")]), "chargeback fee schedule"),
        field(
            "reason-codes",
            .object(
                [field("default", reasonEntry, "the code for every reason not listed (IR)")]
                    + Reason.allCases.map { reason in
                        field(
                            reason.rawValue, reasonEntry,
                            reason == .fillOrKill
                                ? "a line that could ship, cancelled with one that cannot (order fill-or-kill, "
                                    + "ship complete)"
                                : "the code for \(reason.rawValue)")
                    }), "reason → retailer code (and text); 'default' for the rest"),
        field(
            "orders",
            .object([
                field(
                    "duplicates", .choice(DuplicatePolicy.allCases.map(\.rawValue)),
                    "a PO number sent again in a new interchange: reject (default) or replace while not released"),
                field(
                    "cancel-after-release", .choice(CancelAfterRelease.allCases.map(\.rawValue)),
                    "a retailer's cancel request once the pick is released: refuse (default) or honour until shipped"),
            ]), "what a repeated PO and a retailer's change request do"),
        field(
            "feed",
            .object(
                [
                    field(
                        "format", .choice(FeedSettings.Format.allCases.map(\.rawValue)), required: true, "feed format"),
                    field("mode", .choice(FeedSettings.Mode.allCases.map(\.rawValue)), "full or delta"),
                    field("per-node", .boolean, "one figure per node"),
                    field(
                        "unavailable", .choice(FeedSettings.Unavailable.allCases.map(\.rawValue)), "0 row or omitted"),
                    field(
                        "schedule", .pattern(#"^(\S+ ){5}\S+$"#, "0 6 * * * America/Chicago"), required: true,
                        "cron and zone"),
                    field("minimum-interval", duration, "the destination's limit"),
                    field(
                        "destination", .pattern("^(https?|sftp|file)://", "https, sftp or file URL"), required: true,
                        "where"),
                    field("credentials", .map(.pattern("^[A-Z0-9_]+$", "ENV_VAR_NAME")), "environment variable names"),
                    field("buffer", .pattern(#"^(\d+ units?|\d+(\.\d+)?%)$"#, "2 units or 10%"), "held back"),
                    field("cap", .integer(minimum: 0), "most units advertised"),
                    field("columns", .list(.text("column")), "CSV columns"),
                    field("item-ids", .map(.text("retailer item id")), "SKU → retailer item id"),
                    field(
                        "max-items-per-set", .integer(minimum: 1), "most LIN loops in one 846 set (split beyond)"),
                    field(
                        "accepted-on", .choice(FeedAcceptance.allCases.map(\.rawValue)),
                        "when a run counts as accepted, so the next delta is taken against it: delivery (default), "
                            + "or 997, once the retailer's 997 accepts the 846 (x12-846 only)"),
                    field(
                        "acknowledgement-due", duration,
                        "how long after delivery the 997 is due (accepted-on: 997); feed status says when it is overdue"
                    ),
                ] + deliveryOptions), "ATS feed"),
    ])

    static let network = Shape.object([
        field(
            "services",
            .map(
                .object([
                    field("carrier", .text("carrier name"), required: true, "UPS, FedEx, USPS"),
                    field("scac", .text("SCAC"), "the carrier's standard alpha code on ASNs: UPSN, FDEG, USPS"),
                    field("transit-days", .map(.integer(minimum: 0)), required: true, "zone → business days"),
                    field("cost", .map(money), required: true, "zone → cost per package"),
                    field("po-boxes", .boolean, "delivers to PO boxes"),
                ])), required: true, "carrier services by id"),
        field(
            "zones",
            .list(
                .object([
                    field("zone", .integer(minimum: 0), required: true, "zone number"),
                    field("up-to", .pattern(#"^\d+(\.\d+)? mi$"#, "150 mi"), required: true, "distance bound"),
                ])), "distance bands"),
        field(
            "regions",
            .list(
                .object([
                    field("zip3", .pattern(#"^\d{3}(-\d{3})?$"#, "100-149"), required: true, "ZIP3 range"),
                    field("state", .text("USPS state"), required: true, "state code"),
                    field("at", .list(.number), required: true, "[latitude, longitude]"),
                ])), "ZIP3 regions"),
        field(
            "nodes",
            .list(
                .object([
                    field("id", .text("DC id"), required: true, "node id"),
                    field("name", .text("name"), required: true, "node name"),
                    field("kind", .choice(FulfilmentNode.Kind.allCases.map(\.rawValue)), "dc, store, 3pl, vendor"),
                    field(
                        "address",
                        .object([
                            field("lines", .list(.text("street")), "street lines"),
                            field("city", .text("city"), "city"),
                            field("region", .text("state"), "state"),
                            field("postal-code", .text("ZIP"), required: true, "postal code"),
                            field("country", .text("US"), "ISO country"),
                        ]), required: true, "address"),
                    field("coordinates", .list(.number), required: true, "[latitude, longitude]"),
                    field(
                        "time-zone", .pattern("^[A-Za-z_]+/[A-Za-z_/]+$|^UTC$", "America/Chicago"), required: true,
                        "IANA zone"),
                    field("enabled", .boolean, "the on/off switch"),
                    field(
                        "closed",
                        .list(
                            .object([
                                field("from", date, required: true, "first closed day"),
                                field("until", date, required: true, "last closed day"),
                                field("reason", .text("why"), "why"),
                            ])), "announced closures"),
                    field("calendar", calendar, "operating calendar"),
                    field(
                        "capacity",
                        .object([
                            field("orders", .integer(minimum: 0), required: true, "orders per day"),
                            field("units", .integer(minimum: 0), required: true, "units per day"),
                        ]), required: true, "daily capacity"),
                    field(
                        "services",
                        .list(
                            .object([
                                field("service", .text("carrier service id"), required: true, "service"),
                                field("cutoff", time, required: true, "local pickup cutoff"),
                            ])), required: true, "carrier services and cutoffs"),
                    field(
                        "capabilities", .list(.choice(FulfilmentNode.Capability.allCases.map(\.rawValue))),
                        "capabilities"),
                    field(
                        "costs",
                        .object([
                            field("per-order", money, required: true, "pick/pack per order"),
                            field("per-unit", money, required: true, "pick/pack per unit"),
                        ]), required: true, "costs"),
                    field("priority", .integer(minimum: nil), "lower ships first under the priority strategy"),
                    field("pickup-ready", time, "local time store-pickup orders are ready"),
                    field("pick-tickets", endpoint, "where its pick tickets go: drop folder or WMS endpoint"),
                ])), required: true, "fulfilment nodes"),
        field(
            "supplier",
            .object([
                field("name", .text("Harbor & Pine Home Co."), required: true, "our name"),
                field("x12-interchange", identity, "our ISA05:ISA06 in what we send unprompted (feeds)"),
                field("x12-group", .text("GS02"), "our GS02"),
            ]), "who we are to retailers"),
    ])

    /// The JSON Schema (draft 2020-12) of a profile or network file.
    public static func json(for kind: Kind) -> String {
        var schema = render(kind == .profile ? profile : network)
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = kind == .profile ? "dropgate retailer profile" : "dropgate DC network"
        let data =
            (try? JSONSerialization.data(
                withJSONObject: schema,
                options: [
                    .prettyPrinted, .sortedKeys,
                    .withoutEscapingSlashes,
                ])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    static func render(_ shape: Shape) -> [String: Any] {
        switch shape {
        case .text(let example): return ["type": "string", "examples": [example]]
        case .pattern(let pattern, let example): return ["type": "string", "pattern": pattern, "description": example]
        case .integer(let minimum): return minimum.map { ["type": "integer", "minimum": $0] } ?? ["type": "integer"]
        case .number: return ["type": "number"]
        case .boolean: return ["type": "boolean"]
        case .choice(let values): return ["enum": values]
        case .list(let item): return ["type": "array", "items": render(item)]
        case .map(let value): return ["type": "object", "additionalProperties": render(value)]
        case .either(let first, let second): return ["oneOf": [render(first), render(second)]]
        case .object(let fields):
            var properties: [String: Any] = [:]
            for field in fields {
                var property = render(field.shape)
                property["description"] = field.help + ((property["description"] as? String).map { " (\($0))" } ?? "")
                properties[field.key] = property
            }
            return [
                "type": "object", "properties": properties, "additionalProperties": false,
                "patternProperties": ["^x-": [String: Any]()],
                "required": fields.filter(\.required).map(\.key),
            ]
        }
    }

    /// Checks a file's shape against the schema, reporting `LINE:COLUMN: path: problem` for each mismatch.
    public static func validate(yaml text: String, as kind: Kind) -> [String] {
        guard let root = try? Yams.compose(yaml: text) else { return ["1:1: not YAML"] }
        var problems: [String] = []
        check(root, kind == .profile ? profile : network, path: "", &problems)
        return problems
    }

    static func check(_ node: Node, _ shape: Shape, path: String, _ problems: inout [String]) {
        func fail(_ message: String) {
            problems.append("\(node.mark?.line ?? 0):\(node.mark?.column ?? 0): \(path): \(message)")
        }
        let scalar = node.scalar?.string
        switch shape {
        case .text:
            if scalar == nil { fail("expected a string") }
        case .pattern(let pattern, _):
            if let scalar {
                if scalar.range(of: pattern, options: .regularExpression) == nil {
                    fail("'\(scalar)' does not match \(pattern)")
                }
            } else {
                fail("expected a string")
            }
        case .integer(let minimum):
            if let value = scalar.flatMap({ Int($0) }) {
                if let minimum, value < minimum { fail("\(value) is below \(minimum)") }
            } else {
                fail("expected an integer")
            }
        case .number:
            if scalar.flatMap({ Double($0) }) == nil { fail("expected a number") }
        case .boolean:
            if !["true", "false"].contains(scalar ?? "") { fail("expected true or false") }
        case .choice(let values):
            if !values.contains(scalar ?? "") {
                fail("'\(scalar ?? "")' is not one of \(values.joined(separator: ", "))")
            }
        case .list(let item):
            guard case .sequence(let sequence) = node else { return fail("expected a list") }
            for (index, element) in sequence.enumerated() { check(element, item, path: "\(path)[\(index)]", &problems) }
        case .map(let value):
            guard case .mapping(let mapping) = node else { return fail("expected a mapping") }
            for (key, element) in mapping {
                check(element, value, path: join(path, key.scalar?.string ?? ""), &problems)
            }
        case .either(let first, let second):
            var firstProblems: [String] = []
            check(node, first, path: path, &firstProblems)
            guard !firstProblems.isEmpty else { return }
            var secondProblems: [String] = []
            check(node, second, path: path, &secondProblems)
            if !secondProblems.isEmpty { problems += node.scalar == nil ? secondProblems : firstProblems }
        case .object(let fields):
            guard case .mapping(let mapping) = node else { return fail("expected a mapping") }
            for (key, element) in mapping {
                let name = key.scalar?.string ?? ""
                if name.hasPrefix("x-") { continue }
                guard let field = fields.first(where: { $0.key == name }) else {
                    fail("unknown key '\(name)'")
                    continue
                }
                check(element, field.shape, path: join(path, name), &problems)
            }
            for field in fields where field.required && mapping[field.key] == nil { fail("missing '\(field.key)'") }
        }
    }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
}
