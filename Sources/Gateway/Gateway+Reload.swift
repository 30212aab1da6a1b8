public import Profiles

extension Gateway {
    /// The same gateway (store, output folder, settings) deciding with another set of profiles: what a service
    /// swaps in when its profiles are edited.
    public func replacingProfiles(with profiles: ProfileSet) -> Gateway {
        var next = Gateway(profiles: profiles, store: store, output: output, logger: logger)
        next.maximumAttempts = maximumAttempts
        next.batchSize = batchSize
        next.progress = progress
        return next
    }
}
