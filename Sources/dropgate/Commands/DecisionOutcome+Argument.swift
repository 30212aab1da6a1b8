// A conformance is as public as the type it extends, so its protocol's module is imported publicly.
public import ArgumentParser
public import Orders

/// `--status ship`: an outcome by its stored name. Any other word is a usage error that lists the outcomes, rather
/// than a filter that silently matches nothing.
extension DecisionOutcome: ExpressibleByArgument {}
