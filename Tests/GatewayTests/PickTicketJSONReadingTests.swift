import Foundation
import Orders
import TestSupport
import Testing

@testable import Gateway

/// The pick ticket read back by hand (`PickTicket+JSONReading.swift`) must read what `JSONDecoder` reads: the same
/// ticket from the store's text (pretty, sorted keys), from compact text and from a ticket as it stands on the floor
/// (planned units, bins, kits); the same refusals; and never a ticket `JSONDecoder` would not read from mangled text.
@Suite("hand-read pick ticket JSON")
struct PickTicketJSONReadingTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden/pick-tickets")

    static func decoded(_ bytes: [UInt8]) -> PickTicket? {
        try? JSONDecoder().decode(PickTicket.self, from: Data(bytes))
    }

    /// The layouts a stored ticket may be in: the gateway's (pretty, sorted keys), compact, declaration order.
    static func layouts(of ticket: PickTicket) throws -> [(name: String, bytes: [UInt8])] {
        let stored = JSONEncoder()
        stored.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let sorted = JSONEncoder()
        sorted.outputFormatting = [.sortedKeys]
        return [
            ("stored", [UInt8](try stored.encode(ticket))), ("compact", [UInt8](try sorted.encode(ticket))),
            ("declaration order", [UInt8](try JSONEncoder().encode(ticket))),
        ]
    }

    static func goldenTickets() throws -> [[UInt8]] {
        let files =
            FileManager.default.enumerator(at: golden, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "json" } ?? []
        return try files.sorted { $0.path < $1.path }.map { [UInt8](try Data(contentsOf: $0)) }
    }

    /// Random tickets: every optional present and absent, kits, bins, planned units, text with escapes and
    /// characters beyond ASCII, instants on several offsets.
    static func tickets(count: Int) -> [PickTicket] {
        let walmart = golden.appendingPathComponent("EWR1/walmart-4792183650-EWR1.json")
        guard let data = try? Data(contentsOf: walmart),
            let base = try? JSONDecoder().decode(PickTicket.self, from: data)
        else { return [] }
        var random = SplitMix(seed: 21)
        func chance(_ percent: UInt64) -> Bool { random.next() % 100 < percent }
        func pick<T>(_ values: [T]) -> T { values[Int(random.next() % UInt64(values.count))] }
        let texts = [
            "Bath Towel", #"<b>"quoted" & 'single'</b>"#, "é日本🚚", "line\nbreak\ttab", "back\\slash /", "",
            "\u{01}control", "KAREN MCALLISTER",
        ]
        func text() -> String { pick(texts) }
        func maybe(_ value: String) -> String? { chance(70) ? value : nil }
        func instant() -> ZonedInstant {
            let seconds = 1_700_000_000 + Int(random.next() % 200_000_000)
            let zone = pick(["America/New_York", "America/Chicago", "UTC", "Asia/Kolkata", "America/St_Johns"])
            return ZonedInstant(Date(timeIntervalSince1970: TimeInterval(seconds)), in: TimeZone(identifier: zone)!)
        }
        func bin() -> BinLocation? { chance(50) ? BinLocation(checking: pick(["A-3", "B-10-2", "Z/9 #1"])) : nil }
        return (0..<count).map { _ in
            let lines = (0..<Int(random.next() % 4)).map { index in
                let quantity = Int(random.next() % 6)
                return PickTicket.Line(
                    lineNumber: String(index + 1), sku: SKU(pick(["HP-10001", "HP-KIT-1", text()])),
                    upc: maybe("084512100014"), retailerItemID: maybe(text()), description: maybe(text()),
                    quantity: quantity, giftWrap: chance(20), hazmat: chance(20), oversize: chance(20),
                    components: chance(30)
                        ? (0..<Int(random.next() % 3)).map { part in
                            PickTicket.Component(
                                sku: SKU("PART-\(part)"), upc: maybe("0845"), description: maybe(text()),
                                quantityPerKit: part + 1, quantity: (part + 1) * quantity, location: bin())
                        } : nil,
                    planned: chance(30) ? quantity + 2 : nil, location: bin())
            }
            let party = Party(
                role: .shipTo, name: maybe(text()), identifier: nil,
                address: chance(70)
                    ? Address(
                        lines: [text()], city: maybe("PITTSBURGH"), region: maybe("PA"), postalCode: nil,
                        country: maybe("US")) : nil,
                contact: chance(50) ? Contact(name: maybe(text()), phone: maybe("4125550147"), email: nil) : nil)
            var ticket = base
            ticket.id = "walmart-\(random.next() % 1000)-EWR1"
            ticket.retailerName = text()
            ticket.poNumber = PONumber(text())
            ticket.shipAt = instant()
            ticket.shipBy = instant()
            ticket.shipByAtNode = instant()
            ticket.shipTo = chance(80) ? party : nil
            ticket.giftMessage = maybe(text())
            ticket.lines = lines
            ticket.notes = chance(30) ? [Note(kind: .giftMessage, text: text())] : []
            ticket.packingSlip = chance(50)
            return ticket
        }
    }

    @Test("random tickets read back as JSONDecoder reads them, in every layout")
    func randomTickets() throws {
        for (index, ticket) in Self.tickets(count: 300).enumerated() {
            for (layout, bytes) in try Self.layouts(of: ticket) {
                let expected = try JSONDecoder().decode(PickTicket.self, from: Data(bytes))
                let read = try PickTicket(jsonBytes: bytes)
                #expect(read == expected, "ticket \(index), \(layout)")
                #expect(read == ticket, "ticket \(index), \(layout)")
                // `==` compares an instant by its offset; the zones read must also be the same.
                #expect(read.shipBy.timeZone == expected.shipBy.timeZone, "ticket \(index), \(layout)")
            }
        }
    }

    @Test("the golden tickets read as JSONDecoder reads them")
    func goldenTickets() throws {
        let files = try Self.goldenTickets()
        #expect(files.count >= 10)
        for bytes in files {
            #expect(try PickTicket(jsonBytes: bytes) == JSONDecoder().decode(PickTicket.self, from: Data(bytes)))
        }
    }

    @Test("a missing member, a wrong type, a bad instant or bin is refused, as JSONDecoder refuses it")
    func refusals() throws {
        let ticket = Self.tickets(count: 40).first { !$0.lines.isEmpty } ?? Self.tickets(count: 1)[0]
        let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(ticket)) as? [String: Any] ?? [:]
        var changes: [(String, Any?)] = [
            ("id", nil), ("lines", nil), ("shipBy", nil), ("packingSlip", nil), ("notes", nil), ("shipBy", "Tuesday"),
            ("shipAt", "26-11-24 10:00"), ("packingSlip", "yes"), ("lines", [String: Any]()),
            ("retailer", NSNull()), ("notes", 3),
        ]
        var line = (object["lines"] as? [[String: Any]])?.first ?? [:]
        line["location"] = " A-3"
        changes.append(("lines", [line]))
        line["location"] = "A-3"
        line["quantity"] = 1.5
        changes.append(("lines", [line]))
        line["quantity"] = NSNull()
        changes.append(("lines", [line]))
        for (key, value) in changes {
            var changed = object
            changed[key] = value
            let text = [UInt8](try JSONSerialization.data(withJSONObject: changed))
            #expect(Self.decoded(text) == nil, "\(key)")
            #expect(throws: JSONReadError.self, "\(key)") { try PickTicket(jsonBytes: text) }
        }
        #expect(throws: JSONReadError.self) { try PickTicket(jsonBytes: Array("{} x".utf8)) }
    }

    @Test(
        "a missing member is named in the error, just past the object it is missing from",
        arguments: [
            "id", "retailer", "retailerName", "poNumber", "node", "service", "nodeTimeZone", "retailerTimeZone",
            "shipAt", "shipBy", "shipByAtNode", "lines", "notes", "packingSlip",
        ])
    func missingMember(_ key: String) throws {
        let ticket = Self.tickets(count: 1)[0]
        var object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(ticket)) as? [String: Any] ?? [:]
        object[key] = nil
        let text = [UInt8](try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
        let error = try #require(throws: JSONReadError.self) { try PickTicket(jsonBytes: text) }
        #expect(error.expected == "the member '\(key)' before the object's end")
        #expect(error.offset == text.count)
    }

    @Test("every cut of a ticket's text is refused, and mangled text never reads as something JSONDecoder refuses")
    func mangled() throws {
        let bytes = try Self.layouts(of: Self.tickets(count: 12).max { $0.lines.count < $1.lines.count }!)[1].bytes
        for count in 0..<bytes.count {
            #expect(throws: JSONReadError.self, "\(count) bytes") { try PickTicket(jsonBytes: Array(bytes[..<count])) }
        }
        var generator = SplitMix(seed: 99)
        let replacements = Array("{}[]\",:0123456789.-eEtrufalsn \\u".utf8)
        var readBoth = 0
        for _ in 0..<3_000 {
            var mutated = bytes
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let at = Int.random(in: 0..<mutated.count, using: &generator)
                mutated[at] = replacements[Int.random(in: 0..<replacements.count, using: &generator)]
            }
            guard let read = try? PickTicket(jsonBytes: mutated) else { continue }
            #expect(Self.decoded(mutated) == read, "\(String(decoding: mutated, as: UTF8.self))")
            readBoth += 1
        }
        #expect(readBoth > 100)
    }
}
