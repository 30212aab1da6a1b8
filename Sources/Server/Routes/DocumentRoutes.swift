import Foundation
import Gateway
import Hummingbird
import Logging
import NIOCore
import OrderXML
import Orders
import Profiles
import Store

/// `POST /v1/partners/{partner}/documents`, `GET /v1/documents/{id}`, `GET /v1/documents/{id}/ack`.
extension DropgateAPI {
    func addDocumentRoutes(to router: Router<DropgateRequestContext>) {
        router.post("v1/partners/:partner/documents") { request, context in
            try await post(request, partner: try context.parameters.require("partner"), context: context)
        }
        router.get("v1/documents/:id") { request, context in
            let principal = try await authenticator.principal(of: request, context: context)
            let record = try await document(try context.parameters.require("id"), for: principal)
            // What went back to the sender (acknowledgements, 855s, cXML confirmations), not the warehouse's pick
            // tickets nor the explanations.
            let answers = try await storeCall { try await store.outbox(inReplyTo: record.id) }.filter {
                $0.kind != .pickTicket && $0.kind != .explanation
            }
            return try APIJSON.response(DocumentBody(record, answers: answers))
        }
        router.get("v1/documents/:id/ack") { request, context in
            let principal = try await authenticator.principal(of: request, context: context)
            let record = try await document(try context.parameters.require("id"), for: principal)
            return try await acknowledgement(of: record)
        }
    }

    /// Keeps the body as the partner's document before answering: 202 with its id and where to read what became
    /// of it. The same bytes again answer with the first document's id.
    private func post(_ request: Request, partner: String, context: DropgateRequestContext) async throws
        -> Response
    {
        let principal = try await authenticator.principal(of: request, context: context)
        _ = try Access.post(as: partner, by: principal)
        let profiles = world.profiles
        guard profiles.profiles[RetailerID(partner)] != nil else {
            throw HTTPError(.notFound, message: "no retailer profile '\(partner)' is loaded")
        }
        let limit = settings.maximumBody(for: partner)
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw HTTPError(.contentTooLarge, message: "the body is \(length) bytes; at most \(limit) are taken")
        }
        // A place is taken before the body is read and checked: a service that is full refuses at once, before it
        // spends anything on a document it will not keep. Given back on every way out but the queue.
        guard processor.reserve() else {
            metrics.refusedBusy()
            throw HTTPError(
                .serviceUnavailable, headers: [.retryAfter: "1"],
                message: "\(processor.capacity) documents are in hand; nothing was kept, post again shortly")
        }
        var submitted = false
        defer { if !submitted { processor.release() } }
        var body: ByteBuffer
        do { body = try await request.body.collect(upTo: limit) } catch is NIOTooManyBytesError {
            throw HTTPError(.contentTooLarge, message: "the body is larger than the \(limit) bytes taken")
        }
        guard body.readableBytes > 0 else {
            throw HTTPError(.badRequest, message: "the body is empty: post an X12 interchange or an XML purchase order")
        }
        let bytes = body.readBytes(length: body.readableBytes) ?? []
        try Self.checkSender(of: bytes, partner: partner, profiles: profiles)
        let receivedAt = settings.clock()
        let format = DocumentFormat(detecting: bytes)
        let origin = "http:\(partner)"
        let kept: KeptDocument
        do {
            kept = try await store.keep(
                InboundDocument(receivedAt: receivedAt, origin: origin, format: format, bytes: bytes, partner: partner))
        } catch {
            logger.error("document not kept", metadata: ["partner": "\(partner)", "error": "\(error)"])
            throw HTTPError(
                .serviceUnavailable, headers: [.retryAfter: "1"],
                message: "the document could not be kept; nothing was accepted")
        }
        metrics.received(partner: partner, format: format)
        submitted = true
        processor.submit(KeptInput(id: kept.id, bytes: bytes, origin: origin, receivedAt: receivedAt))
        let answered = kept.sameBytesAs ?? kept.id
        logger.info(
            "document kept",
            metadata: ["partner": "\(partner)", "document": "\(kept.id)", "format": "\(format.rawValue)"])
        return try APIJSON.response(
            Accepted(
                document: answered.rawValue, redelivery: kept.sameBytesAs != nil, location: "/v1/documents/\(answered)"),
            status: .accepted, headers: [.location: "/v1/documents/\(answered)"])
    }

    /// A document whose sender belongs to another retailer's profile (an X12 interchange's ISA sender, a cXML
    /// document's `From` credential) is that retailer's to send: 403, nothing kept.
    static func checkSender(of bytes: [UInt8], partner: String, profiles: ProfileSet) throws {
        guard let (sender, owner) = profiles.sender(of: bytes), let owner = owner?.id.rawValue, owner != partner
        else { return }
        throw HTTPError(
            .forbidden,
            message: "the document's sender \(sender) is retailer '\(owner)''s; partner '\(partner)' may not send as it"
        )
    }

    /// The document `text` names, when `principal` may read it: 404 for none, 403 for another partner's.
    func document(_ text: String, for principal: Principal) async throws -> DocumentRecord {
        guard let raw = Int64(text), raw > 0 else {
            throw HTTPError(.badRequest, message: "\(text): a document id is a positive number")
        }
        guard let record = try await storeCall({ try await store.document(DocumentID(raw)) }) else {
            throw HTTPError(.notFound, message: "no document \(raw)")
        }
        try Access.read(ownedBy: record.partner, by: principal)
        return record
    }

    /// The 997/999/TA1 the document was answered with (several interchanges, several answers, in order), or for a
    /// cXML order request the cXML `Response` its sender reads (200 OK when it was taken, 400 with the problems when
    /// it was not); 202 with Retry-After while it is still being read.
    private func acknowledgement(of record: DocumentRecord) async throws -> Response {
        if !record.finished {
            return try APIJSON.response(
                DocumentBody(record, answers: []), status: .accepted, headers: [.retryAfter: "1"])
        }
        if speaksCXML(record) { return Self.cXMLResponse(to: record) }
        let answers = try await storeCall { try await store.outbox(inReplyTo: record.id) }.filter {
            [.functionalAcknowledgement, .implementationAcknowledgement, .interchangeAcknowledgement].contains($0.kind)
        }
        guard !answers.isEmpty else {
            throw HTTPError(
                .notFound,
                message: record.format == .x12
                    ? "document \(record.id) was answered with no acknowledgement (status \(record.status.rawValue))"
                    : "document \(record.id) is \(record.format.rawValue): its orders are answered per order (GET /v1/orders/{id})"
            )
        }
        let bytes: [UInt8] = answers.flatMap { $0.bytes }
        return Response(
            status: .ok, headers: [.contentType: "application/edi-x12"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// Whether the document is a cXML partner's XML: told by its content when the store knew it, else by the profile
    /// of the partner that posted it (a retailer that sends cXML order requests).
    private func speaksCXML(_ record: DocumentRecord) -> Bool {
        if record.format == .cXML { return true }
        guard record.format == .xml, let partner = record.partner,
            let profile = world.profiles.profiles[RetailerID(partner)]
        else { return false }
        return !profile.identity.cXML.isEmpty
    }

    /// The cXML `Response` to a finished cXML document, under a payload ID of its own that names the document (the
    /// same each time it is asked for).
    static func cXMLResponse(to record: DocumentRecord) -> Response {
        let response: CXMLResponse
        switch record.status {
        case .accepted, .acceptedWithErrors, .duplicate, .received: response = .ok
        case .rejected, .unreadable: response = .badRequest(record.problems)
        }
        let payloadID = "\(Int64(record.receivedAt.timeIntervalSince1970)).\(record.id)@dropgate"
        let xml = CXMLWriter().makeResponse(
            response, payloadID: payloadID, timestamp: record.receivedAt, timeZone: TimeZone(identifier: "UTC")!)
        return Response(
            status: .ok, headers: [.contentType: "text/xml; charset=UTF-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: xml)))
    }

    /// A store call whose failure is the service's, not the caller's: 503, logged, the store's words not sent.
    func storeCall<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch {
            logger.error("store call failed", metadata: ["error": "\(error)"])
            throw HTTPError(.serviceUnavailable, headers: [.retryAfter: "1"], message: "the store cannot answer now")
        }
    }
}

/// The answer to a post: where the document is.
struct Accepted: Encodable {
    var document: Int64
    /// The same bytes were received before: `document` is the first one's.
    var redelivery: Bool
    var location: String
}

/// A document as `GET /v1/documents/{id}` shows it.
struct DocumentBody: Encodable {
    var id: Int64
    var partner: String?
    var origin: String
    var format: String
    var receivedAt: Date
    var status: String
    var finished: Bool
    var problems: [String]
    var bytes: Int
    var answers: [OutboxRow]

    init(_ record: DocumentRecord, answers: [OutboxEntry]) {
        id = record.id.rawValue
        partner = record.partner
        origin = record.origin
        format = record.format.rawValue
        receivedAt = record.receivedAt
        status = record.status.rawValue
        finished = record.finished
        problems = record.problems
        bytes = record.byteCount
        self.answers = answers.map { OutboxRow($0) }
    }
}

/// An outbox row without its bytes.
struct OutboxRow: Encodable {
    var id: Int64
    var kind: String
    var partner: String
    var name: String
    var state: String
    var order: Int64?
    var inReplyTo: Int64?
    var destination: String?
    var createdAt: Date
    /// What the partner's 997/999 said of the row's X12 group, `awaiting` while none came back; absent for a row
    /// no 997 answers (and where the reply does not say: only `GET /v1/outbox` does).
    var acknowledgement: String?
    var acknowledgementErrors: String?
    /// The inbound document that carried the 997.
    var acknowledgedBy: Int64?

    init(_ entry: OutboxEntry, sentGroup: SentGroup? = nil) {
        id = entry.id.rawValue
        kind = entry.kind.rawValue
        partner = entry.partner
        name = entry.name
        state = entry.state.rawValue
        order = entry.orderID?.rawValue
        inReplyTo = entry.inReplyTo?.rawValue
        destination = entry.destination
        createdAt = entry.createdAt
        if let group = sentGroup {
            acknowledgement = group.acknowledgement?.status.rawValue ?? "awaiting"
            acknowledgementErrors = group.acknowledgement.flatMap { $0.errors.isEmpty ? nil : $0.errors }
            acknowledgedBy = group.acknowledgement?.document.rawValue
        }
    }
}
