import Foundation
import Hummingbird
import Logging
import Orders
import Store

/// `GET /v1/orders?retailer=&status=&dc=&since=` and `GET /v1/orders/{id}`: a partner sees only its own orders.
extension DropgateAPI {
    func addOrderRoutes(to router: Router<DropgateRequestContext>) {
        router.get("v1/orders") { request, context in
            let principal = try await authenticator.principal(of: request, context: context)
            let query = request.uri.queryParameters
            var retailer = query["retailer"].map { String($0) }
            if case .partner(let own) = principal {
                if let asked = retailer, asked != own {
                    throw HTTPError(.forbidden, message: "partner '\(own)' may list only its own orders")
                }
                retailer = own
            }
            let outcome: DecisionOutcome? = try APIJSON.code(query["status"], parameter: "status")
            let filter = OrderFilter(
                outcome: outcome, retailer: retailer.map { RetailerID($0) },
                node: query["dc"].map { DCID(String($0)) },
                since: try APIJSON.instant(query["since"].map(String.init), parameter: "since"))
            let orders = try await storeCall { try await store.orders(filter) }
            return try APIJSON.response(OrderList(orders: orders.map(OrderRow.init)))
        }
        router.get("v1/orders/:id") { request, context in
            let principal = try await authenticator.principal(of: request, context: context)
            let text = try context.parameters.require("id")
            guard let raw = Int64(text), raw > 0 else {
                throw HTTPError(.badRequest, message: "\(text): an order id is a positive number")
            }
            guard let order = try await storeCall({ try await store.order(OrderID(raw)) }) else {
                throw HTTPError(.notFound, message: "no order \(raw)")
            }
            try Access.read(ownedBy: order.retailer.rawValue, by: principal)
            let documents = try await storeCall { try await store.outbox(order: order.id) }
            let changes = try await storeCall { try await store.changeRequests(ChangeRequestFilter(order: order.id)) }
            return APIJSON.bytes(try OrderDetail.json(order, documents: documents, changes: changes))
        }
    }
}

struct OrderList: Encodable {
    var orders: [OrderRow]
}

/// An order as the list shows it.
struct OrderRow: Encodable {
    var id: Int64
    var retailer: String
    var poNumber: String
    var purpose: String?
    var outcome: String
    var nodes: [String]
    var acknowledgeBy: Date?
    var shipBy: Date?
    var receivedAt: Date
    var document: Int64?

    init(_ order: OrderSummary) {
        id = order.id.rawValue
        retailer = order.retailer.rawValue
        poNumber = order.poNumber.rawValue
        purpose = order.purpose
        outcome = order.outcome.rawValue
        nodes = order.nodes.map(\.rawValue)
        acknowledgeBy = order.acknowledgeBy
        shipBy = order.shipBy
        receivedAt = order.receivedAt
        document = order.documentID?.rawValue
    }
}

/// One order with its decision (the routing engine's full record: every rule checked, every DC considered), the
/// explanation as the warehouse and the retailer read it, and every document it produced.
enum OrderDetail {
    struct Head: Encodable {
        var order: OrderRow
        var documents: [OutboxRow]
        var explanation: String?
        /// The retailer's change and cancel requests for it (a key after `decision`, so that keys stay sorted).
        var retailerChanges: [ChangeRequestRow]
    }

    /// The head's JSON with the stored decision spliced in as `decision`, byte for byte as the store keeps it.
    static func json(_ order: OrderSummary, documents: [OutboxEntry], changes: [ChangeRequestRecord] = []) throws
        -> [UInt8]
    {
        let explanation = documents.first { $0.kind == .explanation }.map { String(decoding: $0.bytes, as: UTF8.self) }
        var head = Array(
            try APIJSON.encoder.encode(
                Head(
                    order: OrderRow(order), documents: documents.map { OutboxRow($0) }, explanation: explanation,
                    retailerChanges: changes.map(ChangeRequestRow.init))))
        // `{"documents":…}` → `{"decision":<stored>,"documents":…}`: keys stay sorted.
        guard head.first == UInt8(ascii: "{") else { return head }
        head.removeFirst()
        return Array("{\"decision\":".utf8) + Array(order.explanationJSON.utf8) + [UInt8(ascii: ",")] + head
    }
}
