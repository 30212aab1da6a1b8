public import Foundation

extension ProfileSet {
    /// The profiles and network as `load(profiles:network:catalog:rules:)` checks them, with the catalog read as a
    /// feed reads it: an `ItemListing` (each item's SKU, UPC and description, and the kits) in place of the
    /// `ItemCatalog`, which a million-item catalog would fill with some 400 MB a feed never reads. The catalog is
    /// checked all the same, every problem reported as `load` reports it; the returned set's own `catalog` is empty.
    public static func loadForFeeds(profiles folder: URL, network: URL, catalog: URL, rules: [ProfileRule] = [])
        throws(ProfileErrors) -> (profiles: ProfileSet, items: ItemListing)
    {
        let files = try sources(profiles: folder, network: network, catalog: catalog)
        var items: ItemListing?
        let world = try load(profiles: files.profiles, network: files.network, rules: rules) {
            do throws(ProfileErrors) {
                if let kits = files.kits {
                    // Kits are checked against whole items: read as the full catalog, then listed.
                    var full = try ItemCatalog.parse(csv: files.catalog.text, file: files.catalog.name)
                    try full.readKits(csv: kits.text, file: kits.name)
                    items = ItemListing(full)
                } else {
                    items = try ItemListing.parse(csv: files.catalog.text, file: files.catalog.name)
                }
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
}
