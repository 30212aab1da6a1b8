public import Foundation
import Gateway
public import Profiles

/// Where the service reads its world from: the folder of retailer profiles, the DC network and the item catalog
/// (with the `kits.csv` beside it, when there is one).
/// Read and checked as `dropgate profiles check` reads them, so that what checks clean there loads here.
public struct WorldSource: Hashable, Sendable {
    public var profiles: URL
    public var network: URL
    public var catalog: URL

    public init(profiles: URL, network: URL, catalog: URL) {
        self.profiles = profiles
        self.network = network
        self.catalog = catalog
    }

    /// Reads and checks the three together; every problem at once when they do not check clean.
    public func load() throws(ProfileErrors) -> ProfileSet {
        try ProfileSet.load(profiles: profiles, network: network, catalog: catalog, rules: ProfileRule.answerWriters)
    }

    /// The name, size and modification time of every file the world is read from. A different stamp means a file
    /// was edited, added or removed; an equal one that nothing the service reads changed.
    public func stamp() -> [String: String] {
        var stamp: [String: String] = [:]
        let manager = FileManager.default
        func add(_ path: String) {
            guard let attributes = try? manager.attributesOfItem(atPath: path) else {
                stamp[path] = "missing"
                return
            }
            let size = (attributes[.size] as? NSNumber)?.int64Value ?? -1
            let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            stamp[path] = "\(size)@\(modified)"
        }
        add(network.path)
        add(catalog.path)
        add(catalog.deletingLastPathComponent().appendingPathComponent(ProfileSet.kitsFileName).path)
        add(profiles.path)
        let names = (try? manager.contentsOfDirectory(atPath: profiles.path)) ?? []
        for name in names where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            add(profiles.appendingPathComponent(name).path)
        }
        return stamp
    }
}
