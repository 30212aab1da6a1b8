extension ItemListing {
    /// Reads `items.csv` as `ItemCatalog.parse(csv:file:)` does, keeping of each item what a feed needs. A file
    /// with anything out of the ordinary in it (a row the catalog would report, a SKU listed twice, a quote left
    /// open) is read by `ItemCatalog.parse` instead, so that what is reported of it is the same, word for word;
    /// a clean file is read in one pass that makes no string of a field it does not keep.
    public static func parse(csv text: String, file: String) throws(ProfileErrors) -> ItemListing {
        var text = text
        var reader = CleanReader(expectedBytes: text.utf8.count)
        text.withUTF8 { reader.read($0) }
        if let listing = reader.finish() { return listing }
        return ItemListing(try ItemCatalog.parse(csv: text, file: file))
    }

    /// The `items.csv` at `path` read a piece at a time, as `parse(csv:file:)` reads a clean file: never held
    /// whole. Nil when it is not clean, or not readable as UTF-8 text, for `parse` to report on.
    static func readingClean(fileAt path: String, expectedBytes: Int) -> ItemListing? {
        var reader = CleanReader(expectedBytes: expectedBytes)
        let read = LocalFile.forEachPiece(ofText: path) { piece in piece.withUTF8 { reader.read($0) } }
        return read ? reader.finish() : nil
    }

    /// Reads a clean `items.csv` into a listing, a piece of its bytes at a time, until it meets anything the
    /// catalog would report.
    private struct CleanReader {
        var listing = ItemListing()
        var scanner = CSVRecordScanner()
        var columns: [Int]?
        var clean = true

        init(expectedBytes: Int) {
            // Room for the three fields kept of each row, at most the whole file; pages never written cost nothing.
            listing.bytes.reserveCapacity(expectedBytes)
        }

        mutating func read(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard clean else { return }
            // Taken out while it reads, as each record it hands over changes the rest of the reader.
            var scanner = self.scanner
            self.scanner = CSVRecordScanner()
            scanner.scan(bytes) { take($0) }
            self.scanner = scanner
        }

        /// The listing, sorted by SKU; nil when the file was not clean.
        mutating func finish() -> ItemListing? {
            guard clean else { return nil }
            var scanner = self.scanner
            let (openQuote, _) = scanner.finish { take($0) }
            guard clean, !openQuote, columns != nil, listing.sortBySKU() else { return nil }
            return listing
        }

        private mutating func take(_ record: borrowing CSVRecord) {
            guard clean else { return }
            if let columns {
                clean = listing.appendIfClean(record, columns: columns)
            } else {
                let header = (0..<record.count).map { String(record.string($0).trimmingSpaces) }
                columns = try? CSVTable.columns(ItemCatalog.columns, in: header, file: "")
                clean = columns != nil
            }
        }
    }

    /// Digits with at most one point, 1 to 18 of them and not all zero: a number `ItemCatalog.number` reads
    /// exactly (`Decimal.exact`), so never one it reports.
    private static func isPlainNumber(_ bytes: ArraySlice<UInt8>) -> Bool {
        var (digits, points, nonZero) = (0, 0, false)
        for byte in bytes {
            switch byte {
            case 0x2E: points += 1
            case 0x30: digits += 1
            case 0x31...0x39:
                digits += 1
                nonZero = true
            default: return false
            }
        }
        return points <= 1 && (1...18).contains(digits) && nonZero
    }

    /// Adds the item of a row of `items.csv` when `ItemCatalog.parse` would read it without a word; false (and
    /// nothing added) otherwise.
    fileprivate mutating func appendIfClean(_ record: borrowing CSVRecord, columns index: [Int]) -> Bool {
        func field(_ column: Int) -> ArraySlice<UInt8> {
            let bytes = record.field(index[column])
            guard bytes.first == 0x20 || bytes.last == 0x20 || bytes.contains(where: { $0 >= 0x80 }) else {
                return bytes
            }
            // As the catalog reads it: the spaces around it trimmed.
            return ArraySlice(ItemCatalog.trimmed(String(decoding: bytes, as: UTF8.self)).utf8)
        }
        func text(_ column: Int) -> String { String(decoding: field(column), as: UTF8.self) }
        let sku = field(0)
        guard !sku.isEmpty, ItemCatalog.gtinProblem(utf8: field(1)) == nil else { return false }
        // The common numbers and flags are checked on their bytes; anything else as the catalog checks it.
        for column in [3, 4, 5, 6, 10] {
            guard Self.isPlainNumber(record.field(index[column])) || ItemCatalog.number(text(column)) != nil else {
                return false
            }
        }
        for column in [7, 8, 9] {
            let bytes = record.field(index[column])
            guard
                bytes.isEmpty || bytes.elementsEqual("false".utf8) || bytes.elementsEqual("true".utf8)
                    || ItemCatalog.flag(text(column)) != nil
            else { return false }
        }
        append(sku)
        append(field(1))
        append(field(2))
        return true
    }
}
