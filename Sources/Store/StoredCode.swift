import Orders

/// A string code the store keeps in a column (an outcome, a state), read back. Text that is no known case was
/// written by hand or by another version; reading it as a guessed case would misreport the row, so it is a
/// `.corrupt` error that names the row and the text.
protocol StoredCode: RawRepresentable, CaseIterable where RawValue == String {
    /// What the column holds, for the message: `decision outcome`, `delivery outcome`.
    static var storedName: String { get }
}

extension StoredCode {
    /// `text` as a case, or an error naming `row` (`order 2 (PO 4792190417)`, `feed run 7`) and the text.
    static func stored(_ text: String, row: String, operation: String) throws(StoreError) -> Self {
        guard let value = Self(rawValue: text) else {
            throw StoreError(
                operation, code: .corrupt,
                reason: "\(row) has \(storedName) '\(text)', which is none of "
                    + allCases.map(\.rawValue).joined(separator: ", "))
        }
        return value
    }
}

extension DecisionOutcome: StoredCode {
    static var storedName: String { "decision outcome" }

    /// The outcome a decision row keeps, read back.
    static func stored(_ text: String, order: OrderID, poNumber: PONumber, operation: String) throws(StoreError)
        -> DecisionOutcome
    {
        try stored(text, row: "order \(order) (PO \(poNumber.rawValue))", operation: operation)
    }
}

extension DeliveryOutcome: StoredCode {
    static var storedName: String { "delivery outcome" }
}

extension FeedRunState: StoredCode {
    static var storedName: String { "state" }
}

extension FeedAcceptance: StoredCode {
    static var storedName: String { "acceptance" }
}

extension AcknowledgementStatus: StoredCode {
    static var storedName: String { "acknowledgement status" }
}
