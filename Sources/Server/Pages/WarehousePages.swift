public import Foundation
public import Gateway
import Mustache
public import Orders
public import Profiles
public import Routing
public import Store

/// Renders the warehouse pages from the templates compiled into the binary (`PageTemplates`). Pure: what a page
/// shows comes from its arguments (the clock among them), so a page renders the same in a test, a benchmark and the
/// service.
public struct WarehousePages: Sendable {
    let library: MustacheLibrary
    /// The pick page's decoded tickets and rendered sections, kept between renders.
    let cache = PickPageCache()

    /// Parses every template; a template that does not parse is a programming error a test catches.
    public init() throws {
        // Registered under our own name, so that Mustache's HTML type stays as it is for anyone else.
        MustacheContentTypes.register(FastHTMLContentType(), named: FastHTMLContentType.name)
        var library = MustacheLibrary()
        for (name, text) in PageTemplates.all { try library.register(text, named: name) }
        self.library = library
    }

    func render(_ template: String, _ context: [String: Any]) -> String {
        library.render(context, withTemplate: template) ?? ""
    }

    func render(_ template: String, _ node: PageNode) -> String {
        library.render(node, withTemplate: template) ?? ""
    }

    // MARK: Pick list

    /// A pick ticket on the floor with its order's row; the ticket as it stands (`PickListEntry.standing`): what
    /// is left to pick of each line.
    public struct Pick: Sendable {
        public var entry: PickListEntry
        public var ticket: PickTicket

        public init(entry: PickListEntry, ticket: PickTicket) {
            self.entry = entry
            self.ticket = ticket
        }

        /// Where the order stands against its ship-by at `now`.
        public func urgency(at now: Date, dueSoon: TimeInterval) -> Urgency {
            let deadline = ticket.shipBy.instant
            if now >= deadline { return .overdue }
            return deadline.timeIntervalSince(now) <= dueSoon ? .dueSoon : .onTime
        }
    }

    public enum Urgency: String, Sendable, Codable {
        case overdue
        case dueSoon = "due-soon"
        case onTime = "on-time"
    }

    /// The tickets of `entries` as they stand on the floor, soonest ship-by first (the ticket's own: a split
    /// order's shipments may differ), and the ones whose JSON does not read, by order. A ticket with nothing left
    /// to pick (every line shipped or cancelled at its node) is left out: the order has left that DC's list.
    public static func picks(_ entries: [PickListEntry]) -> (picks: [Pick], unreadable: [OrderID]) {
        picks(entries) { entry, decode in entry.standing(try decode(entry.ticket)) }
    }

    /// As `picks(_:)`, each ticket decoded once for as long as this renderer lives (`PickPageCache`).
    public func picks(_ entries: [PickListEntry]) -> (picks: [Pick], unreadable: [OrderID]) {
        cache.reserve(entries.count)
        return Self.picks(entries) { entry, decode in try cache.ticket(entry, decode: decode) }
    }

    static func picks(
        _ entries: [PickListEntry],
        ticket: (PickListEntry, ([UInt8]) throws -> PickTicket) throws -> PickTicket
    ) -> (picks: [Pick], unreadable: [OrderID]) {
        let decoder = JSONDecoder()
        // Read by hand (`PickTicket+JSONReading.swift`); what that refuses, `JSONDecoder` decides, so that a ticket
        // reads or not exactly as it always did.
        let decode = { (bytes: [UInt8]) throws -> PickTicket in
            if let ticket = try? PickTicket(jsonBytes: bytes) { return ticket }
            return try decoder.decode(PickTicket.self, from: Data(bytes))
        }
        var picks: [Pick] = []
        picks.reserveCapacity(entries.count)
        var unreadable: [OrderID] = []
        for entry in entries {
            do {
                let standing = try ticket(entry, decode)
                if standing.isDone { continue }
                picks.append(Pick(entry: entry, ticket: standing))
            } catch {
                unreadable.append(entry.order)
            }
        }
        picks.sort {
            ($0.ticket.shipBy.instant, $0.entry.order.rawValue) < ($1.ticket.shipBy.instant, $1.entry.order.rawValue)
        }
        return (picks, unreadable)
    }

    /// `GET /warehouse/{dc}/picks` as HTML.
    public func pickList(
        _ picks: [Pick], dc: DCID, profiles: ProfileSet, now: Date, dueSoon: TimeInterval = DeadlineWatch.defaultDueSoon
    ) -> String {
        var overdue = 0
        var soon = 0
        var sections: [String] = []
        sections.reserveCapacity(picks.count)
        // The profile's methods and the carrier of each retailer's service, worked out once per retailer and service.
        var wordsByService: [ServiceKey: (methods: String, carrier: String?)] = [:]
        // Borrowed through a span, never copied: a pick is a ticket of a dozen strings and arrays, and an array's
        // element handed to a function is copied out of it, and released, every time.
        let borrowed = picks.span
        for index in borrowed.indices {
            let urgency = borrowed[index].urgency(at: now, dueSoon: dueSoon)
            if urgency == .overdue { overdue += 1 }
            if urgency == .dueSoon { soon += 1 }
            let service = ServiceKey(
                retailer: borrowed[index].ticket.retailer, service: borrowed[index].ticket.service)
            let words: (methods: String, carrier: String?)
            if let known = wordsByService[service] {
                words = known
            } else {
                words = (
                    Self.methods(of: profiles[service.retailer], using: service.service),
                    profiles.network.services[service.service]?.carrier
                )
                wordsByService[service] = words
            }
            // The section as this order is shown now: kept while its urgency, state and the profile's words hold.
            let variant = PickPageCache.Variant(
                urgency: urgency, state: borrowed[index].entry.state, methods: words.methods, carrier: words.carrier)
            sections.append(
                cache.section(borrowed[index], variant: variant) { pick in
                    HandWrittenPickSection.html(pick, urgency: urgency, methods: words.methods, carrier: words.carrier)
                })
        }
        // `{{#orders}}{{{html}}}{{/orders}}` writes the sections one after another: the template renders one item
        // holding a marker instead, and the sections go where it is, so that the page's megabytes are copied once
        // and the template walks no thousands of items.
        let orders = sections.isEmpty ? [] : [PageNode(["html": Self.sectionsMarker])]
        let page = render(
            "picks",
            [
                "title": "Picks \(dc)", "page": "picks", "dc": dc.rawValue, "count": picks.count,
                "orderWord": picks.count == 1 ? "order" : "orders", "overdueCount": overdue, "dueSoonCount": soon,
                "now": PageTime.text(now, in: profiles.network.node(dc)?.timeZone ?? PageTime.utc),
                "orders": orders,
            ])
        guard !sections.isEmpty, let slot = page.range(of: Self.sectionsMarker) else { return page }
        var text = String()
        text.reserveCapacity(page.utf8.count + sections.reduce(0) { $0 + $1.utf8.count })
        text += page[..<slot.lowerBound]
        for section in sections { text += section }
        text += page[slot.upperBound...]
        return text
    }

    /// A retailer's carrier service, which the pick page shows with the profile's methods for it and its carrier.
    struct ServiceKey: Hashable {
        var retailer: RetailerID
        var service: CarrierServiceID
    }

    /// Where the pick page's sections go: text the page escapes cannot hold it (`<` and `'` are escaped).
    static let sectionsMarker = "<'dropgate-pick-sections'>"

    /// One order's section of the pick list, as the `pick` template shows it: what `HandWrittenPickSection`
    /// writes, and is held to.
    static func section(_ pick: Pick, urgency: Urgency, methods: String, carrier: String?) -> PageNode {
        let ticket = pick.ticket
        return PageNode([
            "order": String(pick.entry.order.rawValue), "node": ticket.node.rawValue,
            "poNumber": ticket.poNumber.rawValue, "retailerName": ticket.retailerName,
            "status": urgency.rawValue, "overdue": urgency == .overdue, "dueSoon": urgency == .dueSoon,
            "shipByNode": PageTime.text(ticket.shipByAtNode), "shipByRetailer": PageTime.text(ticket.shipBy),
            "shipAt": PageTime.text(ticket.shipAt), "service": ticket.service.rawValue,
            "carrier": present(carrier),
            "methods": present(methods.isEmpty ? nil : methods), "state": pick.entry.state.rawValue,
            "packingSlip": ticket.packingSlip, "packingSlipWord": ticket.packingSlip ? "yes" : "no",
            "giftMessage": present(ticket.giftMessage),
            "lines": ticket.lines.map { PageNode(Self.line($0)) },
            "hasLocations": ticket.lines.contains { $0.walkLocation != nil },
        ])
    }

    /// A line as the pages show it: what is left to pick, with the planned units beside it where the floor shipped
    /// or cancelled some (`2 of 5 left`), a line with nothing left marked done; its bin; a kit's components.
    static func line(_ line: PickTicket.Line) -> [String: Any] {
        [
            "lineNumber": line.lineNumber, "sku": line.sku.rawValue, "upc": present(line.upc),
            "retailerItem": present(line.retailerItemID),
            "description": line.description ?? "", "quantity": String(line.quantity),
            "planned": present(line.planned.map(String.init)), "done": line.isDone,
            "quantityText": quantityText(line.quantity, planned: line.planned),
            "location": present(line.location?.rawValue), "care": care(line),
            "components": present(
                line.components.map { components in
                    components.map { component in
                        PageNode([
                            "sku": component.sku.rawValue, "description": component.description ?? "",
                            "perKit": String(component.quantityPerKit), "quantity": String(component.quantity),
                            "quantityText": quantityText(
                                component.quantity, planned: line.planned.map { $0 * component.quantityPerKit }),
                            "location": present(component.location?.rawValue),
                        ])
                    }
                }),
        ]
    }

    /// `5`, or where the floor shipped or cancelled some `2 of 5 left`, or `done (5 planned)`.
    static func quantityText(_ left: Int, planned: Int?) -> String {
        guard let planned, planned != left else { return String(left) }
        return left == 0 ? "done (\(planned) planned)" : "\(left) of \(planned) left"
    }

    /// What the packer must take care of, in words.
    static func care(_ line: PickTicket.Line) -> String {
        var words: [String] = []
        if line.hazmat { words.append("HAZMAT") }
        if line.oversize { words.append("OVERSIZE") }
        if line.giftWrap { words.append("GIFT WRAP") }
        return words.joined(separator: ", ")
    }

    /// The retailer's ship methods that `service` fulfils (`UPSN / GROUND`), as the profile maps them.
    static func methods(of profile: RetailerProfile?, using service: CarrierServiceID) -> String {
        guard let profile else { return "" }
        return profile.carriers.filter { $0.services.contains(service) }.map(\.label).filter { !$0.isEmpty }
            .joined(separator: " or ")
    }

    /// The pick list as a WMS reads it: `PickTicket.csvColumns`, one row per line with units left to pick
    /// (`quantity`, `planned` beside it); a line done is no pick task, so it has no row.
    public static func pickListCSV(_ picks: [Pick]) -> String {
        var text = PickTicket.csvHeader + "\r\n"
        for pick in picks {
            for row in pick.ticket.linesToPick.csvRows { text += row + "\r\n" }
        }
        return text
    }

    // MARK: Tickets and packing slips

    /// `GET /warehouse/{dc}/orders/{order}/ticket` (`template` "ticket") or `…/packing-slip` ("packing-slip"): one
    /// printed page per ticket, each as it stands on the floor. The pick ticket shows a line done struck through
    /// (the picker sees why the box is short); the packing slip, which goes in the box to the consumer, lists only
    /// what is left to ship in it, with the planned units beside a line that ships short (`2 of 5`).
    func printed(
        _ template: String, tickets: [(order: OrderID, ticket: PickTicket)], dc: DCID, profiles: ProfileSet
    ) -> String {
        let items: [[String: Any]] = tickets.map { order, ticket in
            var lines: [[String: Any]] = []
            for line in template == "ticket" ? ticket.lines : ticket.linesToPick.lines {
                var item = Self.line(line)
                if template == "ticket" {
                    item["barcode"] = (try? Code128(line.sku.rawValue).svg(label: line.sku.rawValue)) ?? ""
                }
                lines.append(item)
            }
            return [
                "order": String(order.rawValue), "id": ticket.id, "node": ticket.node.rawValue,
                "poNumber": ticket.poNumber.rawValue, "retailerName": ticket.retailerName,
                "poBarcode": (try? Code128(ticket.poNumber.rawValue).svg(label: ticket.poNumber.rawValue)) ?? "",
                "shipByNode": PageTime.text(ticket.shipByAtNode), "shipByRetailer": PageTime.text(ticket.shipBy),
                "shipAt": PageTime.text(ticket.shipAt), "service": ticket.service.rawValue,
                "carrier": present(profiles.network.services[ticket.service]?.carrier),
                "shipTo": present(ticket.shipTo.map(Self.shipTo)),
                "lines": lines, "packingSlipWord": ticket.packingSlip ? "yes" : "no",
                "hasLocations": ticket.lines.contains { $0.walkLocation != nil },
                "giftMessage": present(ticket.giftMessage),
                "notes": ticket.notes.filter { $0.kind == .packingSlip }.map(\.text),
            ]
        }
        let title = template == "ticket" ? "Pick ticket" : "Packing slip"
        return render(
            template,
            [
                "title": "\(title) \(tickets.first?.ticket.poNumber.rawValue ?? "")", "page": template,
                "dc": dc.rawValue, "tickets": items,
            ])
    }

    static func shipTo(_ party: Party) -> [String: Any] {
        let address = party.address
        let place = [address?.city, address?.region, address?.postalCode, address?.country].compactMap { $0 }
            .joined(separator: " ")
        return [
            "name": party.name ?? party.contact?.name ?? "", "lines": address?.lines ?? [], "place": place,
            "phone": present(party.contact?.phone),
        ]
    }

    // MARK: Ship form

    /// The reasons the floor may give for cancelling units.
    public static let cancelReasons: [(code: String, label: String)] = [
        ("damaged", "Damaged"), ("not-found", "Cannot find it"), ("other", "Other"),
    ]

    /// `GET /warehouse/{dc}/orders/{order}/ship`, and the same form again from the POST handlers with what was
    /// wrong (`problems`) and what was typed (`values`, by field name: `service`, `shipped_at`, `p1.tracking`,
    /// `p1.line.1`, `line.1`, `reason`…). `ticket` is as it stands on the floor; `packages` is clamped to 1…50;
    /// package 1 starts with what is left of each line, the others with none. The services offered are ours that
    /// the profile maps the planned one's ship method to and the node runs, the planned one first selected.
    public func shipForm(
        ticket: PickTicket, order: OrderID, profile: RetailerProfile?, network: Network, packages: Int, now: Date,
        problems: [String] = [], values: [String: String] = [:]
    ) -> String {
        let count = min(max(packages, 1), 50)
        let node = network.node(ticket.node)
        let zone = node?.timeZone ?? TimeZone(identifier: ticket.nodeTimeZone) ?? PageTime.utc
        let chosen = values["service"] ?? ticket.service.rawValue
        let services = Self.services(for: ticket, profile: profile, node: node).map { service -> [String: Any] in
            let carrier = network.services[service]?.carrier
            return [
                "id": service.rawValue, "selected": service.rawValue == chosen,
                "label": carrier.map { "\(service.rawValue) (\($0))" } ?? service.rawValue,
            ]
        }
        let packageItems: [[String: Any]] = (1...count).map { number in
            let prefix = "p\(number)"
            func value(_ field: String) -> String { values["\(prefix).\(field)"] ?? "" }
            return [
                "number": number, "prefix": prefix, "tracking": value("tracking"), "weight": value("weight"),
                "length": value("length"), "width": value("width"), "height": value("height"),
                "lines": ticket.lines.map { line -> [String: Any] in
                    let name = "\(prefix).line.\(line.lineNumber)"
                    return [
                        "lineNumber": line.lineNumber, "sku": line.sku.rawValue, "planned": String(line.quantity),
                        "plannedText": Self.quantityText(line.quantity, planned: line.planned),
                        "name": name, "value": values[name] ?? (number == 1 ? String(line.quantity) : "0"),
                    ]
                },
            ]
        }
        let cancelLines: [[String: Any]] = ticket.lines.map { line in
            let name = "line.\(line.lineNumber)"
            return [
                "lineNumber": line.lineNumber, "sku": line.sku.rawValue, "planned": String(line.quantity),
                "plannedText": Self.quantityText(line.quantity, planned: line.planned),
                "name": name, "value": values[name] ?? "0",
            ]
        }
        let reason = values["reason"] ?? "damaged"
        return render(
            "ship",
            [
                "title": "Ship \(ticket.poNumber)", "page": "ship", "dc": ticket.node.rawValue,
                "node": ticket.node.rawValue, "order": String(order.rawValue), "poNumber": ticket.poNumber.rawValue,
                "retailerName": ticket.retailerName, "shipByNode": PageTime.text(ticket.shipByAtNode),
                "plannedService": ticket.service.rawValue, "hasProblems": !problems.isEmpty, "problems": problems,
                "packageCount": String(count), "services": services, "nodeZone": zone.identifier,
                "shippedAt": values["shipped_at"] ?? PageTime.localInput(now, in: zone), "packages": packageItems,
                "morePackages": String(min(count + 1, 50)), "fewerPackages": String(max(count - 1, 1)),
                "canRemove": count > 1, "cancelLines": cancelLines,
                "reasons": Self.cancelReasons.map {
                    ["code": $0.code, "label": $0.label, "selected": $0.code == reason]
                },
            ])
    }

    /// Our services for this shipment: those of every profile mapping that holds the planned service (the ship
    /// method the order asked for maps to them all), that the node runs; the planned one first, always offered.
    static func services(for ticket: PickTicket, profile: RetailerProfile?, node: FulfilmentNode?)
        -> [CarrierServiceID]
    {
        var offered = [ticket.service]
        for mapping in profile?.carriers ?? [] where mapping.services.contains(ticket.service) {
            for service in mapping.services where !offered.contains(service) {
                if let node, node.service(service) == nil { continue }
                offered.append(service)
            }
        }
        return offered
    }

    // MARK: Deadlines

    /// `GET /warehouse/deadlines` (`dc` nil) or `/warehouse/{dc}/deadlines`, grouped by retailer and DC in order of
    /// their most urgent entry; reloads itself every 60 seconds.
    public func deadlines(
        _ entries: [DeadlineWatch.Entry], changes: [ChangeRequestRecord] = [],
        retailerNames: [RetailerID: String] = [:],
        dc: DCID?, now: Date, dueSoon: TimeInterval
    ) -> String {
        var groups: [[String: Any]] = []
        var index: [String: Int] = [:]
        var rows: [[[String: Any]]] = []
        var counts: [DeadlineWatch.Status: Int] = [:]
        for entry in entries {
            counts[entry.status, default: 0] += 1
            let node = entry.nodes.first?.rawValue ?? "–"
            let key = entry.retailer.rawValue + "\u{0}" + node
            if index[key] == nil {
                index[key] = groups.count
                groups.append(["retailerName": entry.retailerName, "node": node])
                rows.append([])
            }
            rows[index[key] ?? 0].append(Self.deadlineRow(entry, now: now))
        }
        for position in groups.indices { groups[position]["entries"] = rows[position] }
        let base = dc.map { "/warehouse/\($0)/deadlines" } ?? "/warehouse/deadlines"
        return render(
            "deadlines",
            [
                "title": "Deadlines", "page": "deadlines", "refresh": "60", "dc": present(dc?.rawValue), "base": base,
                "now": PageTime.text(now, in: PageTime.utc), "dueSoonHours": PageTime.hours(dueSoon),
                "overdueCount": counts[.overdue] ?? 0, "dueSoonCount": counts[.dueSoon] ?? 0,
                "doneLateCount": counts[.doneLate] ?? 0, "groups": groups,
                "changes": changes.map { change -> [String: Any] in
                    [
                        "retailerName": retailerNames[change.retailer] ?? change.retailer.rawValue,
                        "poNumber": change.poNumber.rawValue,
                        "received": PageTime.text(change.receivedAt, in: PageTime.utc),
                        "reason": change.reason ?? change.verdict, "order": present(change.order?.description),
                    ]
                },
            ])
    }

    static func deadlineRow(_ entry: DeadlineWatch.Entry, now: Date) -> [String: Any] {
        let statusWord: String
        let when: String
        switch entry.status {
        case .overdue:
            statusWord = "OVERDUE"
            when = "by " + PageTime.duration(entry.lateBy)
        case .dueSoon:
            statusWord = "DUE SOON"
            when = "in " + PageTime.duration(-entry.lateBy)
        case .doneLate:
            statusWord = "DONE LATE"
            when = "by " + PageTime.duration(entry.lateBy)
        }
        var shipLink: Any = false
        if entry.step == .ship, entry.status != .doneLate, let node = entry.nodes.first {
            shipLink = "/warehouse/\(node)/orders/\(entry.order)/ship"
        }
        return [
            "status": entry.status.rawValue, "statusWord": statusWord, "when": when,
            "stepWord": Self.stepWord(entry.step), "poNumber": entry.poNumber.rawValue,
            "deadlineRetailer": PageTime.text(entry.deadline, in: entry.retailerTimeZone),
            "deadlineNode": entry.nodeTimeZone.map { PageTime.text(entry.deadline, in: $0) } ?? "",
            "fee": Self.feeText(entry),
            "shipLink": shipLink,
        ]
    }

    static func stepWord(_ step: DeadlineWatch.Step) -> String {
        switch step {
        case .acknowledge: "Acknowledge"
        case .ship: "Ship"
        case .asn: "Send ASN"
        }
    }

    static func feeText(_ entry: DeadlineWatch.Entry) -> String {
        if let money = entry.feeAtStake { return money.description }
        if let fee = entry.fee { return fee.description }
        return "no fee set"
    }

    // MARK: Sign in

    func login(problem: String?, dc: String, next: String) -> String {
        render("login", ["problem": present(problem), "dc": dc, "next": next])
    }

    func chooser(network: Network) -> String {
        render(
            "chooser",
            [
                "title": "DCs", "page": "chooser", "dc": false,
                "nodes": network.nodes.map { ["id": $0.id.rawValue, "name": $0.name, "enabled": $0.enabled] },
            ])
    }
}

/// A value a template shows or tests with a section: absent is `Absent` (an empty string would count as present,
/// `false` would print).
func present(_ value: Any?) -> Any { value ?? Absent() }
