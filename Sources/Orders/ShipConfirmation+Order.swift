public import Foundation

extension ShipConfirmation {
    /// One PO line and the units of it this confirmation ships, over every package.
    public struct ShippedLine: Hashable, Sendable {
        public var line: OrderLine
        public var quantity: Decimal

        public init(line: OrderLine, quantity: Decimal) {
            self.line = line
            self.quantity = quantity
        }

        /// The shipped quantity at the PO's unit price, unrounded (X12 unit prices carry more decimals than cents);
        /// nil when the line has no price.
        public var amount: Money? { line.unitPrice.map { $0.multiplied(by: quantity) } }
    }

    /// The PO lines shipped, in the PO's line order, each with its quantity summed over the packages: what an ASN's
    /// items and an invoice's lines are written from.
    ///
    /// Throws `.lineNotOnOrder` naming the first packed line number the PO does not have (checked before anything
    /// is written: a document naming a line the retailer never ordered is refused whole), and `.nothingShipped`
    /// when no package holds a unit.
    public func shippedLines(of order: PurchaseOrder) throws(ShipmentError) -> [ShippedLine] {
        // A shipment holds a few lines: their totals are kept in a list searched in place, as the PO's lines are,
        // rather than in tables hashed for every document written (an ASN's, an invoice's).
        var totals: [(lineNumber: String, quantity: Decimal)] = []
        for package in packages {
            for item in package.contents {
                if let index = totals.firstIndex(where: { $0.lineNumber == item.lineNumber }) {
                    totals[index].quantity += item.quantity
                } else if order.lines.contains(where: { $0.lineNumber == item.lineNumber }) {
                    totals.append((item.lineNumber, item.quantity))
                } else {
                    throw ShipmentError(.lineNotOnOrder(item.lineNumber))
                }
            }
        }
        var result: [ShippedLine] = []
        result.reserveCapacity(totals.count)
        for line in order.lines {
            // Taken once: a line number the PO repeats is shipped on its first line.
            guard let index = totals.firstIndex(where: { $0.lineNumber == line.lineNumber }) else { continue }
            let quantity = totals.remove(at: index).quantity
            if quantity > 0 { result.append(ShippedLine(line: line, quantity: quantity)) }
        }
        guard !result.isEmpty else { throw ShipmentError(.nothingShipped) }
        return result
    }

    /// `shippedLines(of:)` for an invoice: every shipped line must carry a unit price on the PO, else
    /// `.lineWithoutPrice` names the first that does not.
    public func invoicedLines(of order: PurchaseOrder) throws(ShipmentError) -> [ShippedLine] {
        let lines = try shippedLines(of: order)
        if let unpriced = lines.first(where: { $0.line.unitPrice == nil }) {
            throw ShipmentError(.lineWithoutPrice(unpriced.line.lineNumber))
        }
        return lines
    }
}
