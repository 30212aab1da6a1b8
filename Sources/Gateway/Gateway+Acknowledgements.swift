import Feeds
import Foundation
import Orders
import Profiles
import Store
import X12

extension Gateway {
    /// One 997 or 999 (or TA1) per interchange, in the release the profile pins or the partner sent, put in the
    /// outbox once per interchange: an interchange received before (same sender and ISA13) gets the same
    /// acknowledgement again and none of its orders is decided twice. Returns the interchanges received before.
    ///
    /// A group of 997s or 999s is never acknowledged (X12): an interchange of them alone is answered by nothing
    /// unless its envelope is rejected or asks for a TA1 (ISA14 1); it is still claimed, so that a redelivery of
    /// it is known as one.
    func answerInterchanges(
        _ x12: InboundStream.X12Part, document: DocumentID, at now: Date, report: inout DocumentReport
    ) async -> Set<InterchangeKey> {
        let timestamp = Self.x12Timestamp(now)
        var repeated: Set<InterchangeKey> = []
        for streamed in x12.interchanges {
            let (index, interchange) = (streamed.index, streamed.interchange)
            let acknowledgement = X12Acknowledgement(interchange: streamed, report: x12.report, timestamp: timestamp)
            let header = interchange.header
            let key = InterchangeKey(
                senderQualifier: header.senderQualifier, senderID: header.senderID,
                controlNumber: header.controlNumber)
            let sender = PartnerIdentity(qualifier: header.senderQualifier, id: header.senderID)
            let profile = profiles.profile(interchangeSender: sender, groupSender: interchange.groups.first?.senderCode)
            let partner = profile?.id.rawValue ?? "\(sender.qualifier)-\(sender.id)"
            do {
                var entries: [OutboxEntry] = []
                let draft = Self.acknowledgementDraft(
                    acknowledgement, interchange: index, delimiters: interchange.delimiters, profile: profile,
                    partner: partner)
                if x12.report.status(interchange: index) == .rejected, let draft {
                    // A TA1 that rejects the interchange tells the partner none of it was processed: its ISA13 is
                    // not claimed, so that the interchange sent again, corrected, under the same number is read.
                    let entries = try await store.enqueue(
                        [draft], inReplyTo: document, key: "ack \(key) rejected in \(document)")
                    report.written += write(entries, retailer: profile?.id)
                    continue
                }
                switch try await store.claim(key, for: document) {
                case .first:
                    if let draft {
                        entries = try await store.enqueue([draft], inReplyTo: document, key: "ack \(key)")
                    }
                case .repeated(let earlier):
                    repeated.insert(key)
                    guard let draft else {
                        report.notes.append(
                            "\(report.origin): interchange \(key) was received before (document \(earlier)): "
                                + "nothing is done")
                        continue
                    }
                    report.notes.append(
                        "\(report.origin): interchange \(key) was received before (document \(earlier)): its "
                            + "acknowledgement is sent again, nothing else is done")
                    // The first document claims the interchange, then enqueues its answer: a redelivery in between
                    // (another process, or a run while the first document is pending after a crash) would copy
                    // nothing. The answer is enqueued here for the first document if it is not yet; the key keeps
                    // it to one, whoever writes it first.
                    _ = try await store.enqueue([draft], inReplyTo: earlier, key: "ack \(key)")
                    entries = try await store.resend(
                        key: "ack \(key)", as: "ack \(key) again for \(document)", inReplyTo: document, at: now)
                }
                report.written += write(entries, retailer: profile?.id)
            } catch {
                report.problems.append("\(partner): interchange \(header.controlNumber) not answered: \(error)")
            }
        }
        return repeated
    }

    /// The answer to interchange `index`, numbered and written when the store commits it; nil when it calls for
    /// none (997s or 999s alone, in a sound envelope that asks for no TA1).
    static func acknowledgementDraft(
        _ acknowledgement: X12Acknowledgement, interchange index: Int, delimiters: X12Delimiters,
        profile: RetailerProfile?, partner: String
    ) -> OutboundDraft? {
        let kind: X12Acknowledgement.Kind =
            profile?.documents.expects.contains(.x999) == true ? .implementation999 : .functional997
        let pinned = profile?.identity.x12ReplyVersion.map(X12Version.init)
        let reply = acknowledgement.reply(to: index, kind: kind, version: pinned, skippingAcknowledgements: true)
        let groups = acknowledgement.interchanges[index]?.groups ?? []
        let onlyAcknowledgements =
            !groups.isEmpty
            && groups.allSatisfy { $0.functionalID == X12Acknowledgement.acknowledgementFunctionalID }
        if onlyAcknowledgements && reply.looseSegments.isEmpty { return nil }
        let format = X12ReplyFormat(
            replyingTo: X12Version(reply.groups.first?.version ?? reply.header.version), delimiters: delimiters,
            profile: profile)
        let isTA1 = reply.groups.isEmpty
        let inboundControl = acknowledgement.interchanges[index]?.header.controlNumber ?? "\(index)"
        return OutboundDraft(
            kind: isTA1
                ? .interchangeAcknowledgement
                : kind == .functional997 ? .functionalAcknowledgement : .implementationAcknowledgement,
            partner: partner, name: "\(isTA1 ? "TA1" : kind.rawValue)-\(inboundControl).x12"
        ) { numbers in
            var drawn = DrawnControlNumbers(numbers: numbers)
            var numbered = reply
            numbered.assignControlNumbers(from: &drawn)
            numbers = drawn.numbers
            return try format.writer.write(numbered)
        }
    }

    /// ISA09/ISA10 and GS04/GS05 of what we send: UTC, as retailers that state one ask (Walmart: GMT).
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
