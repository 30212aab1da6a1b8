import Feeds
import Foundation
import Gateway
import Hummingbird
import Logging
import NIOFoundationCompat
import Orders
import Profiles
import Routing
import Store

/// What operations change and watch, with an admin token: `PUT /v1/dcs/{dc}`, `POST /v1/inventory`,
/// `GET /v1/outbox`, `GET /v1/feeds`, `GET /v1/status`.
extension DropgateAPI {
    func addOperationRoutes(to router: Hummingbird.Router<DropgateRequestContext>) {
        router.put("v1/dcs/:dc") { request, context in
            let principal = try await authenticator.principal(of: request, context: context)
            try Access.require(.admin, principal)
            let node = DCID(try context.parameters.require("dc"))
            let profiles = world.profiles
            guard profiles.network.node(node) != nil else {
                throw HTTPError(.notFound, message: "no node '\(node)' in the network")
            }
            let body = try await request.body.collect(upTo: 64 << 10)
            let change = try NodeSwitchBody.decode(body, node: node, by: principal, at: settings.clock())
            let updated = try await storeCall { try await store.switchNode(change) }
            logger.notice("node switched", metadata: ["dc": "\(node)", "by": "\(principal)"])
            return try APIJSON.response(updated)
        }
        router.post("v1/inventory") { request, context in
            let principal = try await authenticator.principal(of: request, context: context)
            try Access.require(.admin, principal)
            let body = try await request.body.collect(upTo: settings.maximumBodyBytes)
            let rows = try InventoryBody.rows(
                body, contentType: request.headers[.contentType], profiles: world.profiles)
            try await storeCall { try await store.importInventory(rows) }
            logger.notice("inventory imported", metadata: ["rows": "\(rows.count)", "by": "\(principal)"])
            return try APIJSON.response(
                InventoryImported(rows: rows.count, nodes: Set(rows.map(\.node.rawValue)).sorted()))
        }
        router.get("v1/outbox") { request, context in
            let principal = try await authenticator.principal(of: request, context: context)
            try Access.require(.admin, principal)
            let state: OutboxState? = try APIJSON.code(request.uri.queryParameters["state"], parameter: "state")
            let rows = try await storeCall { try await store.outbox(state: state) }
            let groups = try await storeCall { try await store.sentGroupsByOutboxRow() }
            return try APIJSON.response(OutboxList(documents: rows.map { OutboxRow($0, sentGroup: groups[$0.id]) }))
        }
        router.get("v1/feeds") { request, context in
            let principal = try await authenticator.principal(of: request, context: context)
            try Access.require(.admin, principal)
            var runs: [FeedRun] = []
            if let deliveries = store as? any DeliveryStore {
                runs = try await storeCall { try await deliveries.feedRunsWithoutBodies(retailer: nil) }
            }
            return try APIJSON.response(
                FeedList(feeds: FeedStatus.lines(profiles: world.profiles, runs: runs, at: settings.clock())))
        }
        router.get("v1/status") { request, context in
            let principal = try await authenticator.principal(of: request, context: context)
            try Access.require(.admin, principal)
            return try APIJSON.response(ServiceStatus(world: world.current, processor: processor))
        }
    }
}

/// `PUT /v1/dcs/{dc}`'s body: `{"enabled": false, "reason": "flooded dock"}`, or a closed window
/// `{"closedFrom": "…", "closedUntil": "…"}`, or `{"clearWindows": true}`.
struct NodeSwitchBody: Decodable {
    var enabled: Bool?
    var closedFrom: Date?
    var closedUntil: Date?
    var clearWindows: Bool?
    var reason: String?

    static func decode(_ body: ByteBuffer, node: DCID, by principal: Principal, at now: Date) throws
        -> NodeSwitchChange
    {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let request: NodeSwitchBody
        do { request = try decoder.decode(NodeSwitchBody.self, from: Data(buffer: body)) } catch {
            throw HTTPError(
                .badRequest,
                message: "expected JSON {\"enabled\": bool, \"closedFrom\": ISO 8601, \"closedUntil\": ISO 8601, "
                    + "\"clearWindows\": bool, \"reason\": text}: \(error)")
        }
        if (request.closedFrom == nil) != (request.closedUntil == nil) {
            throw HTTPError(.badRequest, message: "a closed window needs both closedFrom and closedUntil")
        }
        if let from = request.closedFrom, let until = request.closedUntil, until <= from {
            throw HTTPError(.badRequest, message: "closedUntil must be after closedFrom")
        }
        if request.enabled == nil && request.closedFrom == nil && request.clearWindows != true {
            throw HTTPError(.badRequest, message: "nothing to set: give enabled, a closed window or clearWindows")
        }
        let window = request.closedFrom.flatMap { from in
            request.closedUntil.map { ClosedWindow(from: from, until: $0, reason: request.reason) }
        }
        return NodeSwitchChange(
            node: node, enabled: request.enabled, closedWindow: window, clearsWindows: request.clearWindows ?? false,
            at: now, by: principal.description, reason: request.reason)
    }
}

/// `POST /v1/inventory`'s body: the inventory CSV (`dc,sku,on_hand,safety_stock`, optionally `location`) or a JSON
/// array of `{"dc", "sku", "onHand", "safetyStock", "location"}`; every row checked against the world before
/// anything is written.
enum InventoryBody {
    struct Row: Decodable {
        var dc: String
        var sku: String
        var onHand: Int
        var safetyStock: Int?
        /// The bin, checked as the CSV's column is.
        var location: String?
    }

    static func rows(_ body: ByteBuffer, contentType: String?, profiles: ProfileSet) throws -> [InventoryRow] {
        let text = String(buffer: body)
        let csv: String
        if contentType?.lowercased().hasPrefix("application/json") == true {
            let rows: [Row]
            do { rows = try JSONDecoder().decode([Row].self, from: Data(buffer: body)) } catch {
                throw HTTPError(
                    .badRequest,
                    message:
                        "expected a JSON array of {\"dc\", \"sku\", \"onHand\", \"safetyStock\", \"location\"}: \(error)"
                )
            }
            // One reading and one check for both forms: the JSON rows as the CSV they mean.
            csv =
                "dc,sku,on_hand,safety_stock,location\n"
                + rows.map {
                    "\($0.dc),\($0.sku),\($0.onHand),\($0.safetyStock ?? 0),\(PickTicket.csvField($0.location ?? ""))"
                }.joined(separator: "\n")
            if rows.contains(where: { $0.dc.contains(",") || $0.sku.contains(",") || $0.dc.contains("\n") }) {
                throw HTTPError(.badRequest, message: "a dc or sku holds a comma or a line break")
            }
        } else {
            csv = text
        }
        let problems = profiles.inventoryProblems(csv: csv, file: "request")
        guard problems.isEmpty else {
            throw HTTPError(.unprocessableContent, message: problems.map(\.description).joined(separator: "\n"))
        }
        do { return try Stock.figures(inventoryCSV: csv, file: "request") } catch {
            throw HTTPError(.unprocessableContent, message: "\(error)")
        }
    }
}

struct InventoryImported: Encodable {
    var rows: Int
    var nodes: [String]
}

struct OutboxList: Encodable {
    var documents: [OutboxRow]
}

struct FeedList: Encodable {
    var feeds: [FeedStatus]
}

/// `GET /v1/status`: the world serving and the last reload, and how many documents are in hand.
struct ServiceStatus: Encodable {
    var profiles: [String]
    var loadedAt: Date
    var reloads: Int
    var failedReloads: Int
    var refusedEdit: [String]?
    var refusedAt: Date?
    var documentsInHand: Int
    var capacity: Int

    init(world: LiveWorld.State, processor: DocumentProcessor) {
        profiles = world.gateway.profiles.sortedProfiles.map(\.id.rawValue)
        loadedAt = world.loadedAt
        reloads = world.reloads
        failedReloads = world.failedReloads
        refusedEdit = world.refused
        refusedAt = world.refusedAt
        documentsInHand = processor.inFlight
        capacity = processor.capacity
    }
}
