import Orders
import Store
import X12

/// One 997 or 999 set of an inbound document, as read: who sent it, and what it says or why it cannot be taken
/// at its word.
struct InboundAcknowledgement: Sendable {
    /// ISA05/ISA06 and ISA13 of its interchange.
    var sender: PartnerIdentity
    var interchangeControl: String
    /// GS02 of its group.
    var groupSender: String
    var kind: X12Acknowledgement.Kind
    /// Its ST02.
    var setControl: String
    var byteOffset: Int
    var content: Content

    enum Content: Sendable {
        case read(X12ReceivedAcknowledgement)
        /// The document's own validation rejects it (the reasons, `CODE description`): what it says is not taken.
        case rejected([String])
        /// It validated, yet lacks what a match needs: the error in file coordinates.
        case unreadable(X12Error)
    }

    var interchangeKey: InterchangeKey {
        InterchangeKey(senderQualifier: sender.qualifier, senderID: sender.id, controlNumber: interchangeControl)
    }
}

extension InboundStream {
    /// The document's 997 and 999 sets, read a set at a time in one more pass over it; none (and no pass) unless
    /// it holds any. A set its own validation rejects (or whose group or interchange it rejects) is given with the
    /// reasons, and not read: a partner's acknowledgement in error says nothing we can rely on.
    func functionalAcknowledgements() -> [InboundAcknowledgement] {
        let kinds = X12Acknowledgement.Kind.allCases.map(\.rawValue)
        guard kind == .x12, let x12, setIDs.contains(where: kinds.contains) else { return [] }
        var reader = X12StreamReader(file.source(upTo: cut))
        var found: [InboundAcknowledgement] = []
        // The stream was read to this end when it was opened: it does not fail now (but for a file changed since,
        // whose rest is left out).
        while let event = try? reader.next() {
            guard case .transactionSet(let set) = event,
                let acknowledgementKind = X12Acknowledgement.Kind(rawValue: set.transactionSet.id)
            else { continue }
            let (interchange, group, index) = set.envelopeIndices
            let rejection = InboundReader.rejection(interchange: interchange, group: group, set: index, in: x12.report)
            let (document, context) = set.documentAndContext
            let content: InboundAcknowledgement.Content
            if !rejection.isEmpty {
                content = .rejected(rejection.map { "\($0.code) \($0.description)" })
            } else {
                do throws(X12Error) {
                    content = .read(try X12ReceivedAcknowledgement(set: context, in: document))
                } catch {
                    content = .unreadable(X12Error(error.kind, at: set.fileLocation(error.location)))
                }
            }
            found.append(
                InboundAcknowledgement(
                    sender: InboundReader.sender(of: context),
                    interchangeControl: context.interchange.header.controlNumber,
                    groupSender: context.group.senderCode, kind: acknowledgementKind,
                    setControl: set.transactionSet.controlNumber, byteOffset: set.byteOffset, content: content))
        }
        return found
    }
}
