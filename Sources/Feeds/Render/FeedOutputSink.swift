public import Foundation

/// Where a preview (`feed build`) writes a feed, a chunk at a time: a new file, else standard output. A concrete
/// sink of this module, so that `FeedRenderer` writes to it with writers compiled for it.
public struct FeedOutputSink: FeedSink {
    /// The file; nil for standard output.
    public var file: FileFeedSink?

    public init(file: FileFeedSink? = nil) { self.file = file }

    public mutating func write(_ chunk: [UInt8]) throws(FeedError) {
        if let file { try file.write(chunk) } else { FileHandle.standardOutput.write(Data(chunk)) }
    }
}
