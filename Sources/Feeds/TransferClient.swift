import Dispatch
import Foundation

/// Sends feeds and documents to retailers over libcurl: HTTPS POST/PUT, SFTP and file uploads, with timeouts,
/// headers and the response status. Each call uses its own easy handle, so a client is safe to share.
public struct TransferClient: Sendable {
    public init() {}

    /// Blocks the calling thread until the transfer completes or fails.
    public func perform(_ request: TransferRequest) throws(FeedError) -> TransferResponse {
        guard let easy = CurlEasy() else {
            throw FeedError(.transfer(code: -1), url: request.redactedURL, detail: "libcurl could not start")
        }
        if request.url.lowercased().hasPrefix("file://") { try createParentFolder(of: request) }
        return try easy.perform(request)
    }

    /// libcurl creates missing folders for sftp:// but not for file://; a feed into a fresh outbox needs them.
    private func createParentFolder(of request: TransferRequest) throws(FeedError) {
        guard let url = URL(string: request.url), url.isFileURL else {
            throw FeedError(.unsupportedURL, url: request.redactedURL)
        }
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw FeedError(.writeFailed, url: request.redactedURL, detail: "cannot create its folder")
        }
    }

    /// The same transfer, run on a Dispatch thread so that a slow destination never blocks the cooperative pool.
    public func send(_ request: TransferRequest) async throws(FeedError) -> TransferResponse {
        let result: Result<TransferResponse, FeedError> = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: Result { () throws(FeedError) in try perform(request) })
            }
        }
        return try result.get()
    }
}
