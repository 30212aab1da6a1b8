import ArgumentParser
import Feeds
import Foundation
import Gateway
import OrderX12
import Orders
import Profiles
import X12

/// Renders a retailer's feed content in one format: CSV with the profile's columns, JSON, XML, or an X12 846 from us
/// (the network's `supplier:`) to the retailer, in its release and separators.
struct FeedRenderer: Sendable {
    var format: FeedSettings.Format
    var columns: [String]
    /// What an 846 needs besides its lines; nil for the other formats.
    var x12: X12Feed?

    struct X12Feed: Sendable {
        var advice: InventoryAdvice
        var envelope: InventoryAdvice.Envelope
        var format: X12ReplyFormat
    }

    /// Throws (exit 2, with the reason) when an 846 is asked for and our or the retailer's interchange id is not
    /// known.
    init(format: FeedSettings.Format, profile: RetailerProfile, profiles: ProfileSet, at now: Date) throws {
        self.format = format
        self.columns = profile.feed?.columns ?? []
        guard format == .x12846 else { return }
        guard let us = profiles.network.supplier?.x12Interchange else {
            printError(
                "an X12 feed needs our interchange id: supplier: { x12-interchange: QUALIFIER:ID } in the network file"
            )
            throw ExitCode(2)
        }
        guard let them = profile.identity.interchange.first else {
            printError("\(profile.id): its profile names no x12-interchange to send an 846 to")
            throw ExitCode(2)
        }
        let version = X12Version(profile.identity.x12ReplyVersion ?? profile.identity.x12Version ?? "004010")
        let stamp = ISO8601DateFormatter().string(from: now).filter { $0.isNumber }.prefix(12)
        x12 = X12Feed(
            advice: InventoryAdvice(
                reference: "\(profile.id.rawValue.prefix(12))-\(stamp)", instant: now,
                reportType: profile.feed?.perNode == true ? .sellerInventory : .manufacturerDistributor,
                nodeNames: Dictionary(uniqueKeysWithValues: profiles.network.nodes.map { ($0.id, $0.name) })),
            envelope: .init(
                sender: us, receiver: them, senderGroupID: profiles.network.supplier?.x12Group,
                receiverGroupID: profile.identity.group.first),
            format: X12ReplyFormat(replyingTo: version, delimiters: .standard, profile: profile))
    }

    /// The feed's bytes; an 846 draws its ISA13, GS06 and ST02s from `counter`.
    func render(_ content: FeedContent, counter: inout some X12ControlNumberSource) throws -> [UInt8] {
        var sink = MemoryFeedSink()
        switch format {
        case .csv: try CSVFeedWriter(columns: columns).write(content, to: &sink)
        case .json: try JSONFeedWriter().write(content, to: &sink)
        case .xml: try XMLFeedWriter().write(content, to: &sink)
        case .x12846:
            guard let x12 else { return [] }
            var bytes: [UInt8] = []
            try x12.advice.write(content.lines, envelope: x12.envelope, format: x12.format, counter: &counter) {
                bytes += $0
            }
            try sink.write(bytes)
        }
        return sink.bytes
    }
}
