import Foundation
import Orders

/// Writes a JSON array to standard output an element at a time, byte for byte as `JSONEncoder` writes the whole
/// array with `[.prettyPrinted, .sortedKeys]` (and `.withoutEscapingSlashes` unless `escapesSlashes`), then a line
/// break: each element written by hand (`writeJSON`) a level in. A command's output then neither waits for
/// nor holds every element, and costs no Codable tree.
struct JSONArrayWriter {
    private let writer: JSONByteWriter

    init(escapesSlashes: Bool) {
        writer = JSONByteWriter(dates: .iso8601, layout: .pretty(escapesSlashes: escapesSlashes))
        writer.beginArray()
    }

    /// Writes what is pending once it holds a buffer's worth.
    func append(_ element: some JSONWritable) throws {
        try writer.element(element)
        if writer.count >= StandardOutputBuffer.size { flush() }
    }

    /// Closes the array (an empty one as the encoder writes it) with a line break, and writes what is left.
    func finish() {
        writer.endArray()
        writer.newLine()
        flush()
    }

    private func flush() {
        guard writer.count > 0 else { return }
        writer.withBytes { StandardOutputBuffer.write($0) }
        writer.removeAll()
    }
}
