import Foundation

/// Writes a JSON array to standard output an element at a time, byte for byte as `encoder` (pretty-printed) writes
/// the whole array: each element's lines indented by two spaces, empty lines (inside an empty array or object) left
/// empty. A command's output then neither waits for nor holds every element.
struct JSONArrayWriter {
    let encoder: JSONEncoder
    private var count = 0
    /// Written when it holds a buffer's worth, and at the end.
    private var pending: [UInt8] = []
    private static let bufferSize = 1 << 16

    init(encoder: JSONEncoder) {
        self.encoder = encoder
        pending.reserveCapacity(Self.bufferSize * 2)
    }

    mutating func append(_ element: some Encodable) throws {
        let encoded = try encoder.encode(element)
        pending += Array((count == 0 ? "[\n" : ",\n").utf8)
        var atLineStart = true
        for byte in encoded {
            if atLineStart && byte != 0x0A { pending += [0x20, 0x20] }
            pending.append(byte)
            atLineStart = byte == 0x0A
        }
        count += 1
        if pending.count >= Self.bufferSize { flush() }
    }

    /// Closes the array (an empty one as the encoder writes it) with a line break, and writes what is left.
    mutating func finish() throws {
        if count == 0 {
            pending += Array(try encoder.encode([Int]())) + [0x0A]
        } else {
            pending += Array("\n]\n".utf8)
        }
        flush()
    }

    private mutating func flush() {
        guard !pending.isEmpty else { return }
        FileHandle.standardOutput.write(Data(pending))
        pending.removeAll(keepingCapacity: true)
    }
}
