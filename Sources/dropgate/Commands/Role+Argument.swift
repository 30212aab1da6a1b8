// A conformance is as public as the type it extends, so its protocol's module is imported publicly.
public import ArgumentParser
public import Store

/// `tokens add admin`: a staff role by its name. Any other word is a usage error that lists the roles.
extension Role: ExpressibleByArgument {}
