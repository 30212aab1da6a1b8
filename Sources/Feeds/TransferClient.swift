import Dispatch
import Foundation
internal import Glibc

/// Sends feeds and documents to retailers over libcurl: HTTPS POST/PUT, SFTP and file uploads, with timeouts,
/// headers and the response status. Each call uses its own easy handle, so a client is safe to share.
public struct TransferClient: Sendable {
    public init() {}

    /// Blocks the calling thread until the transfer completes or fails.
    public func perform(_ request: TransferRequest) throws(FeedError) -> TransferResponse {
        guard let easy = CurlEasy() else {
            throw FeedError(.transfer(code: -1), url: request.redactedURL, detail: "libcurl could not start")
        }
        guard request.url.lowercased().hasPrefix("file://") else { return try easy.perform(request) }
        try createParentFolder(of: request)
        return try writeFile(request, with: easy)
    }

    /// A drop folder's reader must never see half a file, nor lose one it has not read yet: the body is written
    /// under a hidden temporary name in the same folder, then linked to its name (`link(2)` fails when the name
    /// exists, so an existing file is never replaced) and the temporary name removed.
    private func writeFile(_ request: TransferRequest, with easy: CurlEasy) throws(FeedError) -> TransferResponse {
        guard let url = URL(string: request.url), url.isFileURL, !url.lastPathComponent.isEmpty else {
            throw FeedError(.unsupportedURL, url: request.redactedURL)
        }
        let target = url.path
        if FileManager.default.fileExists(atPath: target) { throw FeedError(.exists, url: request.redactedURL) }
        let temporary = url.deletingLastPathComponent().appendingPathComponent(
            ".\(url.lastPathComponent).\(UUID().uuidString).partial")
        var staged = request
        staged.url = temporary.absoluteString
        defer { unlink(temporary.path) }
        let response = try easy.perform(staged)
        guard link(temporary.path, target) == 0 else {
            let reason = errno
            if reason == EEXIST { throw FeedError(.exists, url: request.redactedURL) }
            throw FeedError(.writeFailed, url: request.redactedURL, detail: String(cString: strerror(reason)))
        }
        return response
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
