public import Foundation
public import Orders

/// An invoice for one shipment of one order, for the cXML `InvoiceDetailRequest` (the counterpart of an X12 810):
/// one item per PO line shipped, at the PO's unit price, and the summary the cXML InvoiceDetail DTD asks for.
public struct InvoiceDetail: Hashable, Sendable {
    /// `InvoiceDetailRequestHeader/@invoiceID`: our invoice number, unique per buyer.
    public var invoiceID: String
    public var invoiceDate: Date
    /// The currency of every amount (the order's).
    public var currency: CurrencyCode
    public var lines: [Line]
    /// `InvoiceDetailSummary/Tax`: zero when no tax is charged (the element is mandatory).
    public var tax: Decimal

    public init(invoiceID: String, invoiceDate: Date, currency: CurrencyCode, lines: [Line], tax: Decimal = 0) {
        self.invoiceID = invoiceID
        self.invoiceDate = invoiceDate
        self.currency = currency
        self.lines = lines
        self.tax = tax
    }

    public struct Line: Hashable, Sendable {
        /// The PO line invoiced (`InvoiceDetailItemReference/@lineNumber`).
        public var lineNumber: String
        public var quantity: Decimal
        public var unit: UnitOfMeasure
        public var unitPrice: Decimal
        public var sku: SKU?
        public var buyerItemID: String?

        public init(
            lineNumber: String, quantity: Decimal, unit: UnitOfMeasure = .each, unitPrice: Decimal, sku: SKU? = nil,
            buyerItemID: String? = nil
        ) {
            self.lineNumber = lineNumber
            self.quantity = quantity
            self.unit = unit
            self.unitPrice = unitPrice
            self.sku = sku
            self.buyerItemID = buyerItemID
        }

        /// `SubtotalAmount`: quantity × unit price, rounded to the cent (half away from zero).
        public var subtotal: Decimal { (quantity * unitPrice).roundedToCents }
    }

    /// `InvoiceDetailSummary/SubtotalAmount`: the sum of the lines' rounded subtotals, so that the lines add up to
    /// it exactly as the buyer checks.
    public var subtotal: Decimal { lines.reduce(0) { $0 + $1.subtotal } }

    /// `NetAmount` and `DueAmount`: subtotal plus tax (no charges, allowances or discounts are invoiced here).
    public var net: Decimal { subtotal + tax }

}

extension InvoiceDetail {
    /// The invoice of what `confirmation` shipped against `order`: one line per PO line shipped, in the PO's order,
    /// at the PO's unit price and in its unit, with our SKU (the packed one when the PO gave none) and the buyer's
    /// item id.
    ///
    /// Throws `ShipmentError` when a package holds a line the PO does not have, when a shipped line has no price on
    /// the PO (the line is named: an invoice line without a price is wrong in meaning), or when nothing shipped.
    public init(
        _ confirmation: ShipConfirmation, for order: PurchaseOrder, invoiceID: String, invoiceDate: Date,
        tax: Decimal = 0
    ) throws(ShipmentError) {
        let shipped = try confirmation.invoicedLines(of: order)
        let packedSKUs = Dictionary(
            confirmation.packages.flatMap(\.contents).map { ($0.lineNumber, $0.sku) }, uniquingKeysWith: { a, _ in a })
        self.init(
            invoiceID: invoiceID, invoiceDate: invoiceDate, currency: order.currency,
            lines: shipped.map {
                Line(
                    lineNumber: $0.line.lineNumber, quantity: $0.quantity, unit: $0.line.unit,
                    unitPrice: $0.line.unitPrice?.amount ?? 0, sku: $0.line.sku ?? packedSKUs[$0.line.lineNumber],
                    buyerItemID: $0.line.buyerItemID)
            },
            tax: tax)
    }
}

extension CXMLWriter {
    /// A cXML `InvoiceDetailRequest` for `order` under the InvoiceDetail DTD of `version`, as cXML 1.2.050 orders
    /// it: a header (standard purpose, new operation, line-level detail), one `InvoiceDetailOrder` referencing the
    /// order with an `InvoiceDetailItem` per line (UnitOfMeasure, UnitPrice, InvoiceDetailItemReference,
    /// SubtotalAmount), and `InvoiceDetailSummary` (SubtotalAmount, Tax, NetAmount, DueAmount).
    public func makeInvoiceDetailRequest(for order: PurchaseOrder, invoice: InvoiceDetail, envelope: CXMLEnvelope)
        -> String
    {
        var writer = start(envelope, dtd: "InvoiceDetail.dtd")
        let currency = [("currency", Optional(invoice.currency.rawValue))]
        func money(_ name: String, _ amount: Decimal, into writer: inout XMLTextWriter) {
            writer.start(name)
            writer.element("Money", currency, text: XMLTextWriter.number(amount))
            writer.end()
        }
        writer.start("InvoiceDetailRequest")
        writer.start(
            "InvoiceDetailRequestHeader",
            [
                ("invoiceID", invoice.invoiceID), ("purpose", "standard"), ("operation", "new"),
                ("invoiceDate", timestamp(invoice.invoiceDate, envelope)),
            ])
        writer.element("InvoiceDetailHeaderIndicator")
        writer.element("InvoiceDetailLineIndicator")
        writer.end()
        writer.start("InvoiceDetailOrder")
        writer.start("InvoiceDetailOrderInfo")
        orderReference(order, into: &writer)
        writer.end()
        for (index, line) in invoice.lines.enumerated() {
            writer.start(
                "InvoiceDetailItem",
                [("invoiceLineNumber", String(index + 1)), ("quantity", XMLTextWriter.number(line.quantity))])
            writer.element("UnitOfMeasure", text: line.unit.rawValue)
            money("UnitPrice", line.unitPrice, into: &writer)
            writer.start("InvoiceDetailItemReference", [("lineNumber", line.lineNumber)])
            if let sku = line.sku {
                writer.start("ItemID")
                writer.element("SupplierPartID", text: sku.rawValue)
                if let buyer = line.buyerItemID { writer.element("BuyerPartID", text: buyer) }
                writer.end()
            }
            writer.end()
            money("SubtotalAmount", line.subtotal, into: &writer)
            writer.end()
        }
        writer.end()
        writer.start("InvoiceDetailSummary")
        money("SubtotalAmount", invoice.subtotal, into: &writer)
        writer.start("Tax")
        writer.element("Money", currency, text: XMLTextWriter.number(invoice.tax))
        writer.element("Description", [("xml:lang", "en-US")], text: invoice.tax == 0 ? "No tax" : "Sales tax")
        writer.end()
        money("NetAmount", invoice.net, into: &writer)
        money("DueAmount", invoice.net, into: &writer)
        writer.end()
        return finish(&writer)
    }
}
