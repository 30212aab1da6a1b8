import Store
import Synchronization

/// Keys the store said yes to, for a second: a partner posting many documents a second is looked up once a second,
/// not once a request. Only successes are kept (an unknown or revoked key always asks the store), so a revoked key
/// stops working within `lifetime`; the cache empties itself when it holds `capacity` keys.
final class KeyCache: Sendable {
    let lifetime: Duration
    let capacity: Int
    private let entries = Mutex<[String: (principal: Principal, until: ContinuousClock.Instant)]>([:])

    init(lifetime: Duration = .seconds(1), capacity: Int = 10_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// Who `token` belonged to when the store last said so, if that was less than `lifetime` ago.
    func principal(for token: String) -> Principal? {
        let now = ContinuousClock.now
        return entries.withLock { entries in
            guard let entry = entries[token] else { return nil }
            if entry.until > now { return entry.principal }
            entries[token] = nil
            return nil
        }
    }

    func remember(_ principal: Principal, for token: String) {
        let until = ContinuousClock.now + lifetime
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[token] = (principal, until)
        }
    }
}
