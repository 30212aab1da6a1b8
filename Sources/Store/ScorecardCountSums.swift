/// `ScorecardCountQuery.counts`' grouping done in Swift, over the rows of `facts`: SQLite groups by sorting every
/// row (a million POs cost it seconds), a hash of a few hundred groups costs a fraction of that. The sums are the
/// SQL's to the unit: the same key, the same four sums.
struct ScorecardCountSums {
    struct Key: Hashable {
        var retailer: String
        /// As SQLite stores them: comma-separated.
        var nodes: String?
        var feesAvoided: String?
        /// `ScorecardCountQuery.Packed`.
        var facts: Int64
    }

    struct Sums {
        var orders: Int64 = 0
        var units: Int64 = 0
        var cancelledOrders: Int64 = 0
        var cancelledUnits: Int64 = 0
    }

    var sums: [Key: Sums] = [:]
    /// The POs that are not plain: read as records.
    var unusual: Set<Int64> = []

    mutating func add(_ key: Key, unusual id: Int64?, units: Int64, cancelled: Int64) {
        if let id {
            unusual.insert(id)
            return
        }
        sums[key, default: Sums()].add(units: units, cancelled: cancelled)
    }

    /// The counts; nil when one holds a value the store does not know.
    func counts() -> [ScorecardCount]? {
        var counts: [ScorecardCount] = []
        counts.reserveCapacity(sums.count)
        for (key, sum) in sums {
            guard
                let count = ScorecardCountQuery.count(
                    retailer: key.retailer,
                    nodes: key.nodes.map { $0.split(separator: ",").map(String.init) } ?? [],
                    feesAvoided: key.feesAvoided, facts: key.facts, orders: sum.orders, units: sum.units,
                    cancelledOrders: sum.cancelledOrders, cancelledUnits: sum.cancelledUnits)
            else { return nil }
            counts.append(count)
        }
        return counts
    }
}

extension ScorecardCountSums.Sums {
    mutating func add(units: Int64, cancelled: Int64) {
        orders += 1
        self.units += units
        if cancelled > 0 { cancelledOrders += 1 }
        cancelledUnits += cancelled
    }
}
