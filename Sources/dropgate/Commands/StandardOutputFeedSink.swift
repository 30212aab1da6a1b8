import Feeds
import Foundation

/// A feed written to standard output a chunk at a time, as `feed build` without `--out` writes it.
struct StandardOutputFeedSink: FeedSink {
    mutating func write(_ chunk: [UInt8]) throws(FeedError) {
        FileHandle.standardOutput.write(Data(chunk))
    }
}
