public import Foundation
public import Profiles
public import Store

extension FeedBuilder {
    /// What a preview (`feed build`) writes: the feeds `build` makes, merged, or their lines made one at a time as
    /// they are written.
    public enum Preview {
        /// A full feed keyed by our SKU with no stock on its way: its lines come out of the figures in order, and
        /// are made as the renderer reads them, never held together.
        case streamed(FeedHeader, ATSLineStream)
        /// Any other: built whole, as `build` builds it.
        case built([BuiltFeed])
    }

    /// The feeds of `build(profiles:items:store:at:)` for a preview, streamed where nothing needs their lines all at
    /// once (a full feed keyed by our SKU, with no stock on its way, and at least one node to show), else built.
    public func preview(profiles: ProfileSet, items: ItemListing, store: any OrderStore, at now: Date) async throws
        -> Preview
    {
        var stock = try await FeedStock.read(from: store, items: items, progress: progress)
        let calculator = try ATSCalculator(
            profile: profile, network: profiles.network, switches: stock.switches, items: items)
        let columns: [Int?] =
            settings.perNode
            ? calculator.nodes.indices.filter { nodes?.contains(calculator.nodes[$0].id) ?? true } : [nil]
        guard mode == .full, calculator.streamsInKeyOrder, stock.inbound.isEmpty, !columns.isEmpty else {
            return .built(try await build(profiles: profiles, items: items, store: store, at: now, stock: stock))
        }
        progress?("\(profile.id): computing ATS from \(stock.positions.count.formatted()) stock rows")
        let figures = calculator.figures(of: stock.positions, at: now)
        // Summed into the figures: a million rows let go before a line is made.
        stock.positions = []
        let header = FeedHeader(retailer: profile.id, instant: now, mode: .full, perNode: settings.perNode)
        return .streamed(
            header,
            ATSLineStream(
                calculator: calculator, figures: figures, columns: columns, omitsZeros: settings.unavailable == .omit))
    }
}
