internal import Yams

/// A check another part makes of a loaded profile: what a profile asks for that the part cannot do (a reason code an
/// 855 cannot carry, a release we have no tables for). The loader runs each after a profile reads clean and reports
/// what it finds at the key it names, as FILE:LINE:COLUMN like any other problem.
public struct ProfileRule: Sendable {
    /// What the rule is about, for tests and logs (`x12-855`).
    public var name: String
    public var findings: @Sendable (RetailerProfile) -> [Finding]

    public init(name: String, findings: @escaping @Sendable (RetailerProfile) -> [Finding]) {
        self.name = name
        self.findings = findings
    }

    /// One thing the rule cannot do, at the key that asks for it.
    public struct Finding: Hashable, Sendable {
        /// Dotted keys from the file's root (`reason-codes.out-of-stock`); the nearest key that exists is reported
        /// when the last ones are not written (a default).
        public var keyPath: String
        public var message: String

        public init(keyPath: String, message: String) {
            self.keyPath = keyPath
            self.message = message
        }
    }
}

extension Node {
    /// The node at a dotted key path, or the deepest one of its prefix that exists.
    func nearest(keyPath: String) -> Node {
        var node = self
        for key in keyPath.split(separator: ".") {
            guard let next = node[String(key)] else { break }
            node = next
        }
        return node
    }
}
