import Orders

extension OrderLine {
    /// The line's item numbers as X12 qualifier/value pairs (PO106 onwards in an 855, LIN02 in an 856, IT106 in an
    /// 810, POC08 in an 865), each under the qualifier the PO used and in its order, since retailers match lines on
    /// them; an item number the PO did not qualify (an order from XML) goes under VN (ours), IN (the buyer's) or
    /// UP/EN (a GTIN by its length).
    var x12ItemPairs: [String?] {
        Self.x12ItemPairs(buyerItemID: buyerItemID, sku: sku, gtin: gtin, qualifiers: itemQualifiers)
    }

    /// `x12ItemPairs` of a line with these item numbers and qualifiers: for an answer that echoes a line's numbers
    /// without holding the line (an 865's POC).
    static func x12ItemPairs(buyerItemID: String?, sku: SKU?, gtin: String?, qualifiers: ItemQualifiers?)
        -> [String?]
    {
        let qualifiers = qualifiers ?? ItemQualifiers()
        var pairs: [(position: Int, qualifier: String, value: String)] = []
        if let buyerItemID {
            pairs.append((qualifiers.buyer?.position ?? 100, qualifiers.buyer?.code ?? "IN", buyerItemID))
        }
        if let sku {
            pairs.append((qualifiers.sku?.position ?? 101, qualifiers.sku?.code ?? "VN", sku.rawValue))
        }
        if let gtin {
            pairs.append(
                (qualifiers.gtin?.position ?? 102, qualifiers.gtin?.code ?? (gtin.count == 12 ? "UP" : "EN"), gtin))
        }
        return pairs.sorted { $0.position < $1.position }.flatMap { [$0.qualifier, $0.value] }
    }
}
