import Foundation
import TestSupport
import Testing

@testable import Orders

/// The order's hand-written JSON (`PurchaseOrder+CompactJSON.swift`) must be byte for byte what its `encode(to:)`
/// writes through the same encoder: the same keys in the same order, nils left out, empty arrays kept. Random orders
/// set every field, or leave every optional one out, so that a field added to a type but not to its writer fails.
@Suite("hand-written order JSON")
struct CompactJSONWritableTests {
    struct Random {
        var generator: SplitMix

        mutating func chance() -> Bool { Bool.random(using: &generator) }
        mutating func number(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &generator) }

        /// Text with what JSON must escape (quotes, backslashes, control characters) and what it must not (UTF-8).
        mutating func text() -> String {
            let pieces = ["PO", "42", "\"", "\\", "\n", "\t", "\u{01}", "é", "日本", "🚚", " ", "&<>", "/", "\u{7F}"]
            return (0..<number(0...6)).map { _ in pieces[number(0...(pieces.count - 1))] }.joined()
        }

        mutating func maybe<T>(_ make: (inout Random) -> T) -> T? { chance() ? make(&self) : nil }

        mutating func day() -> CalendarDate { CalendarDate(ordinal: number(-30_000...60_000)) }

        mutating func decimal() -> Decimal {
            [
                Decimal(0), Decimal(string: "12.3456")!, Decimal(-7), Decimal(string: "0.01")!,
                Decimal(number(0...99_999)),
            ][
                number(0...4)]
        }

        mutating func money() -> Money {
            Money(decimal(), CurrencyCode(rawValue: ["usd", "CAD", "EUR"][number(0...2)]))
        }

        mutating func notes() -> [Note] {
            let kinds: [Note.Kind] = [.giftMessage, .packingSlip, .shippingInstructions, .general]
            return (0..<number(0...2)).map { _ in Note(kind: kinds[number(0...3)], text: text()) }
        }

        mutating func party() -> Party {
            let roles: [Party.Role] = [.shipTo, .billTo, .buyer, .shipFrom, .seller, .soldTo, .remitTo, .store, .other]
            return Party(
                role: roles[number(0...(roles.count - 1))], name: maybe { $0.text() },
                identifier: maybe { PartyIdentifier(qualifier: $0.text(), value: $0.text()) },
                address: maybe {
                    Address(
                        lines: (0..<$0.number(0...3)).map { _ in "Street" }, city: $0.maybe { $0.text() },
                        region: $0.maybe { $0.text() }, postalCode: $0.maybe { $0.text() },
                        country: $0.maybe { $0.text() })
                },
                contact: maybe {
                    Contact(name: $0.maybe { $0.text() }, phone: $0.maybe { $0.text() }, email: $0.maybe { $0.text() })
                })
        }

        mutating func qualifier() -> ItemQualifiers.Qualifier {
            ItemQualifiers.Qualifier(code: text(), position: number(6...24))
        }

        mutating func line() -> OrderLine {
            OrderLine(
                lineNumber: text(), buyerItemID: maybe { $0.text() }, sku: maybe { SKU($0.text()) },
                gtin: maybe { $0.text() }, quantity: decimal(),
                unit: UnitOfMeasure(rawValue: ["ea", "CA", "PK"][number(0...2)]),
                unitPrice: maybe { $0.money() }, description: maybe { $0.text() }, requestedShip: maybe { $0.day() },
                requestedDelivery: maybe { $0.day() }, giftWrap: chance(), notes: notes(),
                itemQualifiers: maybe {
                    ItemQualifiers(
                        buyer: $0.maybe { $0.qualifier() }, sku: $0.maybe { $0.qualifier() },
                        gtin: $0.maybe { $0.qualifier() })
                })
        }

        mutating func order() -> PurchaseOrder {
            let formats: [OrderSource.Format] = [.x12, .cXML, .mappedXML]
            let purposes: [PurchaseOrder.Purpose] = [.original, .cancellation, .replace, .confirmation, .duplicate]
            let types: [PurchaseOrder.OrderType] = [.dropship, .standAlone, .newOrder, .other]
            return PurchaseOrder(
                retailer: maybe { RetailerID($0.text()) }, poNumber: PONumber(text()),
                purpose: purposes[number(0...(purposes.count - 1))], orderType: types[number(0...(types.count - 1))],
                dates: OrderDates(
                    ordered: maybe { $0.day() }, requestedShip: maybe { $0.day() },
                    requestedDelivery: maybe { $0.day() }, cancelAfter: maybe { $0.day() },
                    expectedShip: maybe { $0.day() }),
                parties: (0..<number(0...3)).map { _ in party() },
                shipMethod: maybe {
                    ShipMethod(
                        carrierSCAC: $0.maybe { $0.text() }, serviceLevel: $0.maybe { $0.text() },
                        transportMethod: $0.maybe { $0.text() }, routing: $0.maybe { $0.text() })
                },
                references: (0..<number(0...3)).map { _ in
                    Reference(qualifier: text(), value: text(), description: maybe { $0.text() })
                },
                notes: notes(), currency: CurrencyCode(rawValue: "usd"), lines: (0..<number(0...4)).map { _ in line() },
                statedTotal: maybe { $0.money() },
                source: OrderSource(
                    format: formats[number(0...2)],
                    senderID: maybe { PartnerIdentity(qualifier: $0.text(), id: $0.text()) },
                    receiverID: maybe { PartnerIdentity(qualifier: $0.text(), id: $0.text()) },
                    interchangeControl: maybe { $0.text() }, groupControl: maybe { $0.text() },
                    setControl: maybe { $0.text() }, version: maybe { $0.text() }, origin: maybe { $0.text() },
                    senderGroupID: maybe { $0.text() }, receiverGroupID: maybe { $0.text() }, usage: maybe { $0.text() }
                ))
        }
    }

    /// `JSONEncoder` with the layout the store's records have: compact, keys sorted, `/` as itself.
    static var foundation: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    @Test("random orders write, compact, the bytes JSONEncoder writes with sorted keys, and read back equal")
    func randomOrders() throws {
        for seed in 0..<400 as Range<UInt64> {
            var random = Random(generator: SplitMix(seed: seed))
            let order = random.order()
            let handWritten = try CompactJSONEncoder().encode(order)
            let foundation = try Array(Self.foundation.encode(order))
            #expect(handWritten == foundation, "seed \(seed): \(String(decoding: handWritten, as: UTF8.self))")
            #expect(try JSONDecoder().decode(PurchaseOrder.self, from: Data(handWritten)) == order)
        }
    }

    @Test("an order nested in a Codable value is written by hand too, and the text is the same")
    func nested() throws {
        struct Envelope: Codable {
            var orders: [PurchaseOrder]
            var count: Int
        }
        var random = Random(generator: SplitMix(seed: 7))
        let envelope = Envelope(orders: [random.order(), random.order()], count: 2)
        // The envelope's own keys come in its `encode(to:)` order; each order inside is written by hand, sorted.
        var throughCodable = CompactJSONEncoder()
        throughCodable.usesHandWritten = false
        let handWritten = try CompactJSONEncoder().encode(envelope)
        #expect(
            try JSONSerialization.jsonObject(with: Data(handWritten)) as? NSDictionary
                == (try JSONSerialization.jsonObject(with: Data(throughCodable.encode(envelope))) as? NSDictionary))
        let orders = try envelope.orders.map { try String(decoding: CompactJSONEncoder().encode($0), as: UTF8.self) }
        #expect(
            String(decoding: handWritten, as: UTF8.self)
                == "{\"orders\":[\(orders.joined(separator: ","))],\"count\":2}")
    }
}
