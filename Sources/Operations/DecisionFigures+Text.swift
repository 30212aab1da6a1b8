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

    /// Reads `encoded` back, from the text's bytes in place: a replay reads a million of these.
    public init(encoded text: String) throws(DecisionFiguresError) {
        var bytes = text
        let result: Result<DecisionFigures, DecisionFiguresError> = bytes.withUTF8 { bytes in
            do throws(DecisionFiguresError) {
                return .success(try Self.read(bytes, text: text))
            } catch {
                return .failure(error)
            }
        }
        self = try result.get()
    }

    private static func read(_ bytes: UnsafeBufferPointer<UInt8>, text: String) throws(DecisionFiguresError)
        -> DecisionFigures
    {
        func fail(_ expected: String) -> DecisionFiguresError { DecisionFiguresError(text: text, expected: expected) }
        func string(_ range: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }
        // The first five fields end at a tab; the summary is the rest.
        var fields: [Range<Int>] = []
        var start = 0
        for index in bytes.indices where bytes[index] == UInt8(ascii: "\t") && fields.count < 5 {
            fields.append(start..<index)
            start = index + 1
        }
        guard fields.count == 5 else { throw fail("6 tab-separated fields") }
        fields.append(start..<bytes.count)
        guard let outcome = DecisionOutcome(rawValue: string(fields[0])) else { throw fail("an outcome first") }
        var shipBy: Date?
        if string(fields[1]) != "-" {
            guard let seconds = Double(string(fields[1])) else {
                throw fail("ship-by as seconds since 1970, or -")
            }
            shipBy = Date(timeIntervalSince1970: seconds)
        }
        guard let cancelled = Int(string(fields[2])), let backordered = Int(string(fields[3])) else {
            throw fail("units cancelled and backordered as whole numbers")
        }
        var shipments: [ShipmentFigure] = []
        for shipment in pieces(of: fields[4], in: bytes, at: UInt8(ascii: ";")) {
            let parts = pieces(of: shipment, in: bytes, at: UInt8(ascii: "|"), keepingEmpty: true)
            guard parts.count == 4, let day = CalendarDate(parsing: string(parts[1])) else {
                throw fail("a shipment as node|day|service|lines, got '\(string(shipment))'")
            }
            var lines: [ShipmentFigure.Line] = []
            for line in pieces(of: parts[3], in: bytes, at: UInt8(ascii: ",")) {
                let halves = pieces(of: line, in: bytes, at: UInt8(ascii: "*"))
                guard halves.count == 2, let quantity = Int(string(halves[1])) else {
                    throw fail("a line as sku*quantity, got '\(string(line))'")
                }
                lines.append(.init(sku: SKU(unescaped(string(halves[0]))), quantity: quantity))
            }
            shipments.append(
                ShipmentFigure(
                    node: DCID(unescaped(string(parts[0]))), day: day,
                    service: CarrierServiceID(unescaped(string(parts[2]))), lines: lines))
        }
        return DecisionFigures(
            outcome: outcome, shipBy: shipBy, shipments: shipments, cancelledUnits: cancelled,
            backorderedUnits: backordered, summary: string(fields[5]))
    }

    /// `range` of `bytes` split at `separator`, empty pieces left out unless `keepingEmpty` (as `split` does).
    private static func pieces(
        of range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>, at separator: UInt8, keepingEmpty: Bool = false
    ) -> [Range<Int>] {
        var pieces: [Range<Int>] = []
        var start = range.lowerBound
        for index in range.lowerBound...range.upperBound where index == range.upperBound || bytes[index] == separator {
            if keepingEmpty || index > start { pieces.append(start..<index) }
            start = index + 1
        }
        return pieces
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

    static func unescaped(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return text }
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
