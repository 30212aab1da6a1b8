extension ItemListing {
    /// Reads `items.csv` as `ItemCatalog.parse(csv:file:)` does, keeping of each item what a feed needs. A file
    /// with anything out of the ordinary in it (a row the catalog would report, a SKU listed twice, a quote left
    /// open) is read by `ItemCatalog.parse` instead, so that what is reported of it is the same, word for word;
    /// a clean file is read in one pass that makes no string of a field it does not keep.
    public static func parse(csv text: String, file: String) throws(ProfileErrors) -> ItemListing {
        if let listing = readingClean(text) { return listing }
        return ItemListing(try ItemCatalog.parse(csv: text, file: file))
    }

    /// The listing of a file with nothing to report in it; nil for any other.
    private static func readingClean(_ text: String) -> ItemListing? {
        var text = text
        var listing = ItemListing()
        var columns: [Int]?
        var clean = true
        let openQuote = text.withUTF8 { bytes in
            // About a row a line, and most of a row's bytes in the three fields kept.
            var lines = 0
            for byte in bytes where byte == 0x0A { lines += 1 }
            listing.bytes.reserveCapacity(bytes.count / 2)
            listing.ends.reserveCapacity(lines * 3)
            return CSVTable.recordBytes(in: bytes) { record in
                guard clean else { return }
                if let columns {
                    clean = listing.appendIfClean(record, columns: columns)
                } else {
                    let header = (0..<record.count).map { String(record.string($0).trimmingSpaces) }
                    columns = try? CSVTable.columns(ItemCatalog.columns, in: header, file: "")
                    clean = columns != nil
                }
            }.openQuote
        }
        guard clean, !openQuote, columns != nil, listing.sortBySKU() else { return nil }
        return listing
    }

    /// Adds the item of a row of `items.csv` when `ItemCatalog.parse` would read it without a word; false (and
    /// nothing added) otherwise.
    private mutating func appendIfClean(_ record: borrowing CSVRecord, columns index: [Int]) -> Bool {
        func field(_ column: Int) -> ArraySlice<UInt8> {
            let bytes = record.field(index[column])
            guard bytes.first == 0x20 || bytes.last == 0x20 || bytes.contains(where: { $0 >= 0x80 }) else {
                return bytes
            }
            // As the catalog reads it: invalid UTF-8 repaired, the spaces around it trimmed.
            return ArraySlice(ItemCatalog.trimmed(String(decoding: bytes, as: UTF8.self)).utf8)
        }
        func text(_ column: Int) -> String { String(decoding: field(column), as: UTF8.self) }
        let sku = field(0)
        guard !sku.isEmpty, ItemCatalog.gtinProblem(text(1)) == nil else { return false }
        for column in [3, 4, 5, 6, 10] where ItemCatalog.number(text(column)) == nil { return false }
        for column in [7, 8, 9] where ItemCatalog.flag(text(column)) == nil { return false }
        append(sku)
        append(field(1))
        append(field(2))
        return true
    }
}
