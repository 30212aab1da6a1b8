import Foundation
import Logging
import Orders
import Store

extension Gateway {
    /// Writes outbox rows into the output folder, when there is one: acknowledgements under `acks/<partner>/`,
    /// answers under `answers/<retailer>/`, pick tickets under `pick-tickets/<DC>/`, explanations under
    /// `decisions/`. The outbox stays the record; the files are a copy for people and the demo.
    func write(_ entries: [OutboxEntry], retailer: RetailerID?) -> [URL] {
        guard let output else { return [] }
        var written: [URL] = []
        for entry in entries {
            do {
                switch entry.kind {
                case .functionalAcknowledgement, .implementationAcknowledgement, .interchangeAcknowledgement:
                    written.append(
                        try output.write(entry.bytes, to: .acknowledgements, entry.partner, name: entry.name))
                case .purchaseOrderAcknowledgement, .changeAcknowledgement, .orderStatus, .cXMLConfirmation,
                    .shipNotice, .invoice,
                    .cXMLShipNotice,
                    .cXMLInvoice:
                    written.append(try output.write(entry.bytes, to: .answers, entry.partner, name: entry.name))
                case .pickTicket:
                    written.append(try output.write(entry.bytes, to: .pickTickets, entry.partner, name: entry.name))
                case .explanation:
                    written.append(try output.write(entry.bytes, to: .decisions, name: entry.name))
                }
            } catch {
                logger.error("file not written", metadata: ["name": "\(entry.name)", "error": "\(error)"])
            }
        }
        return written
    }

    /// Adds each ticket's rows to its DC's CSV (`pick-tickets/<DC>.csv`), for a WMS that imports one file a DC.
    func appendCSV(_ tickets: [PickTicket], report: inout DocumentReport) {
        guard let output else { return }
        for ticket in tickets {
            do {
                try output.appendCSV(
                    ticket.csvRows, header: PickTicket.csvHeader, to: .pickTickets, name: "\(ticket.node).csv")
            } catch {
                report.problems.append("\(report.origin): PO \(ticket.poNumber): pick-ticket CSV not written: \(error)")
            }
        }
    }
}
