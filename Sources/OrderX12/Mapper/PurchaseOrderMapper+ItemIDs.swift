import Orders
import X12

/// Reading a line's item numbers from the ten product ID qualifier/value pairs a PO1 (PO106–PO125) or a POC
/// (POC08–POC27) carries: one reading for both, so that a line added by an 860 names its item exactly as an 850 line
/// does.
extension PurchaseOrderMapper {
    /// A line's item numbers and how the document qualified them.
    struct ItemIDs {
        var buyerItemID: String? = nil
        var sku: SKU? = nil
        var gtin: String? = nil
        /// Each number's qualifier, at the place its pair would have in a PO1 (PO106 = 6), whatever segment it came
        /// from: an answer echoes the pairs in that order.
        var qualifiers = ItemQualifiers()

        /// Whether the pairs named any item number the order keeps.
        var isEmpty: Bool { buyerItemID == nil && sku == nil && gtin == nil }
    }

    /// The item numbers of the pairs from element `first` on (PO106: 6, POC08: 8): the first of each kind wins
    /// (`VN`/`VP`/`VA` ours, `IN`/`BP`/`SK`/`CB`/`PI` the buyer's, `UP`/`EN`/`UK`/`UA`/`UI` a GTIN); other
    /// qualifiers are read past. Inlined: the 850 mapper calls it for every line.
    @inline(__always)
    static func itemIDs(_ segment: borrowing X12SegmentFields, from first: Int) -> ItemIDs {
        var ids = ItemIDs()
        // The pairs the segment has: a PO1 of three pairs stops after them, not at PO124.
        let lastPair = min(first &+ 18, segment.count &- 1)
        var pair = first
        while pair <= lastPair {
            defer { pair &+= 2 }
            guard segment.range(pair + 1) != nil else { continue }
            var qualifier = segment.qualifier(pair)
            if qualifier == .invalid { qualifier = X12QualifierCode.productQualifier(segment[pair]) }
            let position = pair &- first &+ 6
            switch qualifier {
            case X12QualifierCode.vn, X12QualifierCode.vp, X12QualifierCode.va:
                if ids.sku == nil {
                    ids.sku = segment[pair + 1].map(SKU.init(rawValue:))
                    ids.qualifiers.sku = .init(
                        code: X12QualifierCode.productQualifierText(qualifier), position: position)
                }
            case X12QualifierCode.in, X12QualifierCode.bp, X12QualifierCode.sk, X12QualifierCode.cb,
                X12QualifierCode.pi:
                if ids.buyerItemID == nil {
                    ids.buyerItemID = segment[pair + 1]
                    ids.qualifiers.buyer = .init(
                        code: X12QualifierCode.productQualifierText(qualifier), position: position)
                }
            case X12QualifierCode.up, X12QualifierCode.en, X12QualifierCode.uk, X12QualifierCode.ua,
                X12QualifierCode.ui:
                if ids.gtin == nil {
                    ids.gtin = segment[pair + 1]
                    ids.qualifiers.gtin = .init(
                        code: X12QualifierCode.productQualifierText(qualifier), position: position)
                }
            default: break
            }
        }
        return ids
    }
}
