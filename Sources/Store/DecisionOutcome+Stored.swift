import Orders

extension DecisionOutcome {
    /// The outcome a decision row keeps, read back. Text that is no known case was written by hand or by another
    /// version; listing the order under a guessed outcome would misreport it, so it is an error naming the order.
    static func stored(_ text: String, order: OrderID, poNumber: PONumber, operation: String) throws(StoreError)
        -> DecisionOutcome
    {
        guard let outcome = DecisionOutcome(rawValue: text) else {
            throw StoreError(
                operation, code: .corrupt,
                reason: "order \(order) (PO \(poNumber.rawValue)) has decision outcome '\(text)', which is none of "
                    + allCases.map(\.rawValue).joined(separator: ", "))
        }
        return outcome
    }
}
