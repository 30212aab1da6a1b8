public import Foundation
public import Orders

/// The durable record of the gateway. SQLite (one node, embedded default) implements it now; PostgreSQL (several
/// nodes) implements the same protocol.
public protocol OrderStore: Sendable {
    /// Keeps an inbound document before it is parsed, so that nothing is lost even when parsing fails.
    func keep(_ document: InboundDocument) throws(StoreError) -> DocumentID

    /// Records what became of an inbound document, with the problems found, one per line.
    func mark(_ document: DocumentID, status: DocumentStatus, problems: [String]) throws(StoreError)

    /// Records an order, its decision and its reservations in one transaction, unless the same PO (retailer, PO
    /// number, purpose) was recorded before: then nothing is written and the earlier order is named.
    func record(_ intake: OrderIntake) throws(StoreError) -> IntakeResult

    /// Keeps a document we produced.
    func keep(_ document: OutboundDocument) throws(StoreError)

    /// The next control number for a partner and a kind of number (`ISA13`, `GS06`, `ST02`), durable across
    /// restarts. Numbers start at 1 and wrap after `limit`.
    func nextControlNumber(partner: String, kind: String, limit: Int) throws(StoreError) -> Int

    /// Units held by accepted orders, by node and SKU.
    func reservedQuantities() throws(StoreError) -> [DCID: [SKU: Decimal]]

    /// Orders and units already planned at each node for ship day `day`, for the capacity check.
    func capacityUsed(shippingBetween start: Date, and end: Date) throws(StoreError) -> [DCID: (orders: Int, units: Decimal)]

    /// Every recorded order, oldest first.
    func orders() throws(StoreError) -> [OrderSummary]
}
