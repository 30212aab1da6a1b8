public import Foundation
public import Gateway
public import Logging
public import Profiles
import Synchronization

/// The world the service decides with, swapped whole on a reload: only a set of profiles, network and catalog that
/// checks clean replaces the one serving; a bad edit is recorded (for `GET /v1/status`, the log and the metrics)
/// and the last good set goes on deciding.
public final class LiveWorld: Sendable {
    public let source: WorldSource
    private let state: Mutex<State>
    private let logger: Logger

    /// What is serving now, and what the last reload said.
    public struct State: Sendable {
        /// The gateway over the set serving now.
        public var gateway: Gateway
        public var loadedAt: Date
        /// The files' stamp when the serving set was read.
        var stamp: [String: String]
        /// The problems of the last edit that was refused, until a later reload succeeds.
        public var refused: [String]?
        public var refusedAt: Date?
        public var reloads = 0
        public var failedReloads = 0
    }

    /// What a reload did.
    public enum ReloadResult: Equatable, Sendable {
        /// Nothing changed since the last look.
        case unchanged
        /// The new set checked clean and is serving.
        case reloaded
        /// The new set did not check clean; the old one goes on serving.
        case refused([String])
    }

    /// Starts with the world as `source` reads it now, or throws its problems: a service does not start without a
    /// world that checks clean.
    public init(source: WorldSource, makeGateway: (ProfileSet) -> Gateway, at now: Date, logger: Logger)
        throws(ProfileErrors)
    {
        self.source = source
        self.logger = logger
        let stamp = source.stamp()
        let profiles = try source.load()
        state = Mutex(State(gateway: makeGateway(profiles), loadedAt: now, stamp: stamp))
    }

    public var current: State { state.withLock { $0 } }
    public var gateway: Gateway { state.withLock { $0.gateway } }
    public var profiles: ProfileSet { gateway.profiles }

    /// Reads the files again when they changed since the serving set was read (or always, when `force`: a SIGHUP),
    /// and swaps the new set in only when it checks clean. The new gateway keeps the old one's store and settings.
    @discardableResult
    public func reload(force: Bool, at now: Date) -> ReloadResult {
        let stamp = source.stamp()
        let (unchanged, previous) = state.withLock { ($0.stamp == stamp, $0.gateway) }
        if unchanged && !force { return .unchanged }
        do {
            let profiles = try source.load()
            let gateway = previous.replacingProfiles(with: profiles)
            state.withLock {
                $0.gateway = gateway
                $0.loadedAt = now
                $0.stamp = stamp
                $0.refused = nil
                $0.refusedAt = nil
                $0.reloads += 1
            }
            logger.notice(
                "world reloaded", metadata: ["profiles": "\(profiles.profiles.count)", "forced": "\(force)"])
            return .reloaded
        } catch {
            let problems = error.errors.map(\.description)
            state.withLock {
                // The refused files are not read again until they change.
                $0.stamp = stamp
                $0.refused = problems
                $0.refusedAt = now
                $0.failedReloads += 1
            }
            logger.error(
                "world edit refused; the last good set goes on serving",
                metadata: ["problems": "\(problems.count)", "first": "\(problems.first ?? "")"])
            return .refused(problems)
        }
    }
}
