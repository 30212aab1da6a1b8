import Foundation
import Gateway
import Operations
import Orders
import Profiles
import Store

extension ServeCommand {
    /// The service's scorecard source: the month's scorecard from `store`, for the retailer profiles in
    /// `profiles` as they stand at the request (read again each time, as a reload would), one retailer or all.
    static func scorecardSource(store: any OrderStore, profiles: URL, network: URL, catalog: URL)
        -> @Sendable (String?, RetailerID?, Date) async throws -> Scorecard
    {
        { month, retailer, asOf in
            let world = try ProfileSet.load(profiles: profiles, network: network, catalog: catalog)
            var chosen = world.profiles.values.sorted { $0.id < $1.id }
            if let retailer { chosen = chosen.filter { $0.id == retailer } }
            let zone = chosen.first?.timeZone ?? TimeZone(identifier: "UTC") ?? .current
            let scorecardMonth =
                month.flatMap { ScorecardMonth(parsing: $0) } ?? ScorecardMonth(containing: asOf, in: zone)
            return try await store.scorecard(of: scorecardMonth, profiles: chosen, retailer: retailer, asOf: asOf)
        }
    }
}
