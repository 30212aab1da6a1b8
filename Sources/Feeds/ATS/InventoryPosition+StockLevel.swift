public import Store

/// The store's committed figures are what feeds compute ATS from.
extension InventoryPosition: StockLevel {}
