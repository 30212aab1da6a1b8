public import Orders
public import X12

extension X12StreamSet {
    /// The set mapped to a canonical order exactly as `X12Document.purchaseOrders()` maps it in the whole file
    /// (error locations in file coordinates); nil when the set is not an 850. One `memo` for a stream's sets makes
    /// the texts and numbers its orders repeat once.
    public func purchaseOrder(origin: String? = nil, memo: PurchaseOrderMemo? = nil)
        -> Result<PurchaseOrder, OrderX12Error>?
    {
        guard transactionSet.id == "850" else { return nil }
        do throws(OrderX12Error) {
            let (document, context) = documentAndContext
            return .success(try PurchaseOrder(x12: context, in: document, origin: origin, memo: memo))
        } catch {
            return .failure(OrderX12Error(error.kind, at: fileLocation(error.location)))
        }
    }
}
