import Foundation
import Hummingbird
import Logging
import Operations
import Orders
import Profiles
import Store

/// The operations lead's scorecard, with an admin key: `GET /operations/scorecard?month=2026-11&retailer=walmart`
/// as a page, or as the `Scorecard` in JSON (`Accept: application/json` or `?format=json`). Admin only: it shows
/// every retailer's fees and allowances, which are not the floor's business (a warehouse key gets 403). A browser
/// without a key signs in at `/warehouse/login` and comes back. 503 while the service has no `ScorecardSource`.
extension DropgateAPI {
    func addScorecardRoutes(to router: Hummingbird.Router<DropgateRequestContext>) {
        router.get("operations/scorecard") { request, context in try await scorecardPage(request) }
    }

    func scorecardPage(_ request: Request) async throws -> Response {
        let format = try PageFormat.of(request)
        guard format != .csv else {
            throw HTTPError(.badRequest, message: "format=csv: the scorecard answers html or json")
        }
        guard case .allowed = try await warehouseAccess(request, format: format, role: .admin) else {
            return PageResponse.toLogin(request)
        }
        guard let source = settings.scorecard else {
            throw HTTPError(
                .serviceUnavailable, message: "the scorecard is not available: this service has no scorecard source")
        }
        let query = request.uri.queryParameters
        let month = query["month"].map(String.init)
        if let month, ScorecardMonth(parsing: month) == nil {
            throw HTTPError(.badRequest, message: "month=\(month): expected a month such as 2026-11")
        }
        let profiles = world.profiles
        let retailer = query["retailer"].map { RetailerID(String($0)) }
        if let retailer, profiles[retailer] == nil {
            throw HTTPError(.notFound, message: "no retailer '\(retailer)' in the profiles")
        }
        let scorecard: Scorecard
        do {
            scorecard = try await source(month, retailer, settings.clock())
        } catch let error as HTTPError {
            throw error
        } catch {
            logger.error("the scorecard could not be computed", metadata: ["error": "\(error)"])
            throw HTTPError(.internalServerError, message: "the scorecard could not be computed")
        }
        switch format {
        case .json, .csv:
            return try APIJSON.response(scorecard)
        case .html:
            let choices = profiles.profiles.values.map { (id: $0.id, name: $0.name) }.sorted {
                ($0.name, $0.id.rawValue) < ($1.name, $1.id.rawValue)
            }
            let asked = [
                month.map { "month=\($0)" }, retailer.map { "retailer=\(Self.queryValue($0.rawValue))" },
            ].compactMap { $0 }.joined(separator: "&")
            return PageResponse.html(
                pages.scorecard(scorecard, choices: choices, retailer: retailer, query: asked))
        }
    }

    /// A query parameter's value as a link carries it.
    static func queryValue(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
