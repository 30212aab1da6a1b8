public import Store

/// A feed or transfer that did not complete, and why. The URL in messages never carries credentials; where a feed
/// could not be built, `url` holds the retailer's id (or nothing, when the network file is at fault).
public struct FeedError: Error, Hashable, Sendable, CustomStringConvertible {
    public var kind: Kind
    /// The destination, without user info.
    public var url: String
    /// libcurl's own words (`CURLOPT_ERRORBUFFER`), when it said any.
    public var detail: String

    public init(_ kind: Kind, url: String, detail: String = "") {
        self.kind = kind
        self.url = url
        self.detail = detail
    }

    public enum Kind: Hashable, Sendable {
        /// The URL is not one we send to (scheme other than http, https, file, sftp).
        case unsupportedURL
        case couldNotResolveHost
        case couldNotConnect
        case timedOut
        case tls
        case loginDenied
        /// The sftp:// server's host key is not the one the known_hosts file lists for it (or none is listed).
        case hostKeyNotVerified
        /// The SSH layer failed (key exchange, authentication method, channel).
        case ssh
        /// The environment variable a profile names for a credential is not set.
        case missingCredential(variable: String)
        /// A file:// destination already holds a file of that name; it is never overwritten.
        case exists
        /// A file:// or sftp:// destination could not be written.
        case writeFailed
        /// Any other libcurl error, with its `CURLcode`.
        case transfer(code: Int)
        /// The retailer's profile has no `feed:` settings (`url` holds the retailer's id).
        case noFeed
        /// A CSV column the feed writer does not know (see `CSVFeedWriter.Column`).
        case unsupportedColumn(String)
        /// A value the format cannot carry: an id with a character XML 1.0 forbids.
        case unrepresentable(field: String)
        /// An 846 was asked for and an interchange id is not known: ours (the network file's `supplier:`) or the
        /// retailer's (its profile's `x12-interchange`). The files are at fault, not the store or the network.
        case noInterchange(ours: Bool)
        /// The last run the retailer accepted keeps a snapshot that cannot be read (`detail` says why), so no
        /// delta can be taken against it.
        case unreadableSnapshot(run: FeedRunID)
    }

    public var description: String {
        let what: String
        switch kind {
        case .unsupportedURL: what = "unsupported destination URL"
        case .couldNotResolveHost: what = "could not resolve host"
        case .couldNotConnect: what = "could not connect"
        case .timedOut: what = "timed out"
        case .tls: what = "TLS handshake or certificate failed"
        case .loginDenied: what = "login denied"
        case .hostKeyNotVerified: what = "the server's host key is not in the known_hosts file"
        case .ssh: what = "SSH session failed"
        case .missingCredential(let variable): what = "the environment variable \(variable) is not set"
        case .exists: what = "a file of that name exists already; it is never overwritten"
        case .writeFailed: what = "could not write at the destination"
        case .transfer(let code): what = "transfer failed (curl error \(code))"
        case .noFeed: what = "the profile has no feed settings"
        case .unsupportedColumn(let name):
            let known = CSVFeedWriter.Column.allCases.map(\.rawValue).joined(separator: ", ")
            what = "unsupported CSV column '\(name)' (use \(known))"
        case .unrepresentable(let field): what = "a \(field) holds a character the feed format cannot carry"
        case .noInterchange(ours: true):
            what =
                "an X12 feed needs our interchange id: supplier: { x12-interchange: QUALIFIER:ID } in the network file"
        case .noInterchange(ours: false): what = "its profile names no x12-interchange to send an 846 to"
        case .unreadableSnapshot(let run):
            // The reason in brackets: the snapshot's own error says where it stopped reading.
            return "\(url): feed run \(run) keeps a snapshot that cannot be read (\(detail))"
        }
        let prefix = url.isEmpty ? "" : "\(url): "
        return detail.isEmpty ? prefix + what : prefix + what + ": " + detail
    }
}
