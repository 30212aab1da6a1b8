public import Orders
public import Profiles

extension ATSCalculator {
    /// The calculator for the network as the store's node switches leave it (`Network.applying(_:)`): the entry
    /// point for a feed that reads the switches from the store (`NodeSwitchStore.nodeSwitches()`), so that a node
    /// switched off, or closed on the feed's day, reads zero in the next feed just as it is no candidate for the
    /// next decision.
    public init(
        profile: RetailerProfile, network: Network, switches: [NodeSwitch], catalog: ItemCatalog? = nil,
        itemKey: ItemKey = .sku, includesNames: Bool? = nil
    ) throws(FeedError) {
        try self.init(
            profile: profile, network: network.applying(switches), catalog: catalog, itemKey: itemKey,
            includesNames: includesNames)
    }

    /// The calculator for the network as the store's node switches leave it, over a catalog as a feed reads it.
    public init(
        profile: RetailerProfile, network: Network, switches: [NodeSwitch], items: ItemListing?,
        itemKey: ItemKey = .sku, includesNames: Bool? = nil
    ) throws(FeedError) {
        try self.init(
            profile: profile, network: network.applying(switches), items: items, itemKey: itemKey,
            includesNames: includesNames)
    }
}
