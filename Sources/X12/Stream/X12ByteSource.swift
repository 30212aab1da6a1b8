#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where a stream's bytes come from, a chunk at a time.
public protocol X12ByteSource {
    /// Appends at most `maximumCount` bytes to `buffer` and returns how many; 0 means the input has ended.
    mutating func read(into buffer: inout [UInt8], maximumCount: Int) throws(X12Error) -> Int
}

/// Bytes already in memory, handed out in chunks of at most `chunkSize`: tests use it to cut the same input at
/// every size.
public struct X12InMemorySource: X12ByteSource, Sendable {
    public let bytes: [UInt8]
    public let chunkSize: Int
    private var position = 0

    public init(_ bytes: [UInt8], chunkSize: Int = 1 << 16) {
        self.bytes = bytes
        self.chunkSize = max(1, chunkSize)
    }

    public mutating func read(into buffer: inout [UInt8], maximumCount: Int) throws(X12Error) -> Int {
        let count = min(maximumCount, chunkSize, bytes.count - position)
        guard count > 0 else { return 0 }
        buffer.append(contentsOf: bytes[position..<(position + count)])
        position += count
        return count
    }
}

/// An open file descriptor (a file, a pipe, standard input), read with read(2). The caller opens and closes it.
public struct X12FileDescriptorSource: X12ByteSource, Sendable {
    public let fileDescriptor: Int32

    public init(fileDescriptor: Int32) {
        self.fileDescriptor = fileDescriptor
    }

    public mutating func read(into buffer: inout [UInt8], maximumCount: Int) throws(X12Error) -> Int {
        guard maximumCount > 0 else { return 0 }
        let start = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: maximumCount))
        var count = -1
        while true {
            count = buffer.withUnsafeMutableBytes { raw in
                guard let base = raw.baseAddress else { return 0 }
                #if canImport(Glibc)
                    return Glibc.read(fileDescriptor, base + start, maximumCount)
                #else
                    return Darwin.read(fileDescriptor, base + start, maximumCount)
                #endif
            }
            if count >= 0 || errno != EINTR { break }
        }
        buffer.removeLast(maximumCount - max(count, 0))
        guard count >= 0 else {
            throw X12Error(.unreadableInput("read(2) failed with errno \(errno)"), at: start)
        }
        return count
    }
}
