/// When a retailer counts as holding the picture a feed run sent, so that the next delta is taken against it: once
/// the run is delivered (a 2xx from an https endpoint, an sftp or file transfer that completed), or once the
/// retailer's 997 (or 999) accepts the 846's group (AK9 A or E). Only an X12 846 can be acknowledged: a CSV, JSON
/// or XML feed is always accepted on delivery.
public enum FeedAcceptance: String, Hashable, Sendable, Codable, CaseIterable {
    case delivery
    case functionalAcknowledgement = "997"
}
