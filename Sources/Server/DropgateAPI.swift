import Foundation
import Gateway
import HTTPTypes
import Hummingbird
import Logging
import Orders
import Store

/// The service's HTTP API: the parts every route uses, and the router that holds the routes (each group of routes
/// in a file of its own: documents, orders, operations, health).
struct DropgateAPI: Sendable {
    let world: LiveWorld
    let store: any OrderStore
    let processor: DocumentProcessor
    let metrics: ServerMetrics
    let settings: ServerSettings
    let logger: Logger
    /// The warehouse pages' templates, parsed once.
    let pages: WarehousePages
    let keys = KeyCache()
    var authenticator: Authenticator {
        Authenticator(
            store: store, clientIdentityHeader: settings.clientIdentityHeader.flatMap { HTTPField.Name($0) },
            clientCertificates: settings.tls?.clientCA != nil, cache: keys)
    }

    func router() -> Hummingbird.Router<DropgateRequestContext> {
        let router = Hummingbird.Router(context: DropgateRequestContext.self)
        router.add(middleware: MetricsMiddleware())
        addHealthRoutes(to: router)
        addDocumentRoutes(to: router)
        addOrderRoutes(to: router)
        addOperationRoutes(to: router)
        addStockRoutes(to: router)
        addShipmentRoutes(to: router)
        addWarehouseRoutes(to: router)
        addFloorFormRoutes(to: router)
        addScorecardRoutes(to: router)
        return router
    }
}

/// JSON out, the same way everywhere: keys sorted, dates ISO 8601, slashes as they are.
enum APIJSON {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws
        -> Response
    {
        bytes(try encoder.encode(value), status: status, headers: headers)
    }

    static func bytes(_ data: some Sequence<UInt8>, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:])
        -> Response
    {
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A query parameter that must be one of a code's values (`status=ship`): nil when absent, 400 naming the
    /// values when it is none of them.
    static func code<Code: RawRepresentable & CaseIterable>(_ text: Substring?, parameter: String) throws -> Code?
    where Code.RawValue == String {
        guard let text = text.map(String.init) else { return nil }
        guard let code = Code(rawValue: text) else {
            throw HTTPError(
                .badRequest,
                message: "\(parameter)=\(text): expected one of "
                    + Code.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return code
    }

    /// A decoding error in words, with where in the body it is (`packages[0].contents[1].quantity`).
    static func describe(_ error: any Error) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            let text = keys.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }.joined()
            return text.hasPrefix(".") ? String(text.dropFirst()) : text.isEmpty ? "the top" : text
        }
        guard let error = error as? DecodingError else { return "\(error)" }
        switch error {
        case .keyNotFound(let key, let context):
            return "at \(path(context.codingPath)): '\(key.stringValue)' is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "at \(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    /// An instant from a query parameter (`since=2026-11-24T10:00:00Z`); 400 when it is not ISO 8601.
    static func instant(_ text: String?, parameter: String) throws -> Date? {
        guard let text else { return nil }
        guard let date = ISO8601DateFormatter().date(from: text) else {
            throw HTTPError(
                .badRequest, message: "\(parameter)=\(text): expected an ISO 8601 instant such as 2026-11-24T10:00:00Z")
        }
        return date
    }
}
