public import Foundation
public import Orders
import Profiles

extension ATSSnapshot {
    /// One node's part of a per-node picture: its lines only, as that node's own feed says them (a retailer that
    /// assigns the ship-from node is sent one feed per node, and holds one picture per node).
    public func only(_ node: DCID) -> ATSSnapshot {
        var part = self
        part.nodes = [node]
        part.lines = lines.filter { $0.node == node }
        return part
    }

    /// The snapshot as compact JSON, as a feed run keeps it in the store for the next delta.
    public func compactJSON() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(self))
    }

    /// A snapshot a feed run kept (`compactJSON()`).
    public init(compactJSON bytes: [UInt8]) throws {
        self = try JSONDecoder().decode(ATSSnapshot.self, from: Data(bytes))
    }
}

extension FeedContent {
    /// Several nodes' feeds as one, in the order given (node order keeps `ATSLine.Key` order): what one file
    /// previewing a per-node retailer's feeds holds. Nil for no parts.
    public static func merged(_ parts: [FeedContent]) -> FeedContent? {
        guard var merged = parts.first else { return nil }
        for part in parts.dropFirst() {
            merged.lines += part.lines
            merged.snapshot.lines += part.snapshot.lines
            merged.snapshot.nodes += part.snapshot.nodes
            if part.header.mode == .delta { merged.header.mode = .delta }
        }
        return merged
    }
}
