import Foundation
import Gateway
import Orders
import Profiles
import Routing
import Store
import Synchronization

/// What `ingest` prints, written as the gateway hands on each document's orders (`Gateway.orderSink`) so that a
/// file of a million POs is reported in bounded memory: the demo's table (its rows spooled to a scratch file until
/// the widths are known), or a JSON array with one object per document, its orders streamed into it.
final class IngestReportOutput: Sendable {
    private enum Form {
        case table(OrderTable, SpooledTextTable)
        case json(IngestJSONWriter)
    }

    private struct State {
        var form: Form
        /// Every document's final report, its orders handed on: its status, problems and notes.
        var reports: [DocumentReport] = []
    }

    // The sink is called from the gateway's tasks, one document at a time; the lock makes that safe to state.
    private let state: Mutex<State>

    init(json: Bool, profiles: ProfileSet) {
        state = Mutex(
            State(
                form: json
                    ? .json(IngestJSONWriter())
                    : .table(OrderTable(profiles: profiles), SpooledTextTable(OrderTable.headers))))
    }

    /// Some orders of the document being processed (the sink's call).
    func take(_ report: DocumentReport) {
        state.withLock { state in
            switch state.form {
            case .table(var rows, let table):
                for row in rows.rows(of: report) { table.append(row) }
                state.form = .table(rows, table)
            case .json(let writer):
                writer.orders(of: report)
            }
        }
    }

    /// A document is finished: its report, whose orders were all handed on before (`Gateway.orderSink`).
    func finish(_ report: DocumentReport) {
        state.withLock { state in
            if case .json(let writer) = state.form { writer.close(report) }
            var kept = report
            kept.orders = []
            state.reports.append(kept)
        }
    }

    /// Prints the table and the problems, or ends the JSON array; returns every document's final report.
    func end() -> [DocumentReport] {
        state.withLock { state in
            switch state.form {
            case .table(_, let table):
                table.print()
                let problems = state.reports.flatMap(\.problems)
                if !problems.isEmpty {
                    var text = "\nProblems found (each document is kept in the store and answered):\n"
                    for problem in problems { text += "  \(problem)\n" }
                    StandardOutputBuffer.write(Array(text.utf8))
                }
            case .json(let writer):
                writer.end()
            }
            return state.reports
        }
    }
}

/// `ingest --json`: an array with an object per document (`document`, `origin`, `orders`, then `status`,
/// `problems` and `notes`, known once it is finished), each order an object with its `po`, `retailer` and `result`
/// and what the result names. Pretty-printed; written to standard output a buffer at a time.
final class IngestJSONWriter {
    private let writer = JSONByteWriter(layout: .pretty(escapesSlashes: true))
    private var isOpen = false

    init() { writer.beginArray() }

    func orders(of report: DocumentReport) {
        open(report)
        for order in report.orders {
            writer.beginElement()
            writer.object { Self.write(order, to: writer) }
        }
        flushIfFull()
    }

    func close(_ report: DocumentReport) {
        open(report)
        isOpen = false
        writer.endArray()
        writer.member("status", report.status.rawValue)
        writer.member("problems", report.problems)
        writer.member("notes", report.notes)
        writer.endObject()
        flushIfFull()
    }

    func end() {
        writer.endArray()
        writer.newLine()
        flush()
    }

    private func open(_ report: DocumentReport) {
        guard !isOpen else { return }
        isOpen = true
        writer.beginElement()
        writer.beginObject()
        if let id = report.documentID {
            writer.member("document", Int(id.rawValue))
        } else {
            writer.nullMember("document")
        }
        writer.member("origin", report.origin)
        writer.key("orders")
        writer.beginArray()
    }

    private static func write(_ order: OrderReport, to writer: JSONByteWriter) {
        if let po = order.poNumber { writer.member("po", po.rawValue) } else { writer.nullMember("po") }
        if let retailer = order.retailer {
            writer.member("retailer", retailer.rawValue)
        } else {
            writer.nullMember("retailer")
        }
        switch order.result {
        case .decided(let decision):
            writer.member("result", decision.outcome.rawValue)
            writer.member("nodes", decision.shipments.map(\.node.rawValue))
        case .duplicate(let earlier):
            writer.member("result", "duplicate")
            writer.member("order", Int(earlier.rawValue))
        case .redelivered(let interchange):
            writer.member("result", "redelivered")
            writer.member("interchange", interchange.description)
        case .notProcessed(let reasons):
            writer.member("result", "not-processed")
            writer.member("reasons", reasons)
        case .unknownPartner(let sender):
            writer.member("result", "unknown-partner")
            writer.member("sender", sender)
        case .changeRequest(let outcome):
            writer.member("result", "change-\(outcome.review.verdict.rawValue)")
            if let order = outcome.order {
                writer.member("order", Int(order.rawValue))
            } else {
                writer.nullMember("order")
            }
            writer.member("checks", outcome.review.checks)
            if let decision = outcome.decision {
                writer.member("nodes", decision.shipments.map(\.node.rawValue))
            }
        }
    }

    private func flushIfFull() {
        if writer.count >= StandardOutputBuffer.size { flush() }
    }

    private func flush() {
        guard writer.count > 0 else { return }
        writer.withBytes { StandardOutputBuffer.write($0) }
        writer.removeAll()
    }
}
