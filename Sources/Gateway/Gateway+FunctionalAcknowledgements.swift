import Foundation
import Orders
import Profiles
import Store
import X12

extension Gateway {
    /// How many 997/999 sets a document held: those read and matched (or found to match nothing), those in error
    /// (refused as an 850 in error is: not taken at their word), and those of interchanges received before, which
    /// are not matched again.
    struct AcknowledgementCount: Sendable {
        var read = 0
        var refused = 0
        var redelivered = 0
    }

    /// Matches each 997/999 of a document to the group we sent its partner that it answers, and records what it
    /// says (`AcknowledgementStore.recordAcknowledgement`). Nothing answers it: an acknowledgement is never
    /// acknowledged (`answerInterchanges`). What is matched is noted; what matches nothing we sent, names sets the
    /// group did not hold, or is itself in error is a problem of the document, which is kept as every document is.
    func reconcileAcknowledgements(
        of stream: InboundStream, document: DocumentID, repeated: Set<InterchangeKey>, at now: Date,
        report: inout DocumentReport
    ) async -> AcknowledgementCount {
        var count = AcknowledgementCount()
        for found in stream.functionalAcknowledgements() {
            if repeated.contains(found.interchangeKey) {
                count.redelivered += 1
                continue
            }
            let profile = profiles.profile(interchangeSender: found.sender, groupSender: found.groupSender)
            let partner = profile?.id.rawValue ?? "\(found.sender.qualifier)-\(found.sender.id)"
            let place =
                "\(report.origin):byte \(found.byteOffset): \(found.kind.rawValue) \(found.setControl) from \(partner)"
            let acknowledgement: X12ReceivedAcknowledgement
            switch found.content {
            case .read(let read):
                acknowledgement = read
                count.read += 1
            case .rejected(let reasons):
                count.refused += 1
                report.problems.append(
                    "\(place): not matched to what we sent, being itself in error: "
                        + reasons.joined(separator: "; "))
                continue
            case .unreadable(let error):
                count.refused += 1
                report.problems.append(
                    "\(error.diagnosticLine(file: report.origin)): \(found.kind.rawValue) \(found.setControl) from \(partner) "
                        + "not matched to what we sent")
                continue
            }
            let group = "group \(acknowledgement.functionalID) \(acknowledgement.groupControl)"
            let receipt: AcknowledgementReceipt
            switch Self.receipt(acknowledgement, partner: partner, document: document, at: now) {
            case .success(let made): receipt = made
            case .failure(let why):
                report.problems.append("\(place): \(group) not matched to what we sent: \(why.message)")
                continue
            }
            let named = acknowledgement.sets.map { "\($0.setID) \($0.controlNumber)" }
            do {
                switch try await store.recordAcknowledgement(receipt) {
                case .matched(let sent, let unmatched):
                    let what =
                        switch sent.subject {
                        case .outbox(let id): "outbox row \(id)"
                        case .feedRun(let id): "feed run \(id)"
                        }
                    report.notes.append(
                        "\(place): \(group) (\(sent.setID), \(what)) \(receipt.status.rawValue)"
                            + (receipt.errorLines.isEmpty ? "" : ": " + receipt.errorLines.joined(separator: "; ")))
                    if !unmatched.isEmpty {
                        report.problems.append(
                            "\(place): names "
                                + unmatched.map { "set \($0.setID) \(Self.setControlText($0.control))" }
                                .joined(separator: ", ")
                                + " of \(group), which held no such set (it held \(sent.setID) "
                                + sent.sets.map { Self.setControlText($0.control) }.joined(separator: ", ") + ")")
                    }
                case .unmatched:
                    report.problems.append(
                        "\(place): acknowledges \(group)"
                            + (named.isEmpty ? "" : " (sets \(named.joined(separator: ", ")))")
                            + ", but no group of that number was sent to \(partner): recorded nowhere")
                case .otherFunction(let sent):
                    report.problems.append(
                        "\(place): acknowledges \(group), but the group of that number sent to \(partner) was "
                            + "\(sent): recorded nowhere")
                }
            } catch {
                // Kept, and finished by a later run: what it says is not lost.
                report.problems.append("\(place): \(group) not recorded: \(error)")
                report.leavePending = true
            }
        }
        return count
    }

    /// Why a 997/999 that read cannot be matched.
    struct ReceiptProblem: Error {
        var message: String
    }

    /// What the store is given of an acknowledgement: its numbers as we write them (GS06, ST02 are numbers), its
    /// codes as states. Fails on a number or code we could not have sent or X12 does not define.
    static func receipt(
        _ acknowledgement: X12ReceivedAcknowledgement, partner: String, document: DocumentID, at now: Date
    ) -> Result<AcknowledgementReceipt, ReceiptProblem> {
        guard let control = Int(acknowledgement.groupControl), control > 0 else {
            return .failure(
                ReceiptProblem(message: "AK102 '\(acknowledgement.groupControl)' is no group number we write"))
        }
        guard let status = AcknowledgementStatus(code: acknowledgement.groupCode) else {
            return .failure(ReceiptProblem(message: "AK901 '\(acknowledgement.groupCode)' is no acknowledgement code"))
        }
        var sets: [AcknowledgementReceipt.SetReceipt] = []
        for set in acknowledgement.sets {
            guard let number = Int(set.controlNumber), number > 0 else {
                return .failure(
                    ReceiptProblem(message: "AK202 '\(set.controlNumber)' is no set control number we write"))
            }
            guard let setStatus = AcknowledgementStatus(code: set.code), setStatus != .partiallyAccepted else {
                return .failure(
                    ReceiptProblem(message: "AK501 '\(set.code)' of set \(set.controlNumber) is no set code"))
            }
            sets.append(.init(setID: set.setID, control: number, status: setStatus, errors: set.errors))
        }
        return .success(
            AcknowledgementReceipt(
                partner: partner, document: document, receivedAt: now, functionalID: acknowledgement.functionalID,
                groupControl: control, status: status, code: acknowledgement.groupCode,
                errors: acknowledgement.groupErrors, sets: sets))
    }

    /// ST02 as we write it: four digits at least.
    static func setControlText(_ control: Int) -> String {
        let text = String(control)
        return String(repeating: "0", count: max(0, 4 - text.count)) + text
    }
}
