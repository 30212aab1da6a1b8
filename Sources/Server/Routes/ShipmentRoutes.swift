import Foundation
import Gateway
import Hummingbird
import Logging
import NIOFoundationCompat
import Orders
import Profiles
import Routing
import Store

/// What the warehouse floor records, with a warehouse (or admin) token: `POST /v1/shipments` and
/// `POST /v1/orders/{id}/cancellations`.
extension DropgateAPI {
    func addShipmentRoutes(to router: Hummingbird.Router<DropgateRequestContext>) {
        router.post("v1/shipments") { request, context in
            let principal = try await authenticator.principal(of: request, context: context)
            try Access.require(.warehouse, principal)
            let body = try await request.body.collect(upTo: 1 << 20)
            let shipment = try ShipmentBody.decode(body)
            return try await recordShipment(shipment, by: principal)
        }
        router.post("v1/orders/:id/cancellations") { request, context in
            let principal = try await authenticator.principal(of: request, context: context)
            try Access.require(.warehouse, principal)
            guard let id = Int64(try context.parameters.require("id")) else {
                throw HTTPError(.badRequest, message: "an order id is a number")
            }
            let body = try await request.body.collect(upTo: 1 << 20)
            let cancel = try CancellationBody.decode(body)
            return try await recordCancellation(
                OrderID(id), node: cancel.node.map(DCID.init), lines: cancel.lineQuantities, reason: cancel.reason,
                by: principal)
        }
    }

    /// Records `shipment` through the gateway: 201 with what was recorded, 422 with every reason it was refused.
    func recordShipment(_ shipment: ShipmentRequest, by principal: Principal) async throws -> Response {
        let outcome: ShipmentOutcome
        do {
            outcome = try await world.gateway.ship(shipment, by: "\(principal)", at: settings.clock())
        } catch {
            throw Self.floorFailure(error)
        }
        logger.notice(
            "shipment recorded",
            metadata: ["order": "\(outcome.order)", "shipment": "\(outcome.shipment)", "by": "\(principal)"])
        metrics.shipped(retailer: outcome.retailer, flags: outcome.review.flags)
        return try APIJSON.response(ShipmentRecorded(outcome), status: .created)
    }

    func recordCancellation(
        _ order: OrderID, node: DCID?, lines: [String: Int], reason: Reason, by principal: Principal
    ) async throws -> Response {
        let outcome: CancellationOutcome
        do {
            outcome = try await world.gateway.cancel(
                order, node: node, lines: lines, reason: reason, by: "\(principal)", at: settings.clock())
        } catch {
            throw Self.floorFailure(error)
        }
        logger.notice("lines cancelled from the floor", metadata: ["order": "\(order)", "by": "\(principal)"])
        metrics.cancelled(retailer: outcome.retailer, review: outcome.review)
        return try APIJSON.response(CancellationRecorded(outcome), status: .created)
    }

    /// The HTTP answer to a floor error: 404 unknown order, 409 nothing left on the floor or a lost race, 422
    /// refused with every reason, 503 when the store cannot answer.
    static func floorFailure(_ error: FloorError) -> any Error {
        switch error {
        case .unknownOrder: HTTPError(.notFound, message: error.description)
        case .notOnFloor, .conflict: HTTPError(.conflict, message: error.description)
        case .unknownRetailer: HTTPError(.unprocessableContent, message: error.description)
        case .refused(let reasons): RefusedError(problems: reasons)
        case .store: HTTPError(.serviceUnavailable, headers: [.retryAfter: "1"], message: "the store cannot answer now")
        }
    }
}

/// 422 with the reasons as a list as well as in the message.
struct RefusedError: HTTPResponseError {
    var problems: [String]
    var status: HTTPResponse.Status { .unprocessableContent }

    struct Body: Encodable {
        struct Detail: Encodable {
            var message: String
            var problems: [String]
        }
        var error: Detail
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        try APIJSON.response(
            Body(error: .init(message: problems.joined(separator: "; "), problems: problems)), status: status)
    }
}

/// `POST /v1/shipments`'s body.
struct ShipmentBody: Decodable {
    var order: Int64
    var node: String?
    var service: String
    var shippedAt: Date
    var billOfLading: String?
    var packages: [Package]

    struct Package: Decodable {
        var tracking: String
        var sscc: String?
        /// Pounds.
        var weight: Decimal?
        /// Inches.
        var dimensions: ShipConfirmation.Dimensions?
        var contents: [Item]
    }

    struct Item: Decodable {
        var line: String
        var quantity: Decimal
    }

    static func decode(_ body: ByteBuffer) throws -> ShipmentRequest {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let shipment: ShipmentBody
        do { shipment = try decoder.decode(ShipmentBody.self, from: Data(buffer: body)) } catch {
            throw HTTPError(.badRequest, message: "the shipment is not the JSON expected: \(APIJSON.describe(error))")
        }
        return ShipmentRequest(
            order: OrderID(shipment.order), node: shipment.node.map(DCID.init), service: shipment.service,
            shippedAt: shipment.shippedAt, billOfLading: shipment.billOfLading,
            packages: shipment.packages.map {
                ShipmentRequest.Package(
                    trackingNumber: $0.tracking, sscc: $0.sscc, weight: $0.weight, dimensions: $0.dimensions,
                    contents: $0.contents.map { ($0.line, $0.quantity) })
            })
    }
}

/// `POST /v1/orders/{id}/cancellations`'s body.
struct CancellationBody: Decodable {
    var node: String?
    var lines: [Line]
    var reason: Reason

    struct Line: Decodable {
        var line: String
        var quantity: Int
    }

    var lineQuantities: [String: Int] {
        lines.reduce(into: [:]) { $0[$1.line, default: 0] += $1.quantity }
    }

    static func decode(_ body: ByteBuffer) throws -> CancellationBody {
        do { return try JSONDecoder().decode(CancellationBody.self, from: Data(buffer: body)) } catch {
            throw HTTPError(
                .badRequest,
                message: "the cancellation is not the JSON expected (reason one of damaged, not-found, floor-other): "
                    + APIJSON.describe(error))
        }
    }
}

/// What a recorded shipment answers.
struct ShipmentRecorded: Encodable {
    var shipment: Int64
    var order: Int64
    var state: String
    var node: String
    var asnDue: Date?
    var flags: [FloorFlagBody]
    var checks: [String]
    var documents: [QueuedDocumentBody]

    init(_ outcome: ShipmentOutcome) {
        shipment = outcome.shipment.rawValue
        order = outcome.order.rawValue
        state = outcome.state.rawValue
        node = outcome.confirmation.node.rawValue
        asnDue = outcome.review.asnDue
        flags = outcome.review.flags.map(FloorFlagBody.init)
        checks = outcome.review.checks
        documents = outcome.outbox.map(QueuedDocumentBody.init)
    }
}

struct CancellationRecorded: Encodable {
    struct Line: Encodable {
        var line: String
        var sku: String
        var quantity: Int
        var reason: String
        var collateral: Bool
    }
    var order: Int64
    var state: String
    var cancelled: [Line]
    var flags: [FloorFlagBody]
    var checks: [String]
    var documents: [QueuedDocumentBody]

    init(_ outcome: CancellationOutcome) {
        order = outcome.order.rawValue
        state = outcome.state.rawValue
        cancelled = outcome.review.cancelled.map {
            Line(
                line: $0.lineNumber, sku: $0.sku.rawValue, quantity: $0.quantity, reason: $0.reason.rawValue,
                collateral: $0.collateral)
        }
        flags = outcome.review.flags.map(FloorFlagBody.init)
        checks = outcome.review.checks
        documents = outcome.outbox.map(QueuedDocumentBody.init)
    }
}

struct FloorFlagBody: Encodable {
    var violation: String
    var detail: String
    var fee: String?
    var allowance: String?

    init(_ flag: FloorFlag) {
        violation = flag.violation.rawValue
        detail = flag.detail
        fee = flag.fee?.description
        allowance = flag.allowance
    }
}

struct QueuedDocumentBody: Encodable {
    var id: Int64
    var kind: String
    var name: String

    init(_ entry: OutboxEntry) {
        id = entry.id.rawValue
        kind = entry.kind.rawValue
        name = entry.name
    }
}
