public import Foundation
public import Orders
public import Profiles

/// The stock a replay asks "what if" of: per node and SKU (or every SKU of a node), the on hand at the start of the
/// window and the safety stock held, either left as recorded when not given. Read from a CSV with the columns of
/// `inventory.csv` (`dc,sku,on_hand,safety_stock`), where `sku` may be `*` (every SKU of the node), `on_hand` may
/// be empty (as recorded) and `safety_stock` may be empty (as recorded), a number of units or a percentage of on
/// hand (`10%`, rounded up).
public struct StockChanges: Hashable, Sendable {
    public struct Change: Hashable, Sendable {
        public var node: DCID
        /// Nil for every SKU of the node.
        public var sku: SKU?
        /// On hand at the start of the window; later movements (receipts, imports) keep happening as recorded.
        public var onHand: Int?
        public var safetyStock: SafetyStock?

        public init(node: DCID, sku: SKU?, onHand: Int? = nil, safetyStock: SafetyStock? = nil) {
            self.node = node
            self.sku = sku
            self.onHand = onHand
            self.safetyStock = safetyStock
        }
    }

    public enum SafetyStock: Hashable, Sendable {
        case units(Int)
        /// A percentage of on hand, rounded up to whole units.
        case percent(Decimal)

        public func units(of onHand: Int) -> Int {
            switch self {
            case .units(let units): return units
            case .percent(let percent):
                var exact = Decimal(onHand) * percent / 100
                var rounded = Decimal()
                NSDecimalRound(&rounded, &exact, 0, .up)
                return NSDecimalNumber(decimal: rounded).intValue
            }
        }
    }

    private var bySKU: [DCID: [SKU: Change]] = [:]
    private var byNode: [DCID: Change] = [:]

    public init(_ changes: [Change] = []) {
        for change in changes {
            if let sku = change.sku {
                bySKU[change.node, default: [:]][sku] = change
            } else {
                byNode[change.node] = change
            }
        }
    }

    public var isEmpty: Bool { bySKU.isEmpty && byNode.isEmpty }

    /// The change for `sku` at `node`: its own row, else its node's `*` row.
    public func change(at node: DCID, of sku: SKU) -> Change? { bySKU[node]?[sku] ?? byNode[node] }

    /// Reads the CSV; every problem names the file, the line and the field.
    public init(csv text: String, file: String, network: Network) throws(ProfileError) {
        let table = try CSVTable(parsing: text, file: file)
        let index = try table.columns(["dc", "sku", "on_hand", "safety_stock"], file: file)
        var changes: [Change] = []
        for row in table.rows {
            func field(_ column: Int) -> String {
                index[column] < row.fields.count ? row.fields[index[column]].trimmingCharacters(in: .whitespaces) : ""
            }
            func problem(_ column: Int, _ message: String) -> ProfileError {
                ProfileError(file: file, line: row.line, column: row.column(ofField: index[column]), message: message)
            }
            let node = DCID(field(0))
            guard network.node(node) != nil else {
                throw problem(0, "dc '\(field(0))' is not a node of the network")
            }
            guard !field(1).isEmpty else { throw problem(1, "sku is empty: name a SKU, or * for every SKU of \(node)") }
            var onHand: Int?
            if !field(2).isEmpty {
                guard let units = Int(field(2)), units >= 0 else {
                    throw problem(2, "on_hand '\(field(2))' is not a whole number ≥ 0 (or empty: as recorded)")
                }
                onHand = units
            }
            var safety: SafetyStock?
            let text = field(3)
            if text.hasSuffix("%") {
                guard let percent = Decimal(string: String(text.dropLast())), percent >= 0, percent <= 100 else {
                    throw problem(3, "safety_stock '\(text)' is not a percentage from 0% to 100%")
                }
                safety = .percent(percent)
            } else if !text.isEmpty {
                guard let units = Int(text), units >= 0 else {
                    throw problem(3, "safety_stock '\(text)' is not a whole number ≥ 0, a percentage or empty")
                }
                safety = .units(units)
            }
            guard onHand != nil || safety != nil else {
                throw problem(2, "the row changes nothing: give on_hand, safety_stock or both")
            }
            changes.append(
                Change(node: node, sku: field(1) == "*" ? nil : SKU(field(1)), onHand: onHand, safetyStock: safety))
        }
        self.init(changes)
    }
}
