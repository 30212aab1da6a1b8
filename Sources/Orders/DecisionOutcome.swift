/// What routing decided for one PO. Routing makes it (`RoutingDecision.Outcome` is this type); the store keeps it
/// as its raw value and reads it back as this type, so a code it does not know is an error, never a guess.
public enum DecisionOutcome: String, Hashable, Sendable, Codable, CaseIterable {
    /// From the primary node (or the node the retailer assigned).
    case ship
    /// From an alternate, because the primary would have broken a rule.
    case reroute
    /// From more than one node, where the profile allows.
    case split
    /// Waits for stock, where the profile allows.
    case backorder
    /// No node can ship compliantly: cancel before the ack deadline.
    case cancel
    /// Fails the retailer's static rules: reject with its reason code.
    case reject
}
