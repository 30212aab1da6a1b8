public import Foundation
public import Orders

/// The text the store keeps a decision's inputs as: one line a fact, tab-separated, read back fast and exactly.
///
///     s <node> <sku> <available> [<on hand> <safety stock> <surplus>]
///     u <node> <orders> <units>
///     i <node> <sku> <due day> <quantity>
///     w <the node switches as JSON>
///
/// Node ids and SKUs escape `%`, tab, CR and LF as `%25`, `%09`, `%0D`, `%0A`.
extension DecisionInputs {
    public var encoded: String {
        var text = ""
        for position in stock {
            text += "s\t\(Self.escaped(position.node.rawValue))\t\(Self.escaped(position.sku.rawValue))\t"
            text += String(position.available)
            if let stocked = position.stocked {
                text += "\t\(stocked.onHand)\t\(stocked.safetyStock)\t\(stocked.surplus)"
            }
            text += "\n"
        }
        for (node, usage) in usage.sorted(by: { $0.key < $1.key }) {
            text += "u\t\(Self.escaped(node.rawValue))\t\(usage.orders)\t\(usage.units)\n"
        }
        for row in inbound {
            text += "i\t\(Self.escaped(row.node.rawValue))\t\(Self.escaped(row.sku.rawValue))\t\(row.due)\t"
            text += "\(row.quantity)\n"
        }
        if !switches.isEmpty {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .secondsSince1970
            // A switch is plain values: encoding cannot fail.
            let json = (try? encoder.encode(switches)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
            text += "w\t\(json)\n"
        }
        return text
    }

    /// Reads `encoded` back; a line it cannot read is an error naming the line. Read from the text's bytes in
    /// place: a replay reads a million of these.
    public init(encoded text: String) throws(DecisionInputsError) {
        var text = text
        let result: Result<DecisionInputs, DecisionInputsError> = text.withUTF8 { bytes in
            do throws(DecisionInputsError) {
                return .success(try Self.read(bytes))
            } catch {
                return .failure(error)
            }
        }
        self = try result.get()
    }

    private static func read(_ bytes: UnsafeBufferPointer<UInt8>) throws(DecisionInputsError) -> DecisionInputs {
        var stock: [Position] = []
        var usage: [DCID: DailyUsage] = [:]
        var inbound: [InboundRow] = []
        var switches: [NodeSwitch] = []
        var lineNumber = 0
        var start = 0
        // Where each of a line's (at most 7) tab-separated fields starts and ends.
        var bounds = [Range<Int>](repeating: 0..<0, count: 8)
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            defer { start = end + 1 }
            guard end > start else { continue }
            lineNumber += 1
            var count = 0
            var fieldStart = start
            for index in start...end where index == end || bytes[index] == UInt8(ascii: "\t") {
                if count < bounds.count { bounds[count] = fieldStart..<index }
                count += 1
                fieldStart = index + 1
            }
            let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
            func fail(_ expected: String) -> DecisionInputsError {
                DecisionInputsError(line: lineNumber, text: String(decoding: line, as: UTF8.self), expected: expected)
            }
            func int(_ index: Int) throws(DecisionInputsError) -> Int {
                guard index < count,
                    let value = Int(digits: UnsafeBufferPointer(rebasing: bytes[bounds[index]]), allowsPlus: true)
                else {
                    throw fail("a whole number in field \(index + 1)")
                }
                return value
            }
            func word(_ index: Int) throws(DecisionInputsError) -> String {
                guard index < count, !bounds[index].isEmpty else { throw fail("a value in field \(index + 1)") }
                return Self.unescaped(
                    String(decoding: UnsafeBufferPointer(rebasing: bytes[bounds[index]]), as: UTF8.self))
            }
            let kind = bounds[0].count == 1 ? bytes[bounds[0].lowerBound] : 0
            switch kind {
            case UInt8(ascii: "s") where count == 4 || count == 7:
                stock.append(
                    Position(
                        node: DCID(try word(1)), sku: SKU(try word(2)), available: try int(3),
                        stocked: count == 7
                            ? .init(onHand: try int(4), safetyStock: try int(5), surplus: try int(6)) : nil))
            case UInt8(ascii: "u") where count == 4:
                usage[DCID(try word(1))] = DailyUsage(orders: try int(2), units: try int(3))
            case UInt8(ascii: "i") where count == 5:
                guard let due = CalendarDate(parsing: try word(3)) else { throw fail("a day (YYYY-MM-DD) in field 4") }
                inbound.append(
                    InboundRow(node: DCID(try word(1)), sku: SKU(try word(2)), quantity: try int(4), due: due))
            case UInt8(ascii: "w") where count == 2:
                let decoder = JSONDecoder()
                decoder.dateDecodingStrategy = .secondsSince1970
                do {
                    switches = try decoder.decode([NodeSwitch].self, from: Data(bytes[bounds[1]]))
                } catch {
                    throw fail("the node switches as JSON (\(error))")
                }
            default:
                throw fail("s, u, i or w and its fields")
            }
        }
        return DecisionInputs(stock: stock, usage: usage, inbound: inbound, switches: switches)
    }

    static func escaped(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x25 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return text }
        return text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\t", with: "%09")
            .replacingOccurrences(of: "\n", with: "%0A").replacingOccurrences(of: "\r", with: "%0D")
    }

    static func unescaped(_ text: String) -> String {
        guard text.utf8.contains(0x25) else { return text }
        return text.replacingOccurrences(of: "%09", with: "\t").replacingOccurrences(of: "%0A", with: "\n")
            .replacingOccurrences(of: "%0D", with: "\r").replacingOccurrences(of: "%25", with: "%")
    }
}

/// A line of a decision's kept inputs that does not read: which line, what it says, what was expected.
public struct DecisionInputsError: Error, Sendable, CustomStringConvertible {
    public var line: Int
    public var text: String
    public var expected: String

    public var description: String { "decision inputs line \(line) ('\(text)'): expected \(expected)" }
}
