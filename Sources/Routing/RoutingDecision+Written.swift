extension RoutingDecision {
    /// The same decision with every sentence of its explanation written out once: reading it as text and encoding it
    /// as JSON then cost what each would alone, not the writing twice. It reads and encodes exactly as `self` does;
    /// like a decision read back from its JSON, it compares equal to decisions whose sentences are given, not to the
    /// one routing made.
    public func written() -> RoutingDecision {
        var copy = self
        copy.cancelledLines = cancelledLines.map { line in
            var line = line
            line.detail = line.detail
            return line
        }
        copy.checks = checks.map { check in
            var check = check
            check.detail = check.detail
            return check
        }
        copy.nodes = nodes.map { node in
            var node = node
            node.checks = node.checks
            node.verdict = node.verdict
            return node
        }
        if let deadlines {
            copy.deadlines?.basis = deadlines.basis
        }
        copy.fees.avoided = fees.avoided.map(\.written)
        copy.fees.incurred = fees.incurred.map(\.written)
        return copy
    }
}

extension FeeLine {
    fileprivate var written: FeeLine {
        var line = self
        line.cause = cause
        line.note = note
        return line
    }
}
