import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `TextTable` for a table of any length: rows are written to a scratch file as they come, and only each column's
/// width is held, so that a million rows cost no more memory than ten. `print()` lays it out byte for byte as
/// `TextTable.rendered` (then a line break), reading the rows back a chunk at a time.
///
/// The scratch file is made in the temporary folder with a name of its own (`O_EXCL`) and unlinked at once, so that
/// nothing is left behind however the process ends; the kernel frees it when the descriptor is closed (`deinit`).
/// Where no scratch file can be made, the rows stay in memory.
final class SpooledTextTable {
    private let headers: [String]
    private var widths: [Int]
    /// The scratch file, or -1 when the rows stay in `pending`.
    private let descriptor: Int32
    /// Rows not yet written to the scratch file, each as its cell count (a byte) then each cell as its length
    /// (4 bytes, little-endian) and its UTF-8.
    private var pending: [UInt8] = []
    private var written = 0

    init(_ headers: [String]) {
        self.headers = headers
        widths = headers.map(\.count)
        let folder = FileManager.default.temporaryDirectory.path
        let path = "\(folder)/dropgate-table-\(getpid())-\(UInt64.random(in: 0...UInt64.max)).rows"
        let descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if descriptor >= 0 { unlink(path) }
        self.descriptor = descriptor
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    func append(_ row: [String]) {
        pending.append(UInt8(truncatingIfNeeded: row.count))
        for (column, cell) in row.enumerated() {
            if column < widths.count { widths[column] = max(widths[column], cell.count) }
            let count = UInt32(cell.utf8.count)
            withUnsafeBytes(of: count.littleEndian) { pending.append(contentsOf: $0) }
            pending.append(contentsOf: cell.utf8)
        }
        if descriptor >= 0 && pending.count >= 1 << 20 { spill() }
    }

    /// Prints the table to standard output, then a line break.
    func print() {
        var output = StandardOutputBuffer()
        output.append(TextTable.line(headers, widths: widths))
        output.append("\n")
        output.append(TextTable.rule(widths))
        var rows = [UInt8]()
        var offset = 0
        var read = 0
        while true {
            // The scratch file first, a chunk at a time, then what never left memory.
            if read < written {
                var chunk = [UInt8](repeating: 0, count: min(1 << 20, written - read))
                let count = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(read)) }
                guard count > 0 else { break }
                read += count
                rows.removeFirst(offset)
                offset = 0
                rows += chunk.prefix(count)
            } else if !pending.isEmpty {
                rows.removeFirst(offset)
                offset = 0
                rows += pending
                pending = []
            } else {
                break
            }
            while let (cells, next) = Self.row(in: rows, at: offset) {
                output.append("\n")
                output.append(TextTable.line(cells, widths: widths))
                output.flushIfFull()
                offset = next
            }
        }
        output.append("\n")
        output.flush()
    }

    /// The row that starts at `offset`, and where the next starts; nil when `bytes` ends before it does.
    private static func row(in bytes: [UInt8], at offset: Int) -> ([String], Int)? {
        guard offset < bytes.count else { return nil }
        var cursor = offset + 1
        var cells: [String] = []
        for _ in 0..<Int(bytes[offset]) {
            guard cursor + 4 <= bytes.count else { return nil }
            let count = (0..<4).reduce(0) { $0 | Int(bytes[cursor + $1]) << (8 * $1) }
            cursor += 4
            guard cursor + count <= bytes.count else { return nil }
            cells.append(String(decoding: bytes[cursor..<(cursor + count)], as: UTF8.self))
            cursor += count
        }
        return (cells, cursor)
    }

    /// Writes the pending rows to the scratch file; on a failed write they stay in memory.
    private func spill() {
        let count = pending.withUnsafeBytes { raw -> Int in
            var done = 0
            while done < raw.count {
                let step = pwrite(descriptor, raw.baseAddress! + done, raw.count - done, off_t(written + done))
                if step < 0 && errno == EINTR { continue }
                guard step > 0 else { break }
                done += step
            }
            return done
        }
        guard count == pending.count else { return }
        written += count
        pending.removeAll(keepingCapacity: true)
    }
}
