public import Foundation
public import Logging
import OrderX12
import OrderXML
import Orders
public import Profiles
public import Routing
public import Store
import X12

/// The pipeline: keep the document, read it, answer its envelope, route every PO against its retailer's profile
/// and the network, record the decision with its reservations in one transaction, then write the answer, the pick
/// tickets and the explanation. One document at a time; the network state carries from one PO to the next so a
/// day's inbox consumes stock and capacity in order.
public struct Gateway {
    public let profiles: ProfileSet
    /// One router per profile, made once.
    let routers: [RetailerID: Router]
    public let store: any OrderStore
    public private(set) var state: NetworkState
    public let output: OutputFolder
    public var reader = InboundReader()
    let logger: Logger

    /// `stock` is on hand less safety stock from the inventory file; reservations already in the store are taken
    /// off it here, so a restart never promises what an earlier run reserved.
    public init(profiles: ProfileSet, store: any OrderStore, stock: Stock, output: OutputFolder, logger: Logger)
        throws(StoreError)
    {
        self.profiles = profiles
        routers = profiles.routers()
        self.store = store
        self.output = output
        self.logger = logger
        var stock = stock
        for (node, skus) in try store.reservedQuantities() {
            for (sku, quantity) in skus {
                stock.take(NSDecimalNumber(decimal: quantity).intValue, of: sku, at: node)
            }
        }
        state = NetworkState(stock: stock)
    }

    /// Processes one file; an unreadable file is still kept and reported.
    public mutating func process(file: URL, receivedAt: Date) -> DocumentReport {
        let origin = file.lastPathComponent
        guard let data = FileManager.default.contents(atPath: file.path) else {
            return DocumentReport(
                origin: origin, kind: .unknown, documentID: nil, status: .unreadable,
                problems: ["\(file.path): cannot be read"], orders: [], written: [])
        }
        return process(Array(data), origin: origin, receivedAt: receivedAt)
    }

    public mutating func process(_ bytes: [UInt8], origin: String, receivedAt: Date) -> DocumentReport {
        let kind = DocumentFormat(detecting: bytes)
        var report = DocumentReport(
            origin: origin, kind: kind, documentID: nil, status: .received, problems: [], orders: [], written: [])
        do {
            report.documentID = try store.keep(
                InboundDocument(receivedAt: receivedAt, origin: origin, format: kind, bytes: bytes))
        } catch {
            // Without a durable copy nothing may be promised: stop here, say why.
            report.status = .unreadable
            report.problems.append("\(origin): not processed: \(error)")
            return report
        }

        let batch = reader.read(bytes, origin: origin)
        report.problems = batch.problems
        if let x12 = batch.x12 {
            report.written += answerEnvelopes(
                x12, documentID: report.documentID, at: receivedAt, problems: &report.problems)
        }
        for unprocessed in batch.unprocessed {
            let retailer = unprocessed.sender.flatMap { profiles.profile(interchangeSender: $0) }?.id
            report.orders.append(
                OrderReport(
                    retailer: retailer, poNumber: unprocessed.poNumber,
                    result: .notProcessed(reasons: unprocessed.reasons)))
        }
        for order in batch.orders {
            report.orders.append(route(order, documentID: report.documentID, at: receivedAt, report: &report))
        }

        if batch.isUnreadable || (batch.orders.isEmpty && !batch.unprocessed.isEmpty) {
            report.status = batch.isUnreadable ? .unreadable : .rejected
        } else {
            report.status = report.problems.isEmpty ? .accepted : .acceptedWithErrors
        }
        if let id = report.documentID {
            do { try store.mark(id, status: report.status, problems: report.problems) } catch {
                report.problems.append("\(origin): \(error)")
            }
        }
        logger.info(
            "document processed",
            metadata: [
                "origin": "\(origin)", "status": "\(report.status.rawValue)", "orders": "\(report.orders.count)",
            ])
        return report
    }

    // MARK: X12 envelopes

    /// One 997 or 999 (or TA1) per interchange, in the version the partner sent, numbered from the store.
    private func answerEnvelopes(
        _ x12: InboundBatch.X12Part, documentID: DocumentID?, at now: Date, problems: inout [String]
    ) -> [URL] {
        let acknowledgement = X12Acknowledgement(
            document: x12.document, report: x12.report, timestamp: Self.x12Timestamp(now))
        var written: [URL] = []
        for (index, interchange) in x12.document.interchanges.enumerated() {
            let header = interchange.header
            let sender = PartnerIdentity(qualifier: header.senderQualifier, id: header.senderID)
            let profile = profiles.profile(interchangeSender: sender, groupSender: interchange.groups.first?.senderCode)
            let partner = profile?.id.rawValue ?? "\(sender.qualifier)-\(sender.id)"
            let kind: X12Acknowledgement.Kind =
                profile?.documents.expects.contains(.x999) == true ? .implementation999 : .functional997
            var reply = acknowledgement.reply(
                to: index, kind: kind, version: profile?.identity.x12ReplyVersion.map(X12Version.init))
            var numbers = DurableControlNumbers(store: store, partner: partner)
            reply.assignControlNumbers(from: &numbers)
            if let failure = numbers.failure {
                problems.append("\(partner): no acknowledgement sent: \(failure)")
                continue
            }
            let format = X12ReplyFormat(
                replyingTo: X12Version(reply.groups.first?.version ?? reply.header.version),
                delimiters: interchange.delimiters, profile: profile)
            do {
                let bytes = try format.writer.write(reply)
                let name = "\(reply.groups.isEmpty ? "TA1" : kind.rawValue)-\(header.controlNumber).x12"
                written.append(try output.write(bytes, to: .acknowledgements, partner, name: name))
                try store.keep(
                    OutboundDocument(
                        kind: reply.groups.isEmpty ? "TA1" : kind.rawValue, retailer: profile?.id, orderID: nil,
                        inReplyTo: documentID, createdAt: now, name: name, bytes: bytes))
            } catch {
                problems.append("\(partner): acknowledgement not written: \(error)")
            }
        }
        return written
    }

    // MARK: Routing

    private mutating func route(
        _ order: PurchaseOrder, documentID: DocumentID?, at now: Date, report: inout DocumentReport
    )
        -> OrderReport
    {
        guard let profile = profiles.profile(for: order) else {
            let sender = order.source.senderID.map(\.description) ?? "an unnamed sender"
            report.problems.append("\(report.origin): PO \(order.poNumber): no retailer profile claims \(sender)")
            return OrderReport(retailer: nil, poNumber: order.poNumber, result: .unknownPartner(sender))
        }
        var order = order
        order.retailer = profile.id
        let router =
            routers[profile.id] ?? Router(profile: profile, network: profiles.network, catalog: profiles.catalog)
        let decision = router.route(order, state: state, now: now)
        let intake = OrderIntake(
            order: order, retailer: profile.id, documentID: documentID, receivedAt: now,
            decision: DecisionRecord(
                outcome: decision.outcome.rawValue, nodes: decision.shipments.map(\.node),
                shipBy: decision.deadlines?.shipBy, decidedAt: now,
                explanationJSON: (try? decision.renderJSON(pretty: false)) ?? "{}"),
            reservations: decision.shipments.flatMap { shipment in
                shipment.lines.map { Reservation(node: shipment.node, sku: $0.sku, quantity: Decimal($0.quantity)) }
            })
        let recorded: IntakeResult
        do {
            recorded = try store.record(intake)
        } catch {
            report.problems.append("\(report.origin): PO \(order.poNumber): not recorded, nothing promised: \(error)")
            return OrderReport(
                retailer: profile.id, poNumber: order.poNumber, result: .notProcessed(reasons: ["\(error)"]))
        }
        guard case .recorded(let orderID) = recorded else {
            if case .duplicate(let earlier) = recorded {
                return OrderReport(retailer: profile.id, poNumber: order.poNumber, result: .duplicate(of: earlier))
            }
            return OrderReport(retailer: profile.id, poNumber: order.poNumber, result: .notProcessed(reasons: []))
        }
        state.apply(decision)
        do {
            report.written += try writeDocuments(
                for: order, decision: decision, profile: profile, orderID: orderID, at: now)
        } catch {
            report.problems.append("\(report.origin): PO \(order.poNumber): documents not written: \(error)")
        }
        return OrderReport(retailer: profile.id, poNumber: order.poNumber, result: .decided(decision))
    }

    /// The answer (855 or cXML confirmation) when the profile wants it, a pick ticket per shipment, and the
    /// explanation.
    private func writeDocuments(
        for order: PurchaseOrder, decision: RoutingDecision, profile: RetailerProfile, orderID: OrderID, at now: Date
    ) throws -> [URL] {
        var written: [URL] = []
        let stem = "\(profile.id)-\(order.poNumber)"
        written.append(
            try output.write(
                Array((decision.renderText(verbose: true) + "\n").utf8), to: .decisions, name: "\(stem).txt"))

        let answer = OrderAnswer(order: order, decision: decision)
        if answer.isWanted(by: profile) {
            let (kind, name, bytes) = try answerDocument(answer, order: order, profile: profile, at: now)
            written.append(try output.write(bytes, to: .answers, profile.id.rawValue, name: name))
            try store.keep(
                OutboundDocument(
                    kind: kind, retailer: profile.id, orderID: orderID, inReplyTo: nil, createdAt: now, name: name,
                    bytes: bytes))
        }

        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        for shipment in decision.shipments {
            let ticket = PickTicket(order: order, shipment: shipment, profile: profile, catalog: profiles.catalog)
            written.append(
                try output.write(
                    Array(try encoder.encode(ticket)) + [0x0A], to: .pickTickets, shipment.node.rawValue,
                    name: "\(ticket.id).json"))
            try output.appendCSV(
                ticket.csvRows, header: PickTicket.csvHeader, to: .pickTickets, name: "\(shipment.node).csv")
        }
        return written
    }

    private func answerDocument(_ answer: OrderAnswer, order: PurchaseOrder, profile: RetailerProfile, at now: Date)
        throws -> (kind: String, name: String, bytes: [UInt8])
    {
        switch order.source.format {
        case .x12:
            var numbers = DurableControlNumbers(store: store, partner: profile.id.rawValue)
            let acknowledgement = answer.x12Acknowledgement(
                date: CalendarDate(now, in: profile.timeZone), rules: profile.documents.acknowledgement,
                reasonCodes: profile.reasonCodes)
            let format = X12ReplyFormat(
                replyingTo: X12Version(order.source.version ?? profile.identity.x12Version ?? "004010"),
                delimiters: .standard, profile: profile)
            let bytes = try order.acknowledgementInterchange(
                acknowledgement, timestamp: Self.x12Timestamp(now), format: format, counter: &numbers)
            if let failure = numbers.failure { throw failure }
            return ("855", "855-\(order.poNumber).x12", bytes)
        case .cXML, .mappedXML:
            let ourIdentity = order.source.receiverID ?? PartnerIdentity(qualifier: "NetworkID", id: "HARBORPINE")
            let envelope = CXMLEnvelope(
                replyingTo: order, as: ourIdentity,
                payloadID: "\(Int(now.timeIntervalSince1970)).\(order.poNumber)@dropgate", timestamp: now,
                timeZone: profile.timeZone)
            let xml = CXMLWriter().makeConfirmationRequest(
                for: order,
                confirmation: answer.confirmation(noticeDate: now, order: order, reasonCodes: profile.reasonCodes),
                envelope: envelope)
            return ("cxml-confirmation", "confirmation-\(order.poNumber).xml", Array(xml.utf8))
        }
    }

    // MARK: Helpers

    static func x12Timestamp(_ now: Date) -> X12Acknowledgement.Timestamp {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: now)
        func pad(_ value: Int?, _ width: Int) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return .init(date: pad(c.year, 4) + pad(c.month, 2) + pad(c.day, 2), time: pad(c.hour, 2) + pad(c.minute, 2))
    }
}
