import Foundation
import Orders

/// The SQL both stores count plain POs with (`ScorecardCount`), and the condition that sends every other PO to the
/// record read: together each PO of the window once.
///
/// Every comparison is made as `Date` makes it: on seconds since 2001 (`x - 978307200.0`, the subtraction
/// `Date(timeIntervalSince1970:)` does, in the same IEEE doubles), so a verdict or a day comes out as
/// `ScorecardOrder`'s would, to the last bit. A day is found by the retailer's day starts: within a run of 24-hour
/// days by division (exact: the difference of two instants of the same run is exact, and a quotient below 31 cannot
/// round up to the next whole number), and a day of 23 or 25 hours by its own bounds.
struct ScorecardCountQuery {
    enum Dialect {
        case sqlite
        case postgres
    }

    let dialect: Dialect
    /// Retailers sharing day starts (seconds since 2001, whole), each group once.
    let zones: [(retailers: [String], starts: [Double])]
    /// `ScorecardWindow.valued`: retailers whose POs late or at risk of a violation priced by value are read as
    /// records.
    let valued: [RetailerID: ScorecardWindow.Priced]

    /// nil when a day start is not a whole second (no zone in use has such an offset): then every PO is read as a
    /// record.
    init?(_ dialect: Dialect, days: [RetailerID: [Date]], valued: [RetailerID: ScorecardWindow.Priced] = [:]) {
        self.dialect = dialect
        self.valued = valued
        // Outcomes 1… and 7 for an unknown one must fit `Packed`'s 3 bits.
        guard DecisionOutcome.allCases.count < 7 else { return nil }
        var zones: [(retailers: [String], starts: [Double])] = []
        for retailer in days.keys.sorted() {
            guard let dates = days[retailer], dates.count >= 2 else { continue }
            // A day index plus one must fit its 6 bits of `Packed`.
            guard dates.count <= 63 else { return nil }
            let starts = dates.map(\.timeIntervalSinceReferenceDate)
            for start in starts {
                guard start.isFinite, start == start.rounded(), abs(start) < 1e15 else { return nil }
            }
            if let at = zones.firstIndex(where: { $0.starts == starts }) {
                zones[at].retailers.append(retailer.rawValue)
            } else {
                zones.append(([retailer.rawValue], starts))
            }
        }
        self.zones = zones
    }

    /// A bound parameter: `since`, `until`, `retailer` ('' for all) or `asOf` (seconds since 2001).
    func parameter(_ name: String) -> String {
        switch dialect {
        case .sqlite: ":" + name
        case .postgres: ["since": "$1", "until": "$2", "retailer": "$3", "asOf": "$4"][name] ?? "NULL"
        }
    }

    func literal(_ seconds: Double) -> String {
        let text = "\(Int64(seconds)).0"
        return dialect == .postgres ? text + "::float8" : text
    }

    static func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }

    /// The column's instant in seconds since 2001.
    func sinceReference(_ column: String) -> String { "(\(column) - \(literal(978_307_200)))" }

    /// The decision's node when it has at most one (nil for none).
    var node: String {
        switch dialect {
        case .sqlite: "NULLIF(d.nodes, '')"
        case .postgres: "NULLIF(d.nodes[1], '')"
        }
    }

    var atMostOneNode: String {
        switch dialect {
        case .sqlite: "instr(COALESCE(d.nodes, ''), ',') = 0"
        case .postgres: "COALESCE(cardinality(d.nodes), 0) <= 1"
        }
    }

    func whole(_ expression: String) -> String {
        switch dialect {
        case .sqlite: "CAST(\(expression) AS INTEGER)"
        case .postgres: "floor(\(expression))::bigint"
        }
    }

    /// The 0-based day of the month `instant` (seconds since 2001) falls on for `p.retailer`; NULL outside the
    /// month or for another retailer.
    func day(_ instant: String) -> String {
        guard !zones.isEmpty else { return "NULL" }
        var sql = "CASE"
        for zone in zones {
            let names = zone.retailers.map(Self.quoted).joined(separator: ", ")
            sql += " WHEN p.retailer IN (\(names)) THEN " + day(instant, starts: zone.starts)
        }
        return sql + " END"
    }

    func day(_ instant: String, starts: [Double]) -> String {
        let days = starts.count - 1
        var sql = "(CASE WHEN \(instant) < \(literal(starts[0])) OR \(instant) >= \(literal(starts[days])) THEN NULL"
        var first = 0
        while first < days {
            guard starts[first + 1] - starts[first] == 86_400 else {
                sql += " WHEN \(instant) < \(literal(starts[first + 1])) THEN \(first)"
                first += 1
                continue
            }
            var end = first + 1
            while end < days, starts[end + 1] - starts[end] == 86_400 { end += 1 }
            let offset = whole("(\(instant) - \(literal(starts[first]))) / 86400")
            sql += " WHEN \(instant) < \(literal(starts[end])) THEN \(first) + \(offset)"
            first = end
        }
        return sql + " END)"
    }

    var asnKinds: String { ScorecardQuery.asnKinds.map(Self.quoted).joined(separator: ", ") }

    /// Whether the review of the shipment `s` flagged an unauthorized carrier (`ShipmentReview.flags`).
    var carrierFlagged: String { Self.carrierFlagged(dialect) }

    static func carrierFlagged(_ dialect: Dialect) -> String {
        let violation = quoted(ScorecardQuery.unauthorizedCarrier)
        return switch dialect {
        case .sqlite:
            """
            EXISTS (SELECT 1 FROM json_each(s.review_json, '$.flags') f
                WHERE json_extract(f.value, '$.violation') = \(violation))
            """
        case .postgres:
            """
            EXISTS (SELECT 1 FROM jsonb_array_elements(COALESCE(s.review_json::jsonb -> 'flags', '[]')) f
                WHERE f ->> 'violation' = \(violation))
            """
        }
    }

    /// `ScorecardOrder.shipVerdict(asOf:)` of a plain PO (its one shipment `s`, if any; never a retailer's cancel).
    var shipVerdict: String {
        let shipBy = sinceReference("d.ship_by")
        return """
            CASE WHEN d.ship_by IS NULL THEN NULL
                WHEN s.shipped_at IS NOT NULL AND \(sinceReference("s.shipped_at")) > \(shipBy) THEN 'L'
                WHEN p.state IN ('shipped', 'cancelled') THEN CASE WHEN s.shipped_at IS NULL THEN NULL ELSE 'O' END
                WHEN p.state IN ('open', 'released') THEN
                    CASE WHEN \(parameter("asOf")) > \(shipBy) THEN 'L' ELSE 'P' END
            END
            """
    }

    /// `ScorecardOrder.Shipment.asnVerdict(asOf:)` of the shipment `s`: its first ASN delivered by the deadline.
    var asnVerdict: String {
        let due = sinceReference("s.asn_due")
        let delivered = sinceReference("MIN(x.delivered_at)")
        return """
            CASE WHEN s.asn_due IS NULL THEN NULL ELSE COALESCE(
                (SELECT CASE WHEN MIN(x.delivered_at) IS NULL THEN NULL WHEN \(delivered) <= \(due) THEN 'O' ELSE 'L' END
                 FROM outbox x
                 WHERE x.shipment_id = s.id AND x.kind IN (\(asnKinds)) AND x.delivered_at IS NOT NULL),
                CASE WHEN \(parameter("asOf")) > \(due) THEN 'L' ELSE 'P' END) END
            """
    }

    /// POs received in the window, of its retailer (or all).
    var window: String {
        """
        p.received_at >= \(parameter("since")) AND p.received_at < \(parameter("until"))
            AND (\(parameter("retailer")) = '' OR p.retailer = \(parameter("retailer")))
        """
    }

    /// A PO counted in SQL, with `s` a shipment of it (NULL for none): no cancel from the floor or by the retailer,
    /// no negative count of cancelled units, and either no shipment, or one decision node and `s` its only
    /// shipment, from that node, with a carrier the profile allows; for a retailer of `valued`, besides, nothing
    /// a fee priced by value could be charged on (late or pending to ship or for its ASN, units cancelled, as it
    /// prices them): a count carries no order value.
    var plain: String {
        """
        NOT EXISTS (SELECT 1 FROM line_cancellation l WHERE l.order_id = p.id)
            AND COALESCE(o.cancelled_units, 0) >= 0
            AND (s.id IS NULL OR (\(atMostOneNode) AND s.node = \(node)
                AND NOT EXISTS (SELECT 1 FROM shipment x WHERE x.order_id = p.id AND x.id <> s.id)
                AND NOT \(carrierFlagged)))\(valued.isEmpty ? "" : "\n    AND " + unpriced)
        """
    }

    /// For a PO of a retailer of `valued`: nothing a fee priced by value is charged on, or at risk of one. Never
    /// NULL.
    var unpriced: String {
        func names(_ priced: ScorecardWindow.Priced) -> String? {
            let chosen = valued.filter { $0.value.contains(priced) }.keys.map(\.rawValue).sorted()
            return chosen.isEmpty ? nil : chosen.map(Self.quoted).joined(separator: ", ")
        }
        let conditions: [(ScorecardWindow.Priced, String)] = [
            (.shipping, "COALESCE(\(shipVerdict), 'O') NOT IN ('L', 'P')"),
            (.asn, "COALESCE(\(asnVerdict), 'O') NOT IN ('L', 'P')"),
            (.cancel, "COALESCE(o.cancelled_units, 0) = 0"),
        ]
        let clauses = conditions.compactMap { priced, condition in
            names(priced).map { "(p.retailer NOT IN (\($0)) OR \(condition))" }
        }
        return clauses.isEmpty ? "1 = 1" : "(" + clauses.joined(separator: "\n    AND ") + ")"
    }

    /// One row per PO (per shipment, for a PO of several): retailer, the decision's nodes, fees avoided, the PO's
    /// other facts in one integer (`Packed`: outcome, days, verdicts, an unknown state), the id of a PO that is not
    /// plain (NULL for the plain ones, whose other columns then mean nothing), units and cancelled units. One
    /// integer rather than seven columns: a million rows are read and hashed in a fraction of the time.
    var facts: String {
        let outcomes = DecisionOutcome.allCases.enumerated().map { "WHEN \(Self.quoted($1.rawValue)) THEN \($0 + 1)" }
        func code(_ verdict: String) -> String {
            "(CASE \(verdict) WHEN 'O' THEN 1 WHEN 'L' THEN 2 WHEN 'P' THEN 3 ELSE 0 END)"
        }
        func day(_ column: String) -> String { "(COALESCE(\(self.day(sinceReference(column))), -1) + 1)" }
        return """
            SELECT p.retailer AS retailer, d.nodes AS nodes, o.fees_avoided AS fees_avoided,
                (CASE WHEN d.outcome IS NULL THEN 0 ELSE (CASE d.outcome \(outcomes.joined(separator: " ")) ELSE 7 END) END)
                + \(Packed.receivedDay) * \(day("p.received_at"))
                + \(Packed.shipByDay) * \(day("d.ship_by"))
                + \(Packed.shipVerdict) * \(code(shipVerdict))
                + \(Packed.asnDay) * \(day("s.asn_due"))
                + \(Packed.asnVerdict) * \(code(asnVerdict))
                + \(Packed.shipped) * (CASE WHEN s.shipped_at IS NOT NULL
                    AND \(self.day(sinceReference("s.shipped_at"))) IS NOT NULL
                    AND \(sinceReference("s.shipped_at")) <= \(parameter("asOf")) THEN 1 ELSE 0 END)
                + \(Packed.unknownState)
                    * (CASE WHEN p.state IN ('open', 'released', 'shipped', 'cancelled') THEN 0 ELSE 1 END) AS facts,
                CASE WHEN \(plain) THEN NULL ELSE p.id END AS unusual,
                COALESCE(o.units, 0) AS units, COALESCE(o.cancelled_units, 0) AS cancelled
            FROM purchase_order p
            LEFT JOIN decision d ON d.order_id = p.id
            LEFT JOIN original_decision o ON o.order_id = p.id
            LEFT JOIN shipment s ON s.order_id = p.id
            WHERE \(window)
            """
    }

    /// Where each fact sits in `facts`' integer: the outcome (0 none, 1… `DecisionOutcome.allCases`, 7 unknown) in
    /// 3 bits, each day plus one (0: none or outside the month) in 6 bits, each verdict (0 none, 1 on time, 2 late,
    /// 3 pending) in 2 bits, a state the store does not know in 1, and whether the shipment was made in the month by
    /// `asOf` in 1.
    enum Packed {
        static let receivedDay: Int64 = 1 << 3
        static let shipByDay: Int64 = 1 << 9
        static let shipVerdict: Int64 = 1 << 15
        static let asnDay: Int64 = 1 << 17
        static let asnVerdict: Int64 = 1 << 23
        static let unknownState: Int64 = 1 << 25
        static let shipped: Int64 = 1 << 26
    }

    /// `facts` grouped: one row per `ScorecardCount` (and one or more per PO that is not plain), its POs, units, POs
    /// with cancelled units and cancelled units.
    var counts: String {
        let big = dialect == .postgres ? "::bigint" : ""
        return """
            SELECT retailer, nodes, fees_avoided, facts\(big), unusual, COUNT(*)\(big), SUM(units)\(big),
                SUM(CASE WHEN cancelled > 0 THEN 1 ELSE 0 END)\(big), SUM(cancelled)\(big)
            FROM (\(facts)) AS po
            GROUP BY retailer, nodes, fees_avoided, facts, unusual
            """
    }

    /// A row of `counts` as read: nil when a value is not one the store knows (an unknown outcome or state, fees
    /// avoided that are not money), for the record read to report.
    static func count(
        retailer: String, nodes: [String], feesAvoided: String?, facts: Int64, orders: Int64, units: Int64,
        cancelledOrders: Int64, cancelledUnits: Int64
    ) -> ScorecardCount? {
        func field(_ at: Int64, _ width: Int64) -> Int64 { facts / at % width }
        guard field(Packed.unknownState, 2) == 0, facts >= 0, facts < 2 * Packed.shipped else { return nil }
        var decided: DecisionOutcome?
        let outcome = Int(field(1, 8))
        if outcome > 0 {
            guard outcome <= DecisionOutcome.allCases.count else { return nil }
            decided = DecisionOutcome.allCases[outcome - 1]
        }
        var avoided: Money?
        if let feesAvoided, !feesAvoided.isEmpty {
            guard let money = Money(parsing: feesAvoided) else { return nil }
            avoided = money
        }
        func day(_ at: Int64) -> Int? { field(at, 64) == 0 ? nil : Int(field(at, 64) - 1) }
        func verdict(_ at: Int64) -> ScorecardCount.Verdict? {
            switch field(at, 4) {
            case 1: .onTime
            case 2: .late
            case 3: .pending
            default: nil
            }
        }
        return ScorecardCount(
            retailer: RetailerID(retailer), nodes: nodes.filter { !$0.isEmpty }.map(DCID.init(rawValue:)),
            outcome: decided, feesAvoided: avoided, receivedDay: day(Packed.receivedDay),
            shipByDay: day(Packed.shipByDay), shipVerdict: verdict(Packed.shipVerdict), asnDay: day(Packed.asnDay),
            asnVerdict: verdict(Packed.asnVerdict), orders: Int(orders), units: Int(units),
            cancelledOrders: Int(cancelledOrders), cancelledUnits: Int(cancelledUnits),
            shipped: field(Packed.shipped, 2) == 1)
    }
}
