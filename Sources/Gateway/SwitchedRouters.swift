import Orders
import Profiles
import Routing
import Synchronization

/// The routers for the node switches last read from the store, made again only when the switches change: a
/// decision reads the switches once per batch, and most batches find the same ones.
final class SwitchedRouters: Sendable {
    private let last: Mutex<(switches: [NodeSwitch], routers: [RetailerID: Router])?> = Mutex(nil)

    /// The routers for `switches`; nil when there are none (the network file alone speaks, and the gateway's own
    /// routers serve).
    func routers(for switches: [NodeSwitch], profiles: ProfileSet) -> [RetailerID: Router]? {
        guard !switches.isEmpty else { return nil }
        if let known = last.withLock({ $0 }), known.switches == switches { return known.routers }
        let routers = profiles.routers(applying: switches)
        last.withLock { $0 = (switches, routers) }
        return routers
    }
}
