public import Orders
public import Profiles

extension ProfileSet {
    /// `routers()` for the network as the store's node switches leave it (`Network.applying(_:)`): routing stays
    /// pure, the switches are part of its input, and a decision explains a switched-off or closed node like any
    /// other. The network and catalog are worked out once for every profile.
    public func routers(applying switches: [NodeSwitch]) -> [RetailerID: Router] {
        guard !switches.isEmpty else { return routers() }
        let world = WorldTables(network: network.applying(switches), catalog: catalog)
        return profiles.mapValues { Router(profile: $0, world: world) }
    }
}
