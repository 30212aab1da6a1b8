public import Orders
public import X12

extension X12StreamSet {
    /// The set mapped to a canonical change exactly as `X12Document.orderChanges()` maps it in the whole file
    /// (error locations in file coordinates); nil when the set is not an 860.
    public func orderChange(origin: String? = nil) -> Result<OrderChange, OrderX12Error>? {
        guard transactionSet.id == "860" else { return nil }
        do throws(OrderX12Error) {
            let (document, context) = documentAndContext
            return .success(try OrderChange(x12: context, in: document, origin: origin))
        } catch {
            return .failure(OrderX12Error(error.kind, at: fileLocation(error.location)))
        }
    }
}
