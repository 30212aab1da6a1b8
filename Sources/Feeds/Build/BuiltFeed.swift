public import Foundation
public import Orders
public import Profiles
public import Store
import X12

/// One feed as built: a retailer's picture of one node (a per-node feed) or of every node, at `builtAt`, and how to
/// render it.
public struct BuiltFeed: Sendable {
    public var profile: RetailerProfile
    public var settings: FeedSettings
    public var node: DCID?
    public var builtAt: Date
    public var content: FeedContent
    public var renderer: FeedRenderer

    public var format: FeedSettings.Format { renderer.format }

    /// A file name for it: retailer, node, instant and the format's extension (`walmart-EWR1-20261124T100000Z.x12`).
    public var name: String {
        let stamp = ISO8601DateFormatter().string(from: builtAt).filter { $0 != "-" && $0 != ":" }
        let ext =
            switch format {
            case .x12846: "x12"
            case .csv: "csv"
            case .json: "json"
            case .xml: "xml"
            }
        return "\(profile.id.rawValue)-\(node?.rawValue ?? "all")-\(stamp).\(ext)"
    }

    /// The feed as a run to record: an 846 is rendered by the store in the recording transaction, numbered from the
    /// retailer's counters (those of its 855s and 997s), and accepted as the profile's `accepted-on` says; every
    /// other format is rendered here, and accepted on delivery (no 997 answers it).
    public func draft(destination: String) throws -> FeedRunDraft {
        let body: FeedRunBody
        switch format {
        case .x12846:
            let (renderer, content) = (renderer, content)
            body = .numbered(partner: profile.id.rawValue) { numbers in
                var drawn = DrawnControlNumbers(numbers: numbers)
                defer { numbers = drawn.numbers }
                return try renderer.render(content, counter: &drawn)
            }
        case .csv, .json, .xml:
            var counter = X12ControlNumberCounter()
            body = .rendered(try renderer.render(content, counter: &counter))
        }
        var draft = FeedRunDraft(
            retailer: profile.id, node: node, format: format.rawValue, mode: content.header.mode.rawValue,
            builtAt: builtAt, body: body, destination: destination, snapshot: try content.snapshot.compactJSON())
        draft.acceptedOn = format == .x12846 ? settings.acceptedOn : .delivery
        return draft
    }
}
