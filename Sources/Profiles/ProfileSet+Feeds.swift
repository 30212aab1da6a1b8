public import Foundation

extension ProfileSet {
    /// The profiles and network as `load(profiles:network:catalog:rules:)` checks them, with the catalog read as a
    /// feed reads it: an `ItemListing` (each item's SKU, UPC and description, and the kits) in place of the
    /// `ItemCatalog`, which a million-item catalog would fill with some 400 MB a feed never reads. A clean catalog
    /// is read a piece at a time, never held whole; one with something to report is read as `load` reads it, and
    /// every problem is reported as `load` reports it. The returned set's own `catalog` is empty.
    public static func loadForFeeds(profiles folder: URL, network: URL, catalog: URL, rules: [ProfileRule] = [])
        throws(ProfileErrors) -> (profiles: ProfileSet, items: ItemListing)
    {
        let files = try sources(profiles: folder, network: network, catalog: catalog, readingCatalog: false)
        var items: ItemListing?
        let world = try load(profiles: files.profiles, network: files.network, rules: rules) {
            do throws(ProfileErrors) {
                items = try listing(catalog, kits: files.kits)
                return []
            } catch {
                return error.errors
            }
        }
        guard let items else { throw ProfileErrors([]) }
        return (
            ProfileSet(
                profiles: world.profiles, network: world.network, catalog: ItemCatalog([]), xmlClaims: world.claims),
            items
        )
    }

    /// The listing of the catalog at `url`, with the kits of `kits`.
    private static func listing(_ url: URL, kits: SourceFile?) throws(ProfileErrors) -> ItemListing {
        let path = url.relativePath
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        if kits == nil, let listing = ItemListing.readingClean(fileAt: path, expectedBytes: size) { return listing }
        let text: String
        do { text = try LocalFile.text(path, expected: catalogExpected) } catch {
            throw ProfileErrors([ProfileError(error)])
        }
        guard let kits else { return try ItemListing.parse(csv: text, file: path) }
        // Kits are checked against whole items: read as the full catalog, then listed.
        var full = try ItemCatalog.parse(csv: text, file: path)
        try full.readKits(csv: kits.text, file: kits.name)
        return ItemListing(full)
    }
}
