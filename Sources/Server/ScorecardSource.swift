public import Foundation
public import Operations
public import Orders

/// Where the service gets the operations scorecard from: the month (`2026-11`; nil for the month `asOf` falls in,
/// in each retailer's zone), one retailer or all (nil), and the clock the figures are taken at. The service only
/// shows what this returns (`GET /operations/scorecard`, the `dropgate_scorecard_*` gauges); computing it from the
/// store is the caller's (`Scorecard.compute`). Set it in `ServerSettings.scorecard`.
public typealias ScorecardSource =
    @Sendable (_ month: String?, _ retailer: RetailerID?, _ asOf: Date) async throws -> Scorecard
