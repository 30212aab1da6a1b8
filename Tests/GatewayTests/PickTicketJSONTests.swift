import Foundation
import Orders
import Testing

@testable import Gateway

/// The pick ticket written by hand (`PickTicket+JSON.swift`) is, byte for byte, what `JSONEncoder` writes with
/// `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]` and a line break (the outbox's pick-ticket document):
/// over random tickets (every optional present and absent, kits, bins, planned units, escapes and text beyond
/// ASCII, instants on several offsets) and the golden tickets of the sample inbox.
@Suite("hand-written pick ticket JSON")
struct PickTicketJSONTests {
    static func encoded(_ ticket: PickTicket) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return [UInt8](try encoder.encode(ticket)) + [0x0A]
    }

    @Test("random tickets are written as JSONEncoder writes them")
    func randomTickets() throws {
        let tickets = PickTicketJSONReadingTests.tickets(count: 500)
        #expect(tickets.count == 500)
        #expect(tickets.contains { $0.lines.contains { $0.components != nil } }, "kits among them")
        for ticket in tickets {
            let ours = try ticket.outboxJSON()
            let theirs = try Self.encoded(ticket)
            #expect(ours == theirs, "\(String(decoding: ours, as: UTF8.self))")
            if ours != theirs { return }
        }
    }

    @Test("the golden tickets are written again byte for byte")
    func goldenTickets() throws {
        let golden = try PickTicketJSONReadingTests.goldenTickets()
        #expect(golden.count >= 5)
        for bytes in golden {
            let ticket = try JSONDecoder().decode(PickTicket.self, from: Data(bytes))
            #expect(try ticket.outboxJSON() == Self.encoded(ticket))
            #expect(try ticket.outboxJSON() == bytes, "the golden file is the outbox's document")
        }
    }
}
