import Foundation
import Gateway
import HTTPTypes
import Hummingbird
import Logging
import Orders
import Profiles
import Routing
import Store

/// What the ship form posts, with a warehouse key (the sign-in cookie): a shipment or a cancel goes through the
/// same gateway path as `POST /v1/shipments`; refused, the form comes back (422) with every reason and what was
/// typed; recorded, the browser goes on (303) to the order's floor page, which shows the fees flagged and the
/// documents sent, so that a reload never posts twice.
extension DropgateAPI {
    func addFloorFormRoutes(to router: Hummingbird.Router<DropgateRequestContext>) {
        router.post("warehouse/:dc/orders/:order/ship") { request, context in
            guard case .allowed(let principal) = try await warehouseAccess(request, format: .html) else {
                return PageResponse.toLogin(request)
            }
            let (dc, order) = (try node(context), try Self.orderID(context))
            let form = FormBody.fields(String(buffer: try await request.body.collect(upTo: 256 << 10)))
            let zone = world.profiles.network.node(dc)?.timeZone ?? TimeZone(identifier: "UTC")!
            let packages = min(max(Int(form["packages"] ?? "") ?? 1, 1), 50)
            let (shipment, problems) = ShipFormFields.request(form, order: order, dc: dc, zone: zone)
            guard let shipment, problems.isEmpty else {
                return try await shipFormResponse(
                    dc: dc, order: order, packages: packages, problems: problems, values: form,
                    status: .unprocessableContent)
            }
            do throws(FloorError) {
                let outcome = try await world.gateway.ship(shipment, by: "\(principal)", at: settings.clock())
                logger.notice(
                    "shipment recorded from the floor",
                    metadata: ["order": "\(order)", "shipment": "\(outcome.shipment)", "by": "\(principal)"])
                metrics.shipped(retailer: outcome.retailer, flags: outcome.review.flags)
            } catch .refused(let reasons) {
                return try await shipFormResponse(
                    dc: dc, order: order, packages: packages, problems: reasons, values: form,
                    status: .unprocessableContent)
            } catch {
                throw Self.floorFailure(error)
            }
            return Response(status: .seeOther, headers: [.location: "/warehouse/\(dc)/orders/\(order)/floor"])
        }
        router.post("warehouse/:dc/orders/:order/cancel") { request, context in
            guard case .allowed(let principal) = try await warehouseAccess(request, format: .html) else {
                return PageResponse.toLogin(request)
            }
            let (dc, order) = (try node(context), try Self.orderID(context))
            let form = FormBody.fields(String(buffer: try await request.body.collect(upTo: 64 << 10)))
            let (lines, reason, problems) = ShipFormFields.cancel(form)
            guard let reason, problems.isEmpty else {
                return try await shipFormResponse(
                    dc: dc, order: order, packages: 1, problems: problems, values: form,
                    status: .unprocessableContent)
            }
            do throws(FloorError) {
                let outcome = try await world.gateway.cancel(
                    order, node: dc, lines: lines, reason: reason, by: "\(principal)", at: settings.clock())
                logger.notice("lines cancelled from the floor", metadata: ["order": "\(order)", "by": "\(principal)"])
                metrics.cancelled(retailer: outcome.retailer, review: outcome.review)
            } catch .refused(let reasons) {
                return try await shipFormResponse(
                    dc: dc, order: order, packages: 1, problems: reasons, values: form, status: .unprocessableContent)
            } catch {
                throw Self.floorFailure(error)
            }
            return Response(status: .seeOther, headers: [.location: "/warehouse/\(dc)/orders/\(order)/floor"])
        }
        router.get("warehouse/:dc/orders/:order/floor") { request, context in
            guard case .allowed = try await warehouseAccess(request, format: .html) else {
                return PageResponse.toLogin(request)
            }
            let (dc, order) = (try node(context), try Self.orderID(context))
            guard let floor = try await storeCall({ try await store.floorOrder(order) }) else {
                throw HTTPError(.notFound, message: "no order \(order)")
            }
            let documents = try await storeCall { try await store.outbox(order: order) }
            let profiles = world.profiles
            return PageResponse.html(
                pages.recorded(
                    floor, dc: dc, retailerName: profiles[floor.retailer]?.name ?? floor.retailer.rawValue,
                    documents: documents, zone: profiles.network.node(dc)?.timeZone ?? TimeZone(identifier: "UTC")!))
        }
    }
}

/// The ship form's fields (`WarehousePages.shipForm`) as what the gateway takes, or what is wrong with them, in
/// the floor's words.
enum ShipFormFields {
    /// `service`, `shipped_at` (the DC's wall clock), `packages`, and per package `p{i}.tracking`, `p{i}.weight`,
    /// `p{i}.length|width|height` and `p{i}.line.{line}`. A package column left wholly empty is no package.
    static func request(_ form: [String: String], order: OrderID, dc: DCID, zone: TimeZone)
        -> (ShipmentRequest?, [String])
    {
        var problems: [String] = []
        let service = (form["service"] ?? "").trimmingCharacters(in: .whitespaces)
        if service.isEmpty { problems.append("choose the carrier service") }
        let shippedAt = form["shipped_at"].flatMap { localTime($0, in: zone) }
        if shippedAt == nil {
            problems.append(
                "the ship time '\(form["shipped_at"] ?? "")' is not a date and time such as 2026-11-24T15:30")
        }
        let count = min(max(Int(form["packages"] ?? "") ?? 1, 1), 50)
        var packages: [ShipmentRequest.Package] = []
        for number in 1...count {
            let prefix = "p\(number)."
            func text(_ field: String) -> String {
                (form[prefix + field] ?? "").trimmingCharacters(in: .whitespaces)
            }
            func positive(_ field: String, _ what: String) -> Decimal? {
                let value = text(field)
                guard !value.isEmpty else { return nil }
                guard let number = Decimal.exact(value), number > 0 else {
                    problems.append("package \(number): the \(what) '\(value)' is not a positive number")
                    return nil
                }
                return number
            }
            var contents: [(line: String, quantity: Decimal)] = []
            for (name, value) in form.sorted(by: { $0.key < $1.key }) where name.hasPrefix(prefix + "line.") {
                let line = String(name.dropFirst((prefix + "line.").count))
                let trimmed = value.trimmingCharacters(in: .whitespaces)
                guard !trimmed.isEmpty, trimmed != "0" else { continue }
                guard let units = Int(trimmed), units > 0 else {
                    problems.append("package \(number), line \(line): '\(value)' is not a whole number of units")
                    continue
                }
                contents.append((line, Decimal(units)))
            }
            let tracking = text("tracking")
            if contents.isEmpty && tracking.isEmpty { continue }
            let weight = positive("weight", "weight")
            let sides = [positive("length", "length"), positive("width", "width"), positive("height", "height")]
            var dimensions: ShipConfirmation.Dimensions?
            if let length = sides[0], let width = sides[1], let height = sides[2] {
                dimensions = .init(length: length, width: width, height: height)
            } else if sides.contains(where: { $0 != nil }) {
                problems.append("package \(number): give length, width and height, or none of them")
            }
            packages.append(
                .init(trackingNumber: tracking, weight: weight, dimensions: dimensions, contents: contents))
        }
        if packages.isEmpty { problems.append("nothing to ship: enter the units in each package") }
        guard let shippedAt, problems.isEmpty else { return (nil, problems) }
        return (
            ShipmentRequest(order: order, node: dc, service: service, shippedAt: shippedAt, packages: packages), []
        )
    }

    /// `line.{line}` units and `reason` (`damaged`, `not-found`, `other`).
    static func cancel(_ form: [String: String]) -> (lines: [String: Int], reason: Reason?, problems: [String]) {
        var problems: [String] = []
        var lines: [String: Int] = [:]
        for (name, value) in form where name.hasPrefix("line.") {
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, trimmed != "0" else { continue }
            guard let units = Int(trimmed), units > 0 else {
                problems.append("line \(name.dropFirst(5)): '\(value)' is not a whole number of units")
                continue
            }
            lines[String(name.dropFirst(5))] = units
        }
        if lines.isEmpty && problems.isEmpty { problems.append("enter the units to cancel") }
        let reason: Reason? =
            switch form["reason"] {
            case "damaged": .damaged
            case "not-found": .notFound
            case "other": .floorOther
            default: nil
            }
        if reason == nil { problems.append("choose why: damaged, cannot find it, or other") }
        return (lines, reason, problems)
    }

    /// `2026-11-24T15:30` (or with seconds) on `zone`'s wall clock, as a `datetime-local` input sends it.
    static func localTime(_ text: String, in zone: TimeZone) -> Date? {
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == "T" || $0 == ":" }).map { Int($0) }
        guard parts.count == 5 || parts.count == 6, parts.allSatisfy({ $0 != nil }) else { return nil }
        var components = DateComponents()
        components.year = parts[0]
        components.month = parts[1]
        components.day = parts[2]
        components.hour = parts[3]
        components.minute = parts[4]
        components.second = parts.count == 6 ? parts[5] : 0
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        guard let date = calendar.date(from: components),
            calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date).day == components.day
        else { return nil }
        return date
    }
}
