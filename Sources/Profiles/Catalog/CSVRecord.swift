/// One record of a CSV text as bytes (`CSVTable.recordBytes(in:)`): its fields unquoted, back to back in one
/// buffer, so that a reader can look at a field without making a string of it.
struct CSVRecord {
    /// The fields' bytes, back to back.
    var bytes: [UInt8] = []
    /// Where each field ends in `bytes`; a field starts where the one before it ends.
    var ends: [Int] = []
    /// 1-based line the record starts on.
    var line = 1

    var count: Int { ends.count }

    /// A record of one empty field: a blank line.
    var isBlank: Bool { ends.count == 1 && ends[0] == 0 }

    /// The bytes of field `index`; empty past the last field.
    func field(_ index: Int) -> ArraySlice<UInt8> {
        guard index < ends.count else { return bytes[0..<0] }
        return bytes[(index == 0 ? 0 : ends[index - 1])..<ends[index]]
    }

    /// Field `index` as text (invalid UTF-8 repaired, as every reader of the table sees it).
    func string(_ index: Int) -> String { String(decoding: field(index), as: UTF8.self) }
}
