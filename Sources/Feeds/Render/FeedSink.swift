public import Foundation
import Orders
internal import Orders
internal import Profiles

/// Where a rendered feed goes, a chunk of bytes at a time (about 64 KiB each), so that a feed of any size is
/// written in bounded memory: straight to a file (`FileFeedSink`), into memory for an outbox row or a test
/// (`MemoryFeedSink`), or to an upload.
public protocol FeedSink {
    mutating func write(_ chunk: [UInt8]) throws(FeedError)
}

/// Collects the whole feed.
public struct MemoryFeedSink: FeedSink, Sendable {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public mutating func write(_ chunk: [UInt8]) throws(FeedError) { bytes += chunk }
}

/// Writes a new file (replacing one at the path), chunk by chunk. Owns its file handle: `close()` when done (the
/// handle is closed on deinit too, for a render that threw).
public final class FileFeedSink: FeedSink {
    public let path: String
    private var handle: FileHandle?

    public init(path: String) throws(FeedError) {
        self.path = path
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else { throw FeedError(.writeFailed, url: "file://" + path, detail: "cannot create the file") }
        self.handle = handle
    }

    public func write(_ chunk: [UInt8]) throws(FeedError) {
        guard let handle else { throw FeedError(.writeFailed, url: "file://" + path, detail: "already closed") }
        do { try handle.write(contentsOf: chunk) } catch {
            throw FeedError(.writeFailed, url: "file://" + path, detail: "\(error)")
        }
    }

    public func close() throws(FeedError) {
        guard let handle else { return }
        self.handle = nil
        do { try handle.close() } catch {
            throw FeedError(.writeFailed, url: "file://" + path, detail: "\(error)")
        }
    }

    deinit { try? handle?.close() }
}

/// The bytes a writer composes, handed to its sink in chunks of about 64 KiB.
struct FeedOutput<Sink: FeedSink> {
    var sink: Sink
    var buffer: [UInt8] = []
    static var chunkSize: Int { 1 << 16 }

    init(_ sink: Sink) {
        self.sink = sink
        buffer.reserveCapacity(Self.chunkSize + 1024)
    }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { buffer.append(contentsOf: $0) }
    }

    mutating func append(byte: UInt8) { buffer.append(byte) }

    mutating func flushIfFull() throws(FeedError) {
        if buffer.count >= Self.chunkSize { try flush() }
    }

    mutating func flush() throws(FeedError) {
        guard !buffer.isEmpty else { return }
        try sink.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}

/// `2026-12-06T09:30:00Z`: an instant in UTC, to the second, without a formatter (no locale can change it).
enum FeedTimestamp {
    static func iso8601(_ instant: Date) -> String {
        let c = CivilTime(secondsSince1970: Int(instant.timeIntervalSince1970.rounded(.down)), offset: 0)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))T\(pad(c.hour, 2)):\(pad(c.minute, 2)):"
            + "\(pad(c.second, 2))Z"
    }
}
