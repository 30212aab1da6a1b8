public import Foundation
import OrderX12
public import Orders
public import Profiles
public import X12

/// Renders a retailer's feed content in one format: CSV with the profile's columns, JSON, XML, or an X12 846 from us
/// (the network's `supplier:`) to the retailer, in its release and separators.
public struct FeedRenderer: Sendable {
    public var format: FeedSettings.Format { target.format }
    private var target: Target

    /// A format and what it needs besides the lines.
    private enum Target: Sendable {
        case csv(columns: [String])
        case json
        case xml
        case x12(advice: InventoryAdvice, envelope: InventoryAdvice.Envelope, format: X12ReplyFormat)

        var format: FeedSettings.Format {
            switch self {
            case .csv: .csv
            case .json: .json
            case .xml: .xml
            case .x12: .x12846
            }
        }
    }

    /// Throws (`FeedError.Kind.noInterchange`) when an 846 is asked for and our or the retailer's interchange id is
    /// not known.
    public init(format: FeedSettings.Format, profile: RetailerProfile, profiles: ProfileSet, at now: Date)
        throws(FeedError)
    {
        switch format {
        case .csv: target = .csv(columns: profile.feed?.columns ?? [])
        case .json: target = .json
        case .xml: target = .xml
        case .x12846: target = try Self.x12(profile: profile, profiles: profiles, at: now)
        }
    }

    /// The 846's heading and envelope: from us (the network's `supplier:`) to the retailer, in its release.
    private static func x12(profile: RetailerProfile, profiles: ProfileSet, at now: Date) throws(FeedError)
        -> Target
    {
        guard let us = profiles.network.supplier?.x12Interchange else {
            throw FeedError(.noInterchange(ours: true), url: "")
        }
        guard let them = profile.identity.interchange.first else {
            throw FeedError(.noInterchange(ours: false), url: profile.id.rawValue)
        }
        let version = X12Version(profile.identity.x12ReplyVersion ?? profile.identity.x12Version ?? "004010")
        let stamp = ISO8601DateFormatter().string(from: now).filter { $0.isNumber }.prefix(12)
        return .x12(
            advice: InventoryAdvice(
                reference: "\(profile.id.rawValue.prefix(12))-\(stamp)", instant: now,
                reportType: profile.feed?.perNode == true ? .sellerInventory : .manufacturerDistributor,
                nodeNames: Dictionary(uniqueKeysWithValues: profiles.network.nodes.map { ($0.id, $0.name) }),
                maxItemsPerSet: profile.feed?.maxItemsPerSet ?? 10_000),
            envelope: .init(
                sender: us, receiver: them, senderGroupID: profiles.network.supplier?.x12Group,
                receiverGroupID: profile.identity.group.first),
            format: X12ReplyFormat(replyingTo: version, delimiters: .standard, profile: profile))
    }

    /// The feed's bytes; an 846 draws its ISA13, GS06 and ST02s from `counter`.
    public func render(_ content: FeedContent, counter: inout some X12ControlNumberSource) throws -> [UInt8] {
        var sink = MemoryFeedSink()
        try render(content, counter: &counter, to: &sink)
        return sink.bytes
    }

    /// Writes the feed to `sink` a chunk at a time, so that a feed of a million lines goes to a file without being
    /// held whole; an 846 draws its ISA13, GS06 and ST02s from `counter`.
    public func render(
        _ content: FeedContent, counter: inout some X12ControlNumberSource, to sink: inout some FeedSink
    ) throws {
        try render(content.lines, header: content.header, counter: &counter, to: &sink)
    }

    /// Writes a feed of `lines` (sorted by `ATSLine.Key`) to `sink`, lines made as they are read
    /// (`ATSLineStream`) as well as lines held.
    public func render(
        _ lines: some Sequence<ATSLine>, header: FeedHeader, counter: inout some X12ControlNumberSource,
        to sink: inout some FeedSink
    ) throws {
        try write(lines, header: header, counter: &counter, to: &sink)
    }

    /// A preview's streamed lines to its file or standard output: `render(_:header:counter:to:)` compiled here for
    /// these types, so that a million lines are written without a generic look-up for each.
    public func render(
        _ lines: ATSLineStream, header: FeedHeader, counter: inout X12ControlNumberCounter,
        to sink: inout FeedOutputSink
    ) throws {
        try write(lines, header: header, counter: &counter, to: &sink)
    }

    /// A preview's built content to its file or standard output, compiled here for these types.
    public func render(
        _ content: FeedContent, counter: inout X12ControlNumberCounter, to sink: inout FeedOutputSink
    ) throws {
        try write(content.lines, header: content.header, counter: &counter, to: &sink)
    }

    private func write(
        _ lines: some Sequence<ATSLine>, header: FeedHeader, counter: inout some X12ControlNumberSource,
        to sink: inout some FeedSink
    ) throws {
        switch target {
        case .csv(let columns): try CSVFeedWriter(columns: columns).write(lines, header: header, to: &sink)
        case .json: try JSONFeedWriter().write(lines, header: header, to: &sink)
        case .xml: try XMLFeedWriter().write(lines, header: header, to: &sink)
        case .x12(let advice, let envelope, let format):
            try advice.write(lines, envelope: envelope, format: format, counter: &counter) {
                try sink.write($0)
            }
        }
    }
}
