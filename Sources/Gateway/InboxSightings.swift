/// What a watcher saw of each inbox file at its earlier looks, to tell a complete file from one still being written.
///
/// A file is complete once it has looked the same (size, modification time, inode) at two looks at least `settle`
/// apart: a sender still writing changes its size or time between them. A file seen for the first time is never
/// complete, whatever `settle` is, so that each file waits for one more look.
actor InboxSightings {
    private var seen: [String: (look: InboxFolder.Look, since: ContinuousClock.Instant)] = [:]

    /// Notes what a look saw at `now` and returns the names that are complete, sorted; files gone since the last
    /// look are forgotten.
    func complete(
        _ looks: [String: InboxFolder.Look], at now: ContinuousClock.Instant, settle: Duration
    ) -> [String] {
        var complete: [String] = []
        var next: [String: (look: InboxFolder.Look, since: ContinuousClock.Instant)] = [:]
        for (name, look) in looks {
            if let earlier = seen[name], earlier.look == look {
                next[name] = earlier
                if now - earlier.since >= settle { complete.append(name) }
            } else {
                next[name] = (look, now)
            }
        }
        seen = next
        return complete.sorted()
    }

    /// Forgets a file that was taken (or that will be looked at afresh).
    func forget(_ name: String) {
        seen[name] = nil
    }
}
