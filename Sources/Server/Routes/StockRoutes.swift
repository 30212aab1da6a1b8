import Foundation
import Gateway
import Hummingbird
import Logging
import NIOFoundationCompat
import Orders
import Profiles
import Routing
import Store

/// Stock on its way and stock received, with an admin token: `POST /v1/inventory/inbound` (CSV
/// `dc,sku,quantity,due`) and `POST /v1/inventory/receipts` (CSV `dc,sku,quantity`), which releases the orders
/// waiting for the stock.
extension DropgateAPI {
    func addStockRoutes(to router: Hummingbird.Router<DropgateRequestContext>) {
        router.post("v1/inventory/inbound") { request, context in
            let principal = try await authenticator.principal(of: request, context: context)
            try Access.require(.admin, principal)
            let text = try await checkedStockCSV(request)
            let rows: [InboundRow]
            do { rows = try InboundStock.rows(inboundCSV: text, file: "request") } catch {
                throw HTTPError(.unprocessableContent, message: "\(error)")
            }
            try await storeCall { try await store.importInbound(rows) }
            logger.notice("inbound stock imported", metadata: ["rows": "\(rows.count)", "by": "\(principal)"])
            return try APIJSON.response(
                InventoryImported(rows: rows.count, nodes: Set(rows.map(\.node.rawValue)).sorted()))
        }
        router.post("v1/inventory/receipts") { request, context in
            let principal = try await authenticator.principal(of: request, context: context)
            try Access.require(.admin, principal)
            let text = try await checkedStockCSV(request)
            let receipts: [StockReceipt]
            do { receipts = try InboundStock.receipts(csv: text, file: "request") } catch {
                throw HTTPError(.unprocessableContent, message: "\(error)")
            }
            let now = settings.clock()
            let report = try await storeCall { try await world.gateway.receive(receipts, at: now) }
            logger.notice(
                "stock received",
                metadata: [
                    "rows": "\(receipts.count)", "released": "\(report.released.count)", "by": "\(principal)",
                ])
            return try APIJSON.response(StockReceived(receipts.count, report))
        }
    }

    /// The request's CSV, once every row names a node and SKU of the world (422 naming each bad row otherwise).
    private func checkedStockCSV(_ request: Request) async throws -> String {
        let body = try await request.body.collect(upTo: settings.maximumBodyBytes)
        let text = String(buffer: body)
        let problems = world.profiles.inventoryProblems(csv: text, file: "request")
        guard problems.isEmpty else {
            throw HTTPError(.unprocessableContent, message: problems.map(\.description).joined(separator: "\n"))
        }
        return text
    }
}

/// `POST /v1/inventory/receipts`' answer: the rows received, the orders released (in the order they were decided
/// again) and those still waiting.
struct StockReceived: Encodable {
    struct Released: Encodable {
        var order: Int64
        var retailer: String
        var poNumber: String
        var outcome: String
        var nodes: [String]
    }

    var rows: Int
    var released: [Released]
    var waiting: [Int64]

    init(_ rows: Int, _ report: ReceiptReport) {
        self.rows = rows
        released = report.released.map {
            Released(
                order: $0.order.rawValue, retailer: $0.retailer.rawValue, poNumber: $0.poNumber.rawValue,
                outcome: $0.outcome.rawValue, nodes: $0.nodes.map(\.rawValue))
        }
        waiting = report.waiting.map(\.rawValue)
    }
}
