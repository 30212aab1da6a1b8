internal import CCurl
internal import CCurlShims
internal import Glibc

/// Owns one libcurl easy handle for one transfer. Nothing of libcurl leaves this file: callers hand in a
/// `TransferRequest` and get a `TransferResponse` or a `FeedError`.
final class CurlEasy {
    private let handle: UnsafeMutableRawPointer
    /// libcurl writes its message here during `curl_easy_perform`, so the memory must stay put for the handle's life.
    private let errorBuffer: UnsafeMutablePointer<CChar>

    /// `curl_global_init` must run once before any handle exists; a `static let` runs it exactly once, thread-safely.
    private static let globalInit: Bool = curl_global_init(Int(CURL_GLOBAL_ALL)) == CURLE_OK

    init?() {
        guard CurlEasy.globalInit, let handle = curl_easy_init() else { return nil }
        self.handle = handle
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit {
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    private var errorMessage: String {
        let length = strlen(errorBuffer)
        return errorBuffer.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }

    /// Runs the transfer to completion on the calling thread.
    func perform(_ request: TransferRequest) throws(FeedError) -> TransferResponse {
        let url = request.redactedURL
        let scheme = request.url.prefix { $0 != ":" }.lowercased()
        guard ["http", "https", "file", "sftp"].contains(scheme) else { throw FeedError(.unsupportedURL, url: url) }

        let sink = TransferSink(body: request.body)
        let context = Unmanaged.passUnretained(sink).toOpaque()
        var headerList: UnsafeMutablePointer<curl_slist>? = nil
        defer { curl_slist_free_all(headerList) }

        var code = CURLE_OK
        func set(_ result: CURLcode) { if code == CURLE_OK { code = result } }

        set(ccurl_setopt_string(handle, CURLOPT_URL, request.url))
        set(ccurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1))
        set(ccurl_setopt_long(handle, CURLOPT_TIMEOUT_MS, Int(request.timeout.milliseconds)))
        set(ccurl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Int(request.connectTimeout.milliseconds)))
        set(ccurl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0))
        // Only the schemes a feed may go to, also across redirects a server might suggest.
        set(ccurl_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https,file,sftp"))
        set(ccurl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer))
        set(ccurl_setopt_callback(handle, CURLOPT_WRITEFUNCTION, curlWriteBody))
        set(ccurl_setopt_pointer(handle, CURLOPT_WRITEDATA, context))
        set(ccurl_setopt_callback(handle, CURLOPT_HEADERFUNCTION, curlWriteHeader))
        set(ccurl_setopt_pointer(handle, CURLOPT_HEADERDATA, context))
        set(ccurl_setopt_callback(handle, CURLOPT_READFUNCTION, curlReadBody))
        set(ccurl_setopt_pointer(handle, CURLOPT_READDATA, context))

        let isHTTP = scheme == "http" || scheme == "https"
        if isHTTP && request.method == .post {
            set(ccurl_setopt_long(handle, CURLOPT_POST, 1))
            set(ccurl_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.count)))
        } else {
            set(ccurl_setopt_long(handle, CURLOPT_UPLOAD, 1))
            set(ccurl_setopt_off_t(handle, CURLOPT_INFILESIZE_LARGE, curl_off_t(request.body.count)))
        }
        if scheme == "sftp" || scheme == "file" {
            set(ccurl_setopt_long(handle, CURLOPT_FTP_CREATE_MISSING_DIRS, Int(CURLFTP_CREATE_DIR.rawValue)))
        }

        var headers = request.headers
        if isHTTP {
            // libcurl would otherwise send `Expect: 100-continue` and wait a second for large bodies.
            headers.append(.init("Expect", ""))
        }
        switch request.credentials {
        case .basic(let user, let password):
            set(ccurl_setopt_string(handle, CURLOPT_USERNAME, user))
            set(ccurl_setopt_string(handle, CURLOPT_PASSWORD, password))
        case .bearer(let token):
            headers.append(.init("Authorization", "Bearer \(token)"))
        case .apiKey(let header, let value):
            headers.append(.init(header, value))
        case .sshKey(let user, let privateKeyPath, let publicKeyPath):
            set(ccurl_setopt_string(handle, CURLOPT_USERNAME, user))
            set(ccurl_setopt_string(handle, CURLOPT_PASSWORD, ""))
            set(ccurl_setopt_string(handle, CURLOPT_SSH_PRIVATE_KEYFILE, privateKeyPath))
            set(ccurl_setopt_string(handle, CURLOPT_SSH_PUBLIC_KEYFILE, publicKeyPath))
        case nil:
            break
        }
        set(ccurl_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1))
        set(ccurl_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2))
        let security = request.security
        if let caBundle = security.caBundle { set(ccurl_setopt_string(handle, CURLOPT_CAINFO, caBundle)) }
        if let certificate = security.clientCertificate {
            set(ccurl_setopt_string(handle, CURLOPT_SSLCERT, certificate))
            if let key = security.clientKey { set(ccurl_setopt_string(handle, CURLOPT_SSLKEY, key)) }
        }
        if scheme == "sftp" {
            // Without a known_hosts file there is nothing to check the server against: refuse rather than trust.
            guard let knownHosts = security.knownHosts else {
                throw FeedError(.hostKeyNotVerified, url: url, detail: "no known_hosts file to check the host key")
            }
            set(ccurl_require_known_host_key(handle, knownHosts))
        }
        for header in headers {
            // `Name;` sends an empty header, `Name:` removes one libcurl would add.
            let line = header.value.isEmpty ? "\(header.name):" : "\(header.name): \(header.value)"
            headerList = curl_slist_append(headerList, line)
        }
        if let headerList { set(ccurl_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList)) }

        if code == CURLE_OK { code = curl_easy_perform(handle) }
        guard code == CURLE_OK else {
            if scheme == "sftp" && code == CURLE_PEER_FAILED_VERIFICATION {
                throw FeedError(.hostKeyNotVerified, url: url, detail: errorMessage)
            }
            throw FeedError(FeedError.Kind(code), url: url, detail: errorMessage)
        }
        var status = 0
        _ = ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        var totalMicroseconds: curl_off_t = 0
        _ = ccurl_getinfo_off_t(handle, CURLINFO_TOTAL_TIME_T, &totalMicroseconds)
        return TransferResponse(
            status: isHTTP ? status : 0, headers: sink.headers, body: sink.received, bytesSent: sink.readOffset,
            totalTime: .microseconds(Int64(totalMicroseconds)))
    }
}

/// Where the C callbacks read the request body from and write the response to. Lives only for one `perform`.
private final class TransferSink {
    let body: [UInt8]
    var readOffset = 0
    var received: [UInt8] = []
    var headers: [TransferRequest.Header] = []

    init(body: [UInt8]) { self.body = body }
}

private let curlWriteBody: ccurl_data_callback = { pointer, size, count, context in
    guard let pointer, let context else { return 0 }
    let sink = Unmanaged<TransferSink>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
        sink.received.append(contentsOf: UnsafeBufferPointer(start: $0, count: length))
    }
    return length
}

private let curlWriteHeader: ccurl_data_callback = { pointer, size, count, context in
    guard let pointer, let context else { return 0 }
    let sink = Unmanaged<TransferSink>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    let line = pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
        String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
    }
    if line.hasPrefix("HTTP/") {
        sink.headers.removeAll()  // a new response (after 100 Continue or a redirect) starts over
    } else if let colon = line.firstIndex(of: ":") {
        let name = String(line[..<colon])
        let value = line[line.index(after: colon)...].trimmingWhitespace()
        sink.headers.append(.init(name, value))
    }
    return length
}

private let curlReadBody: ccurl_data_callback = { pointer, size, count, context in
    guard let pointer, let context else { return 0 }
    let sink = Unmanaged<TransferSink>.fromOpaque(context).takeUnretainedValue()
    let length = min(size * count, sink.body.count - sink.readOffset)
    guard length > 0 else { return 0 }
    sink.body.withUnsafeBufferPointer { source in
        pointer.withMemoryRebound(to: UInt8.self, capacity: length) { destination in
            destination.update(from: source.baseAddress! + sink.readOffset, count: length)
        }
    }
    sink.readOffset += length
    return length
}

extension FeedError.Kind {
    fileprivate init(_ code: CURLcode) {
        switch code {
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT: self = .unsupportedURL
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: self = .couldNotResolveHost
        case CURLE_COULDNT_CONNECT: self = .couldNotConnect
        case CURLE_OPERATION_TIMEDOUT: self = .timedOut
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM: self = .tls
        case CURLE_LOGIN_DENIED: self = .loginDenied
        case CURLE_SSH: self = .ssh
        case CURLE_WRITE_ERROR, CURLE_UPLOAD_FAILED, CURLE_REMOTE_ACCESS_DENIED, CURLE_READ_ERROR,
            CURLE_REMOTE_FILE_NOT_FOUND:
            self = .writeFailed
        default: self = .transfer(code: Int(code.rawValue))
        }
    }
}

extension Substring {
    /// Without the spaces, tabs and line breaks around it (header values end in CRLF).
    fileprivate func trimmingWhitespace() -> String {
        let blank: Set<Character> = [" ", "\t", "\r", "\n", "\r\n"]
        var slice = self
        while let first = slice.first, blank.contains(first) { slice.removeFirst() }
        while let last = slice.last, blank.contains(last) { slice.removeLast() }
        return String(slice)
    }
}

extension Duration {
    fileprivate var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
