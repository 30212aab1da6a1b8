public import Foundation
public import Orders

/// What the store keeps of each PO's first decision (`OriginalDecision`), read back in the order the decisions
/// were recorded: what `dropgate replay` decides again and what the scorecard counts.
public protocol DecisionHistoryStore: Sendable {
    /// The POs received in `window`, first decided after the order `after` (nil: from the start), at most `limit`
    /// of them, in the order they were recorded. The order is the PO as first received (an earlier version when it
    /// was replaced or changed since). A caller pages with the last id it got.
    func originalDecisions(_ window: DecisionWindow, after: OrderID?, limit: Int) async throws(StoreError)
        -> [RecordedDecision]
}

/// Received in `[from, until)`, of one retailer or of all.
public struct DecisionWindow: Hashable, Sendable {
    public var from: Date
    public var until: Date?
    public var retailer: RetailerID?

    public init(from: Date, until: Date? = nil, retailer: RetailerID? = nil) {
        self.from = from
        self.until = until
        self.retailer = retailer
    }
}

/// A PO as first received and its first decision with what it read.
public struct RecordedDecision: Sendable {
    public var id: OrderID
    public var retailer: RetailerID
    public var receivedAt: Date
    public var decidedAt: Date
    public var outcome: DecisionOutcome
    public var order: PurchaseOrder
    public var original: OriginalDecision

    public init(
        id: OrderID, retailer: RetailerID, receivedAt: Date, decidedAt: Date, outcome: DecisionOutcome,
        order: PurchaseOrder, original: OriginalDecision
    ) {
        self.id = id
        self.retailer = retailer
        self.receivedAt = receivedAt
        self.decidedAt = decidedAt
        self.outcome = outcome
        self.order = order
        self.original = original
    }
}

extension DecisionHistoryStore {
    /// Every recorded decision of `window`, a page at a time, each page made into what `body` works on by
    /// `reading`. The next page is read and made (on another thread) while `body` works on this one.
    public func forEachOriginalDecision<Page: Sendable>(
        _ window: DecisionWindow, pageSize: Int = 5_000,
        reading: @escaping @Sendable ([RecordedDecision]) throws -> Page, _ body: (Page) throws -> Void
    ) async throws {
        func page(after: OrderID?) -> Task<(last: OrderID, page: Page)?, any Error> {
            Task {
                let records = try await originalDecisions(window, after: after, limit: pageSize)
                guard let last = records.last else { return nil }
                return (last.id, try reading(records))
            }
        }
        var next = page(after: nil)
        while let (last, current) = try await next.value {
            next = page(after: last)
            do {
                try body(current)
            } catch {
                next.cancel()
                throw error
            }
        }
    }

    /// Every recorded decision of `window`, a page at a time, to `body`.
    public func forEachOriginalDecision(
        _ window: DecisionWindow, pageSize: Int = 5_000, _ body: ([RecordedDecision]) throws -> Void
    ) async throws {
        try await forEachOriginalDecision(window, pageSize: pageSize, reading: { $0 }, body)
    }
}

/// The SQL both stores read a page with; `?`-style placeholders are the SQLite text, numbered ones PostgreSQL's.
enum OriginalDecisionQuery {
    /// Columns: id, retailer, received_at, decided_at, outcome, order_json, units, cancelled_units, fees_avoided,
    /// fees_incurred, figures, digest, inputs.
    static let columns = """
        o.order_id, o.retailer, o.received_at, o.decided_at, o.outcome,
        COALESCE(v.order_json, p.order_json), o.units, o.cancelled_units, o.fees_avoided, o.fees_incurred,
        o.figures, o.digest, o.inputs
        """
    static let joins = """
        FROM original_decision o
        JOIN purchase_order p ON p.id = o.order_id
        LEFT JOIN order_version v ON v.order_id = o.order_id AND v.version = 1
        """

    static func money(_ text: String, order: Int64, operation: String) throws(StoreError) -> Money? {
        guard !text.isEmpty else { return nil }
        guard let money = Money(parsing: text) else {
            throw StoreError(
                operation, code: .corrupt, reason: "order \(order) has a fee of '\(text)', not an amount of money")
        }
        return money
    }

    /// A page's row from its columns, as both stores read them.
    static func decision(
        id: Int64, retailer: String, receivedAt: Double, decidedAt: Double, outcome: String, orderJSON: String,
        units: Int, cancelledUnits: Int, feesAvoided: String, feesIncurred: String, figures: String, digest: String,
        inputs: String, operation: String
    ) throws(StoreError) -> RecordedDecision {
        let order = try StoreJSON.decode(PurchaseOrder.self, from: orderJSON, operation: operation)
        return RecordedDecision(
            id: OrderID(id), retailer: RetailerID(retailer), receivedAt: Date(timeIntervalSince1970: receivedAt),
            decidedAt: Date(timeIntervalSince1970: decidedAt),
            outcome: try DecisionOutcome.stored(
                outcome, order: OrderID(id), poNumber: order.poNumber, operation: operation),
            order: order,
            original: OriginalDecision(
                units: units, cancelledUnits: cancelledUnits,
                feesAvoided: try money(feesAvoided, order: id, operation: operation),
                feesIncurred: try money(feesIncurred, order: id, operation: operation), figures: figures,
                digest: digest, inputs: inputs))
    }
}
