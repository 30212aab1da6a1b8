import Foundation
import Gateway
import HTTPTypes
import Hummingbird
import Logging
import Orders
import Profiles
import Routing
import Store

/// The warehouse floor's pages, with a warehouse (or admin) key: `GET /warehouse/{dc}/picks`, a printable pick
/// ticket and packing slip per order, the ship form, and the deadlines. Every list also answers JSON and CSV (with
/// `Accept` or `?format=`) for a WMS. A browser signs in once at `/warehouse/login`, which keeps the key in a cookie;
/// a page asked for without a key sends the browser there, a JSON or CSV request gets 401.
extension DropgateAPI {
    func addWarehouseRoutes(to router: Hummingbird.Router<DropgateRequestContext>) {
        router.get("warehouse/login") { request, context in
            let query = request.uri.queryParameters
            return PageResponse.html(
                pages.login(
                    problem: nil, dc: query["dc"].map(String.init) ?? "",
                    next: Self.safeNext(query["next"].map(String.init)) ?? ""))
        }
        router.post("warehouse/login") { request, context in try await signIn(request) }
        router.get("warehouse") { request, context in
            guard case .allowed = try await warehouseAccess(request, format: .html) else {
                return PageResponse.toLogin(request)
            }
            return PageResponse.html(pages.chooser(network: world.profiles.network))
        }
        router.get("warehouse/deadlines") { request, context in try await deadlinesPage(request, dc: nil) }
        router.get("warehouse/:dc/deadlines") { request, context in
            try await deadlinesPage(request, dc: try node(context))
        }
        router.get("warehouse/:dc/picks") { request, context in
            let format = try PageFormat.of(request)
            guard case .allowed = try await warehouseAccess(request, format: format) else {
                return PageResponse.toLogin(request)
            }
            let dc = try node(context)
            let entries = try await storeCall { try await store.pickList(node: dc) }
            let (picks, unreadable) = pages.picks(entries)
            if !unreadable.isEmpty {
                logger.error(
                    "pick tickets that do not read",
                    metadata: ["dc": "\(dc)", "orders": "\(unreadable.map(\.rawValue))"])
            }
            let now = settings.clock()
            switch format {
            case .html:
                return PageResponse.html(
                    pages.pickList(picks, dc: dc, profiles: world.profiles, now: now, dueSoon: settings.dueSoon))
            case .json:
                return try APIJSON.response(PickListJSON(dc: dc, picks: picks, now: now, dueSoon: settings.dueSoon))
            case .csv:
                return PageResponse.csv(WarehousePages.pickListCSV(picks), name: "picks-\(dc).csv")
            }
        }
        router.get("warehouse/:dc/orders/:order/ticket") { request, context in
            guard case .allowed = try await warehouseAccess(request, format: .html) else {
                return PageResponse.toLogin(request)
            }
            let (dc, order) = (try node(context), try Self.orderID(context))
            let tickets = try await self.tickets(of: order, at: dc)
            return PageResponse.html(
                pages.printed("ticket", tickets: tickets.map { (order, $0) }, dc: dc, profiles: world.profiles))
        }
        router.get("warehouse/:dc/orders/:order/packing-slip") { request, context in
            guard case .allowed = try await warehouseAccess(request, format: .html) else {
                return PageResponse.toLogin(request)
            }
            let (dc, order) = (try node(context), try Self.orderID(context))
            let tickets = try await self.tickets(of: order, at: dc)
            guard tickets.contains(where: \.packingSlip) else {
                throw HTTPError(
                    .notFound, message: "\(tickets.first?.retailerName ?? "the retailer") wants no packing slip")
            }
            return PageResponse.html(
                pages.printed(
                    "packing-slip", tickets: tickets.filter(\.packingSlip).map { (order, $0) }, dc: dc,
                    profiles: world.profiles))
        }
        router.get("warehouse/:dc/orders/:order/ship") { request, context in
            guard case .allowed = try await warehouseAccess(request, format: .html) else {
                return PageResponse.toLogin(request)
            }
            let packages = request.uri.queryParameters["packages"].flatMap { Int($0) } ?? 1
            return try await shipFormResponse(
                dc: try node(context), order: try Self.orderID(context), packages: packages, problems: [], values: [:])
        }
    }

    /// Decodes every pick ticket on the floor and renders each DC's pick page once, so that the first tablet to ask
    /// after a start gets kept sections (a first render of 5,000 orders costs about 0.13 s on two cores, a reload about
    /// 30 ms: `dropgate-bench --only pages`).
    func warmPickPages() async {
        guard let entries = try? await store.pickList(node: nil), !entries.isEmpty else { return }
        let now = settings.clock()
        let started = ContinuousClock.now
        for (dc, entries) in Dictionary(grouping: entries, by: \.node) {
            _ = pages.pickList(
                pages.picks(entries).picks, dc: dc, profiles: world.profiles, now: now, dueSoon: settings.dueSoon)
        }
        logger.info(
            "pick pages warmed",
            metadata: ["tickets": "\(entries.count)", "took": "\(ContinuousClock.now - started)"])
    }

    /// The ship form as a response: what the POST handlers answer a shipment or cancel that is refused with (status
    /// 422, `problems` listed, `values` typed back in). 404 when the order has no ticket at `dc`.
    func shipFormResponse(
        dc: DCID, order: OrderID, packages: Int, problems: [String], values: [String: String],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let tickets = try await tickets(of: order, at: dc)
        guard let ticket = tickets.first else { throw HTTPError(.notFound, message: "no pick ticket") }
        let profiles = world.profiles
        return PageResponse.html(
            pages.shipForm(
                ticket: ticket, order: order, profile: profiles[ticket.retailer], network: profiles.network,
                packages: packages, now: settings.clock(), problems: problems, values: values),
            status: status)
    }

    /// The order's pick tickets at `dc` that are not withdrawn, as they stand on the floor (what is left of each
    /// line after its shipments and cancels there, the bins); 404 when there are none.
    func tickets(of order: OrderID, at dc: DCID) async throws -> [PickTicket] {
        let entries = try await storeCall { try await store.pickList(node: dc, order: order) }
        let decoder = JSONDecoder()
        let tickets = try entries.map { entry in
            do { return entry.standing(try decoder.decode(PickTicket.self, from: Data(entry.ticket))) } catch {
                logger.error("a pick ticket does not read", metadata: ["order": "\(order)", "dc": "\(dc)"])
                throw HTTPError(.internalServerError, message: "the pick ticket of order \(order) does not read")
            }
        }
        guard !tickets.isEmpty else {
            throw HTTPError(.notFound, message: "order \(order) has no pick ticket at \(dc)")
        }
        return tickets
    }

    func deadlinesPage(_ request: Request, dc: DCID?) async throws -> Response {
        let format = try PageFormat.of(request)
        guard case .allowed = try await warehouseAccess(request, format: format) else {
            return PageResponse.toLogin(request)
        }
        let now = settings.clock()
        // Late acknowledgements of the last week: older ones are the scorecard's business, not the floor's.
        let rows = try await storeCall {
            try await store.deadlineRows(node: dc, since: now.addingTimeInterval(-7 * 86_400))
        }
        let entries = DeadlineWatch.entries(
            for: rows.map(Self.watched), profiles: world.profiles, now: now, dueSoon: settings.dueSoon)
        // A change for an unknown PO, or one refused whole (after shipment…), is someone's to look at.
        let changes = try await storeCall {
            try await store.changeRequests(
                ChangeRequestFilter(refusedOnly: true, since: now.addingTimeInterval(-7 * 86_400)))
        }
        switch format {
        case .html:
            return PageResponse.html(
                pages.deadlines(
                    entries, changes: changes, retailerNames: world.profiles.profiles.mapValues(\.name), dc: dc,
                    now: now,
                    dueSoon: settings.dueSoon))
        case .json:
            return try APIJSON.response(
                DeadlineListJSON(dc: dc, now: now, dueSoon: settings.dueSoon, entries: entries, changes: changes))
        case .csv:
            return PageResponse.csv(DeadlineListJSON.csv(entries), name: "deadlines\(dc.map { "-\($0)" } ?? "").csv")
        }
    }

    /// A store row as the deadline watch takes it: the acknowledge step where the retailer gets an acknowledgement;
    /// the ship step while the order is on the floor (when it shipped is the shipments' to say).
    static func watched(_ row: DeadlineRow) -> DeadlineWatch.Order {
        DeadlineWatch.Order(
            id: row.order.rawValue, retailer: row.retailer, poNumber: row.poNumber, nodes: row.nodes, units: row.units,
            steps: DeadlineWatch.Order.steps(
                acknowledgeBy: row.hasAcknowledgement ? row.acknowledgeBy : nil, acknowledgedAt: row.acknowledgedAt,
                shipBy: row.isOnFloor || row.shippedAt != nil ? row.shipBy : nil, shippedAt: row.shippedAt,
                asnDue: row.asnDue, asnSentAt: row.asnSentAt))
    }

    enum PageAccess {
        case allowed(Principal)
        /// No key, or one the store does not know: a page sends the browser to sign in.
        case signIn
    }

    /// A page's check of `role` (the warehouse's, or an admin's for the operations pages): 403 for a key without
    /// it; for HTML without a (good) key, `.signIn`; for JSON or CSV, 401 as everywhere.
    func warehouseAccess(_ request: Request, format: PageFormat, role: Role = .warehouse) async throws -> PageAccess {
        if format == .html && Authenticator.token(in: request.headers) == nil { return .signIn }
        let principal: Principal
        // Pages take staff tokens only, which no client certificate backs: the connection is not asked for one.
        do { principal = try await authenticator.principal(of: request, context: nil) } catch let error as HTTPError {
            if format == .html && error.status == .unauthorized { return .signIn }
            throw error
        }
        try Access.require(role, principal)
        return .allowed(principal)
    }

    func node(_ context: DropgateRequestContext) throws -> DCID {
        let dc = DCID(try context.parameters.require("dc"))
        guard world.profiles.network.node(dc) != nil else {
            throw HTTPError(.notFound, message: "no DC '\(dc)' in the network")
        }
        return dc
    }

    static func orderID(_ context: DropgateRequestContext) throws -> OrderID {
        let text = try context.parameters.require("order")
        guard let raw = Int64(text), raw > 0 else {
            throw HTTPError(.badRequest, message: "\(text): an order id is a positive number")
        }
        return OrderID(raw)
    }

    /// `POST /warehouse/login`: a warehouse or admin key becomes a cookie, and the browser goes on to where it was
    /// going (a `/warehouse/` path only), or the DC's pick list, or the DC chooser.
    func signIn(_ request: Request) async throws -> Response {
        let body = try await request.body.collect(upTo: 16 << 10)
        let form = FormBody.fields(String(buffer: body))
        let key = (form["key"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let dc = (form["dc"] ?? "").trimmingCharacters(in: .whitespaces).uppercased()
        let next = Self.safeNext(form["next"])
        func refuse(_ status: HTTPResponse.Status, _ problem: String) -> Response {
            PageResponse.html(pages.login(problem: problem, dc: dc, next: next ?? ""), status: status)
        }
        guard !key.isEmpty else { return refuse(.unauthorized, "Type the warehouse key.") }
        let principal: Principal?
        do { principal = try await store.authenticate(key) } catch {
            throw HTTPError(.serviceUnavailable, headers: [.retryAfter: "1"], message: "keys cannot be checked now")
        }
        guard let principal else { return refuse(.unauthorized, "That key is unknown or revoked.") }
        guard case .staff(let role, _) = principal, role == .warehouse || role == .admin else {
            return refuse(.forbidden, "That key is not a warehouse key.")
        }
        let location: String
        if let next {
            location = next
        } else if !dc.isEmpty, world.profiles.network.node(DCID(dc)) != nil {
            location = "/warehouse/\(dc)/picks"
        } else {
            location = "/warehouse"
        }
        logger.notice("warehouse sign-in", metadata: ["by": "\(principal)"])
        // Behind a proxy that terminated TLS, the browser spoke HTTPS: the cookie must never travel over plain HTTP.
        let secure = Self.cameOverHTTPS(request) ? "; Secure" : ""
        return Response(
            status: .seeOther,
            headers: [
                .location: location,
                .setCookie: "\(Authenticator.cookieName)=\(key); HttpOnly; SameSite=Strict; Path=/\(secure)",
            ])
    }

    /// Whether the proxy in front said the browser's request came over HTTPS (`X-Forwarded-Proto: https`, or
    /// `proto=https` in RFC 7239's `Forwarded`). A client that claims it falsely only loses its own cookie.
    static func cameOverHTTPS(_ request: Request) -> Bool {
        if let proto = HTTPField.Name("X-Forwarded-Proto").flatMap({ request.headers[$0] }),
            proto.split(separator: ",").first?.trimmingCharacters(in: .whitespaces).lowercased() == "https"
        {
            return true
        }
        guard let forwarded = HTTPField.Name("Forwarded").flatMap({ request.headers[$0] }) else { return false }
        let first = forwarded.split(separator: ",").first ?? ""
        return first.split(separator: ";").contains {
            $0.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "\"", with: "")
                == "proto=https"
        }
    }

    /// Where a sign-in may send the browser on to: a path of the warehouse or operations pages, never another site.
    static func safeNext(_ next: String?) -> String? {
        guard let next, next.hasPrefix("/warehouse/") || next == "/warehouse" || next.hasPrefix("/operations/"),
            !next.hasPrefix("//"),
            !next.contains("\\"), !next.contains("\r"), !next.contains("\n")
        else { return nil }
        return next
    }
}

/// How a list answers: HTML for a person, JSON or CSV for a WMS (`?format=` wins over `Accept`).
enum PageFormat: String, CaseIterable {
    case html, json, csv

    static func of(_ request: Request) throws -> PageFormat {
        if let asked = request.uri.queryParameters["format"] {
            guard let format = PageFormat(rawValue: String(asked)) else {
                throw HTTPError(.badRequest, message: "format=\(asked): expected html, json or csv")
            }
            return format
        }
        let accept = request.headers[.accept]?.lowercased() ?? ""
        if accept.contains("application/json") { return .json }
        if accept.contains("text/csv") { return .csv }
        return .html
    }
}

enum PageResponse {
    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [
                .contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                HTTPField.Name("X-Content-Type-Options")!: "nosniff",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static func csv(_ text: String, name: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "inline; filename=\"\(name)\""],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// 303 to the sign-in page, which sends the browser back here afterwards.
    static func toLogin(_ request: Request) -> Response {
        var next = request.uri.path
        if let query = request.uri.query, !query.isEmpty { next += "?" + query }
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "/-._~")
        let encoded = next.addingPercentEncoding(withAllowedCharacters: allowed) ?? "/warehouse"
        return Response(status: .seeOther, headers: [.location: "/warehouse/login?next=\(encoded)"])
    }
}

/// An `application/x-www-form-urlencoded` body, as the pages' forms post it.
enum FormBody {
    static func fields(_ body: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                let spaced = text.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            let name = decode(parts[0])
            guard !name.isEmpty else { continue }
            fields[name] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return fields
    }
}
