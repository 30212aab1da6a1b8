import Feeds
import Foundation
import Orders
import Profiles
import Store
import Testing
import X12

/// `FeedBuilder.preview`: a full feed keyed by our SKU is streamed line by line; what it renders is what the built
/// feed renders, byte for byte.
@Suite("Feed preview: streamed lines")
struct FeedPreviewTests {
    static let now = Date(timeIntervalSince1970: 1_796_000_000)

    /// The preview and the built feeds of `profile` over the sample stock, each rendered as `format`.
    static func rendered(_ profile: RetailerProfile, _ format: FeedSettings.Format, node: DCID? = nil) async throws
        -> (streamed: Bool, preview: String, built: String)
    {
        let world = try SampleWorld.load()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dropgate-preview-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("store.sqlite").path)
        try await store.importInventory(world.inventory)
        let settings = try #require(profile.feed)
        let builder = FeedBuilder(
            profile: profile, settings: settings, format: format, mode: .full, nodes: node.map { [$0] })
        let items = ItemListing(world.profiles.catalog)
        let renderer = try FeedRenderer(format: format, profile: profile, profiles: world.profiles, at: now)
        var sink = MemoryFeedSink()
        var counter = X12ControlNumberCounter(interchange: 1)
        let streamed: Bool
        switch try await builder.preview(profiles: world.profiles, items: items, store: store, at: now) {
        case .streamed(let header, let lines):
            streamed = true
            try renderer.render(lines, header: header, counter: &counter, to: &sink)
        case .built(let built):
            streamed = false
            try renderer.render(try #require(FeedContent.merged(built.map(\.content))), counter: &counter, to: &sink)
        }
        let built = try await builder.build(profiles: world.profiles, store: store, at: now)
        var builtCounter = X12ControlNumberCounter(interchange: 1)
        let whole = try renderer.render(try #require(FeedContent.merged(built.map(\.content))), counter: &builtCounter)
        return (streamed, String(decoding: sink.bytes, as: UTF8.self), String(decoding: whole, as: UTF8.self))
    }

    /// The sample profile `id`, its CSV feed carrying every column (descriptions too), changed by `change`.
    static func profile(_ id: String, _ change: (inout RetailerProfile, inout FeedSettings) -> Void = { _, _ in })
        throws -> RetailerProfile
    {
        var profile = try #require(try SampleWorld.load().profiles[RetailerID(id)])
        var settings = try #require(profile.feed)
        settings.columns = CSVFeedWriter.Column.allCases.map(\.rawValue)
        change(&profile, &settings)
        profile.feed = settings
        return profile
    }

    @Test(
        "a summed feed keyed by SKU is streamed, and renders as built in every format",
        arguments: FeedSettings.Format.allCases)
    func summed(format: FeedSettings.Format) async throws {
        let (streamed, preview, built) = try await Self.rendered(try Self.profile("homedepot"), format)
        #expect(streamed)
        #expect(preview == built)
        #expect(built.utf8.count > 1000)
    }

    @Test("a per-node feed is streamed node by node, zeros omitted where the profile says, one node alone with --node")
    func perNode() async throws {
        let walmart = try Self.profile("walmart") { _, settings in
            settings.itemIDs = [:]
            settings.unavailable = .omit
        }
        #expect(walmart.feed?.perNode == true)
        for node: DCID? in [nil, "ORD1"] {
            let (streamed, preview, built) = try await Self.rendered(walmart, .csv, node: node)
            #expect(streamed)
            #expect(preview == built)
            #expect(built.contains("ORD1"))
        }
    }

    @Test("a feed keyed by the retailer's ids or by UPC, or a delta, is built whole")
    func built() async throws {
        let mapped = try Self.profile("homedepot") { _, settings in settings.itemIDs = ["HP-10001": "HD-1"] }
        let (streamed, preview, built) = try await Self.rendered(mapped, .csv)
        #expect(!streamed)
        #expect(preview == built)
        #expect(built.contains("HD-1"))
    }
}
