import Foundation

extension LocalFile {
    /// The UTF-8 text of the file at `path`, handed to `body` a piece of about `size` bytes at a time (each piece
    /// ends on a whole character), so that a large file (a catalog of a million items) is read without being held
    /// whole, as bytes and as text at once. Returns false, having perhaps handed over some pieces, when the file
    /// cannot be read this way: it is missing or unreadable, is not UTF-8, or starts with a byte order mark;
    /// `text(_:expected:)` then says what is wrong, or drops the mark.
    static func forEachPiece(ofText path: String, size: Int = 1 << 20, _ body: (inout String) -> Void) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        var carried: [UInt8] = []
        var first = true
        while true {
            let chunk: Data?
            do { chunk = try handle.read(upToCount: max(4, size)) } catch { return false }
            // Nothing (or nil) at the end of the file.
            guard let chunk, !chunk.isEmpty else { break }
            var bytes = carried
            bytes.append(contentsOf: chunk)
            let end = wholeCharacters(bytes)
            carried = Array(bytes[end...])
            guard var piece = String(validating: bytes[..<end], as: UTF8.self) else { return false }
            if first, piece.hasPrefix("\u{FEFF}") { return false }
            first = false
            body(&piece)
        }
        return carried.isEmpty
    }

    /// Where the last whole character of `bytes` ends: before a multi-byte character its last bytes leave
    /// unfinished (an invalid sequence counts as whole, for validation to find).
    static func wholeCharacters(_ bytes: [UInt8]) -> Int {
        var lead = bytes.count - 1
        while lead >= 0, bytes.count - lead <= 3, bytes[lead] & 0xC0 == 0x80 { lead -= 1 }
        guard lead >= 0, bytes[lead] >= 0xC0 else { return bytes.count }
        let length =
            switch bytes[lead] {
            case 0xC0..<0xE0: 2
            case 0xE0..<0xF0: 3
            case 0xF0..<0xF8: 4
            default: 1
            }
        return bytes.count - lead < length ? lead : bytes.count
    }
}
