import Orders

extension OrderLine {
    /// The line's item numbers as X12 qualifier/value pairs (PO106 onwards in an 855, LIN02 in an 856, IT106 in an
    /// 810, POC08 in an 865), each under the qualifier the PO used and in its order, since retailers match lines on
    /// them; an item number the PO did not qualify (an order from XML) goes under VN (ours), IN (the buyer's) or
    /// UP/EN (a GTIN by its length).
    var x12ItemPairs: [String?] {
        var pairs: [String?] = []
        appendX12ItemPairs(to: &pairs)
        return pairs
    }

    /// `x12ItemPairs` appended to a segment's elements as they are made: no array of its own for every line.
    func appendX12ItemPairs(to elements: inout [String?]) {
        Self.appendX12ItemPairs(
            buyerItemID: buyerItemID, sku: sku, gtin: gtin, qualifiers: itemQualifiers, to: &elements)
    }

    /// `x12ItemPairs` written as a segment's next elements.
    func writeX12ItemPairs(to segment: inout some X12SegmentSink) {
        Self.forEachX12ItemPair(buyerItemID: buyerItemID, sku: sku, gtin: gtin, qualifiers: itemQualifiers) {
            segment.element($0)
            segment.element($1)
        }
    }

    /// `x12ItemPairs` of a line with these item numbers and qualifiers: for an answer that echoes a line's numbers
    /// without holding the line (an 865's POC).
    static func x12ItemPairs(buyerItemID: String?, sku: SKU?, gtin: String?, qualifiers: ItemQualifiers?)
        -> [String?]
    {
        var pairs: [String?] = []
        appendX12ItemPairs(buyerItemID: buyerItemID, sku: sku, gtin: gtin, qualifiers: qualifiers, to: &pairs)
        return pairs
    }

    static func appendX12ItemPairs(
        buyerItemID: String?, sku: SKU?, gtin: String?, qualifiers: ItemQualifiers?, to elements: inout [String?]
    ) {
        forEachX12ItemPair(buyerItemID: buyerItemID, sku: sku, gtin: gtin, qualifiers: qualifiers) {
            elements.append($0)
            elements.append($1)
        }
    }

    /// Each qualifier and item number, in the PO's order.
    static func forEachX12ItemPair(
        buyerItemID: String?, sku: SKU?, gtin: String?, qualifiers: ItemQualifiers?,
        _ body: (_ qualifier: String, _ value: String) -> Void
    ) {
        // At most three pairs, put in the PO's order by insertion (stable, as a sort was) in place.
        var pairs: [(position: Int, qualifier: String, value: String)] = []
        pairs.reserveCapacity(3)
        func insert(_ position: Int, _ qualifier: String, _ value: String) {
            let index = pairs.firstIndex { $0.position > position } ?? pairs.endIndex
            pairs.insert((position, qualifier, value), at: index)
        }
        if let buyerItemID {
            insert(qualifiers?.buyer?.position ?? 100, qualifiers?.buyer?.code ?? "IN", buyerItemID)
        }
        if let sku {
            insert(qualifiers?.sku?.position ?? 101, qualifiers?.sku?.code ?? "VN", sku.rawValue)
        }
        if let gtin {
            insert(qualifiers?.gtin?.position ?? 102, qualifiers?.gtin?.code ?? (gtin.count == 12 ? "UP" : "EN"), gtin)
        }
        for pair in pairs { body(pair.qualifier, pair.value) }
    }
}
