import Foundation
import TestSupport
import Testing

@testable import Orders

/// The order's pretty JSON written by hand (`PurchaseOrder+SortedJSON.swift`, through `JSONByteWriter`'s pretty
/// layout) must be byte for byte what `JSONEncoder` writes with `[.prettyPrinted, .sortedKeys]`, as `dropgate x12 po`
/// printed it: alone, as a list written element by element, with and without `/` escaped. Random orders set every
/// field or leave every optional one out; every key must have been written by some of them, or the comparison did
/// not cover it.
@Suite("hand-written pretty order JSON")
struct SortedJSONTests {
    static func encoder(escapesSlashes: Bool) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            escapesSlashes ? [.prettyPrinted, .sortedKeys] : [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// `value` written by hand in the pretty layout.
    static func handWritten(_ value: some JSONWritable, escapesSlashes: Bool) throws -> [UInt8] {
        let writer = JSONByteWriter(layout: .pretty(escapesSlashes: escapesSlashes))
        try writer.write(value)
        return writer.bytes
    }

    /// `values` written by hand as a list, one element at a time.
    static func handWritten(list values: [some JSONWritable], escapesSlashes: Bool) throws -> [UInt8] {
        let writer = JSONByteWriter(layout: .pretty(escapesSlashes: escapesSlashes))
        writer.beginArray()
        for value in values { try writer.element(value) }
        writer.endArray()
        return writer.bytes
    }

    /// Every key path (`lines.unitPrice.amount`) of a JSON value.
    static func keyPaths(_ value: Any, _ prefix: String = "", into paths: inout Set<String>) {
        if let object = value as? [String: Any] {
            for (key, member) in object {
                let path = prefix.isEmpty ? key : prefix + "." + key
                paths.insert(path)
                keyPaths(member, path, into: &paths)
            }
        } else if let array = value as? [Any] {
            for element in array { keyPaths(element, prefix, into: &paths) }
        }
    }

    static let everyKey: Set<String> = {
        let party = [
            "address", "address.city", "address.country", "address.lines", "address.postalCode",
            "address.region", "contact", "contact.email", "contact.name", "contact.phone", "identifier",
            "identifier.qualifier", "identifier.value", "name", "role",
        ].map { "parties." + $0 }
        let qualifier = ["code", "position"]
        let line =
            [
                "buyerItemID", "description", "giftWrap", "gtin", "lineNumber", "notes", "notes.kind", "notes.text",
                "quantity", "requestedDelivery", "requestedShip", "sku", "unit", "unitPrice", "unitPrice.amount",
                "unitPrice.currency", "itemQualifiers",
            ]
            + ["buyer", "gtin", "sku"].flatMap { q in
                ["itemQualifiers." + q] + qualifier.map { "itemQualifiers.\(q).\($0)" }
            }
        let source = [
            "format", "groupControl", "interchangeControl", "origin", "receiverGroupID", "receiverID",
            "receiverID.id", "receiverID.qualifier", "senderGroupID", "senderID", "senderID.id", "senderID.qualifier",
            "setControl", "usage", "version",
        ].map { "source." + $0 }
        let top = [
            "currency", "dates", "dates.cancelAfter", "dates.expectedShip", "dates.ordered",
            "dates.requestedDelivery", "dates.requestedShip", "lines", "notes", "notes.kind", "notes.text", "orderType",
            "parties", "poNumber", "purpose", "references", "references.description", "references.qualifier",
            "references.value", "retailer", "shipMethod", "shipMethod.carrierSCAC", "shipMethod.routing",
            "shipMethod.serviceLevel", "shipMethod.transportMethod", "source", "statedTotal", "statedTotal.amount",
            "statedTotal.currency",
        ]
        return Set(top + party + line.map { "lines." + $0 } + source)
    }()

    @Test("random orders write the bytes JSONEncoder writes, alone and as a list, slashes escaped or not")
    func randomOrders() throws {
        var seen = Set<String>()
        var orders: [PurchaseOrder] = []
        for seed in 0..<400 as Range<UInt64> {
            var random = CompactJSONWritableTests.Random(generator: SplitMix(seed: seed))
            let order = random.order()
            orders.append(order)
            for escapesSlashes in [true, false] {
                let expected = [UInt8](try Self.encoder(escapesSlashes: escapesSlashes).encode(order))
                let written = try Self.handWritten(order, escapesSlashes: escapesSlashes)
                #expect(
                    written == expected,
                    "seed \(seed), slashes escaped: \(escapesSlashes)\n\(String(decoding: written, as: UTF8.self))")
            }
            let encoded = try Self.encoder(escapesSlashes: true).encode(order)
            Self.keyPaths(try JSONSerialization.jsonObject(with: encoded), into: &seen)
        }
        let unwritten = Self.everyKey.subtracting(seen).sorted()
        let unlisted = seen.subtracting(Self.everyKey).sorted()
        #expect(seen == Self.everyKey, "keys never written: \(unwritten); keys not listed: \(unlisted)")
        for count in [0, 1, 2, 7] {
            let list = Array(orders.prefix(count))
            for escapesSlashes in [true, false] {
                let expected = [UInt8](try Self.encoder(escapesSlashes: escapesSlashes).encode(list))
                #expect(try Self.handWritten(list: list, escapesSlashes: escapesSlashes) == expected, "\(count) orders")
            }
        }
    }

    /// Text of every kind JSON must or may escape: each of the 32 control characters, quote, backslash, slash,
    /// delete, and UTF-8 of two, three and four bytes.
    @Test("every character JSON escapes, or leaves alone, is written as JSONEncoder writes it")
    func everyCharacter() throws {
        var texts = (0..<0x20).map { String(UnicodeScalar(UInt8($0))) }
        texts += ["\"", "\\", "/", "\u{7F}", "é", "日本", "🚚", "a/b\\c\"d\u{1F}e", "", " "]
        for text in texts {
            let note = Note(kind: .general, text: text)
            for escapesSlashes in [true, false] {
                let expected = [UInt8](try Self.encoder(escapesSlashes: escapesSlashes).encode(note))
                #expect(
                    try Self.handWritten(note, escapesSlashes: escapesSlashes) == expected,
                    "\(text.unicodeScalars.map { $0.value })")
            }
        }
    }
}
