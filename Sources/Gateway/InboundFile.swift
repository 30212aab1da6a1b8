import Orders
import Profiles
import Store
import X12

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An inbound document opened for reading: its bytes in memory (the gateway holds what the store keeps), or an
/// open file, read a chunk at a time on each pass so that a file of any size is read in bounded memory. Each pass
/// makes a source of its own, reading from the start up to a limit.
final class InboundFile: DocumentSource {
    enum Storage: Sendable {
        case bytes([UInt8])
        case file(descriptor: Int32)
    }

    let storage: Storage
    /// How many bytes the document holds, when it was opened.
    let count: Int

    init(bytes: [UInt8]) {
        storage = .bytes(bytes)
        count = bytes.count
    }

    /// Opens `path`, or throws saying why it cannot be read, as `LocalFile.bytes` would.
    init(path: String, expected: String) throws(FileProblem) {
        try LocalFile.checkFile(path, expected: expected)
        let descriptor = open(path, O_RDONLY)
        var status = stat()
        guard descriptor >= 0, fstat(descriptor, &status) == 0 else {
            let reason = String(cString: strerror(errno))
            if descriptor >= 0 { close(descriptor) }
            throw FileProblem(.inaccessible(reason), path: path, expected: expected)
        }
        storage = .file(descriptor: descriptor)
        count = Int(status.st_size)
    }

    deinit {
        if case .file(let descriptor) = storage { close(descriptor) }
    }

    /// At most `maximumCount` bytes from `offset`, appended to `buffer`; how many were (0 at the end).
    func read(at offset: Int, into buffer: inout [UInt8], maximumCount: Int) throws(X12Error) -> Int {
        guard maximumCount > 0 else { return 0 }
        switch storage {
        case .bytes(let bytes):
            let count = max(0, min(maximumCount, bytes.count - offset))
            guard count > 0 else { return 0 }
            buffer.append(contentsOf: bytes[offset..<(offset + count)])
            return count
        case .file(let descriptor):
            let start = buffer.count
            buffer.append(contentsOf: repeatElement(0, count: maximumCount))
            var count = -1
            while true {
                count = buffer.withUnsafeMutableBytes { raw in
                    guard let base = raw.baseAddress else { return 0 }
                    return pread(descriptor, base + start, maximumCount, off_t(offset))
                }
                if count >= 0 || errno != EINTR { break }
            }
            buffer.removeLast(maximumCount - max(count, 0))
            guard count >= 0 else {
                throw X12Error(.unreadableInput("read(2) failed with errno \(errno)"), at: offset)
            }
            return count
        }
    }

    /// The bytes of `range` (fewer when the document ends first); empty when they cannot be read.
    func bytes(_ range: Range<Int>) -> [UInt8] {
        var result: [UInt8] = []
        var offset = range.lowerBound
        while offset < range.upperBound {
            guard let count = try? read(at: offset, into: &result, maximumCount: range.upperBound - offset), count > 0
            else { break }
            offset += count
        }
        return result
    }

    /// The bytes of `range`, or throws when they cannot all be read: how the store keeps the document a part at
    /// a time (`DocumentSource`).
    func bytes(in range: Range<Int>) throws -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(range.count)
        var offset = range.lowerBound
        while offset < range.upperBound {
            let count = try read(at: offset, into: &result, maximumCount: range.upperBound - offset)
            guard count > 0 else { break }
            offset += count
        }
        return result
    }

    /// Every byte of the document, or throws as `LocalFile.bytes` would when they cannot be read.
    func whole(path: String, expected: String) throws(FileProblem) -> [UInt8] {
        do { return try bytes(in: 0..<count) } catch {
            throw FileProblem(.inaccessible("\(error)"), path: path, expected: expected)
        }
    }

    /// A source reading the document from its start, ending at `limit` (its end when nil).
    func source(upTo limit: Int? = nil) -> InboundByteSource {
        InboundByteSource(file: self, limit: limit ?? Int.max)
    }
}

/// One pass over an inbound document, a chunk at a time, for `X12StreamReader`.
struct InboundByteSource: X12ByteSource {
    let file: InboundFile
    let limit: Int
    private var offset = 0

    init(file: InboundFile, limit: Int) {
        self.file = file
        self.limit = limit
    }

    mutating func read(into buffer: inout [UInt8], maximumCount: Int) throws(X12Error) -> Int {
        let count = try file.read(at: offset, into: &buffer, maximumCount: min(maximumCount, limit - offset))
        offset += count
        return count
    }
}

extension DocumentFormat {
    /// What the document is, told from its first bytes (see `init(detecting:)`).
    init(detecting file: InboundFile) {
        var bytes: [UInt8] = []
        // Leading white space can be long; what follows it decides.
        var offset = 0
        while true {
            guard let count = try? file.read(at: offset, into: &bytes, maximumCount: 1 << 16), count > 0 else { break }
            offset += count
            // A byte-order mark counts as blank here: detection needs the three bytes after the first that is not.
            let blank: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF]
            if let first = bytes.firstIndex(where: { !blank.contains($0) }), bytes.count - first >= 3 { break }
        }
        self.init(detecting: bytes)
    }
}
