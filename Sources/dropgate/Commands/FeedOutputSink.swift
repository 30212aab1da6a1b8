import Feeds
import Foundation

/// Where `feed build` writes a feed, a chunk at a time: a new file (`--out`), else standard output.
struct FeedOutputSink: FeedSink {
    /// The file; nil for standard output.
    var file: FileFeedSink? = nil

    mutating func write(_ chunk: [UInt8]) throws(FeedError) {
        if let file { try file.write(chunk) } else { FileHandle.standardOutput.write(Data(chunk)) }
    }
}
