public import Store

/// The store's committed figures are what feeds compute ATS from.
extension InventoryPosition: StockLevel {}

/// A whole-table read's rows too (what feeds read).
extension StockRow: StockLevel {}
