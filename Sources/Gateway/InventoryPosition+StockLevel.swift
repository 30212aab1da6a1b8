public import Feeds
public import Store

/// The store's committed figures are what feeds compute ATS from; `Feeds` knows no store, so the conformance lives
/// where both are known.
extension InventoryPosition: StockLevel {}
