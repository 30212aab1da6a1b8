import Foundation
public import Orders
public import Profiles

/// The line the store keeps a decision's figures as, tab-separated:
///
///     <outcome> <ship-by> <cancelled units> <backordered units> <shipments> <summary>
///
/// where ship-by is seconds since 1970 (`-` for none),
/// and each shipment is `node|day|service|sku*quantity,sku*quantity` and shipments are joined by `;`. Node ids,
/// SKUs and services escape `%`, tab, LF, CR, `|`, `;`, `,` and `*` as `%XX`; the summary, last, is kept as it is
/// with its tabs and line breaks as spaces.
extension DecisionFigures {
    public var encoded: String {
        let plan = shipments.map { shipment in
            [
                Self.escaped(shipment.node.rawValue), shipment.day.description,
                Self.escaped(shipment.service.rawValue),
                shipment.lines.map { "\(Self.escaped($0.sku.rawValue))*\($0.quantity)" }.joined(separator: ","),
            ].joined(separator: "|")
        }.joined(separator: ";")
        let why = String(summary.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 })
        let shipBy = self.shipBy.map { String($0.timeIntervalSince1970) } ?? "-"
        return "\(outcome.rawValue)\t\(shipBy)\t\(cancelledUnits)\t\(backorderedUnits)\t\(plan)\t\(why)"
    }

    public init(encoded text: String) throws(DecisionFiguresError) {
        let fields = text.split(separator: "\t", maxSplits: 5, omittingEmptySubsequences: false)
        func fail(_ expected: String) -> DecisionFiguresError { DecisionFiguresError(text: text, expected: expected) }
        guard fields.count == 6 else { throw fail("6 tab-separated fields") }
        guard let outcome = DecisionOutcome(rawValue: String(fields[0])) else { throw fail("an outcome first") }
        var shipBy: Date?
        if fields[1] != "-" {
            guard let seconds = Double(fields[1]) else { throw fail("ship-by as seconds since 1970, or -") }
            shipBy = Date(timeIntervalSince1970: seconds)
        }
        guard let cancelled = Int(fields[2]), let backordered = Int(fields[3]) else {
            throw fail("units cancelled and backordered as whole numbers")
        }
        var shipments: [ShipmentFigure] = []
        for shipment in fields[4].split(separator: ";") {
            let parts = shipment.split(separator: "|", omittingEmptySubsequences: false)
            guard parts.count == 4, let day = CalendarDate(parsing: parts[1]) else {
                throw fail("a shipment as node|day|service|lines, got '\(shipment)'")
            }
            var lines: [ShipmentFigure.Line] = []
            for line in parts[3].split(separator: ",") {
                let halves = line.split(separator: "*")
                guard halves.count == 2, let quantity = Int(halves[1]) else {
                    throw fail("a line as sku*quantity, got '\(line)'")
                }
                lines.append(.init(sku: SKU(Self.unescaped(halves[0])), quantity: quantity))
            }
            shipments.append(
                ShipmentFigure(
                    node: DCID(Self.unescaped(parts[0])), day: day,
                    service: CarrierServiceID(Self.unescaped(parts[2])), lines: lines))
        }
        self.init(
            outcome: outcome, shipBy: shipBy, shipments: shipments, cancelledUnits: cancelled,
            backorderedUnits: backordered, summary: String(fields[5]))
    }

    private static let reserved: Set<Character> = ["%", "\t", "\n", "\r", "|", ";", ",", "*"]

    static func escaped(_ text: String) -> String {
        guard text.contains(where: reserved.contains) else { return text }
        var result = ""
        for character in text {
            if reserved.contains(character), let ascii = character.asciiValue {
                result += "%" + (ascii < 16 ? "0" : "") + String(ascii, radix: 16, uppercase: true)
            } else {
                result.append(character)
            }
        }
        return result
    }

    static func unescaped(_ text: Substring) -> String {
        guard text.contains("%") else { return String(text) }
        var bytes: [UInt8] = []
        var index = text.utf8.startIndex
        let utf8 = text.utf8
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "%"), let first = utf8.index(index, offsetBy: 1, limitedBy: utf8.endIndex),
                let second = utf8.index(first, offsetBy: 1, limitedBy: utf8.endIndex), second < utf8.endIndex,
                let value = UInt8(String(decoding: [utf8[first], utf8[second]], as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                index = utf8.index(after: second)
            } else {
                bytes.append(byte)
                index = utf8.index(after: index)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Kept figures that do not read: the text and what was expected.
public struct DecisionFiguresError: Error, Sendable, CustomStringConvertible {
    public var text: String
    public var expected: String

    public var description: String { "decision figures '\(text)': expected \(expected)" }
}
