import OrderX12
public import Profiles
import X12

extension ProfileRule {
    /// What the acknowledgement writers cannot do of what a profile asks: `profiles check`, `route` and `demo` load
    /// profiles with these, so that a profile never promises a retailer an answer we would write otherwise.
    public static let answerWriters: [ProfileRule] = [
        x12Acknowledgements, orderStatusReports, cancelShipNotices, duplicateAnswers,
    ]

    /// The 870: a program that takes cancels on it reads why a line is cancelled in ISR03, the profile's status
    /// reason (`reason-codes`, `status-reason`), so every reason a floor cancel can give needs one, its own or the
    /// default's; and the 870 is X12, so the retailer must send X12.
    static let orderStatusReports = ProfileRule(name: "order-status-reports") { profile in
        guard profile.documents.cancelOn == .x870 else { return [] }
        var findings: [ProfileRule.Finding] = []
        let floorReasons: [Reason] = [.damaged, .notFound, .floorOther, .fillOrKill]
        let missing = floorReasons.filter { profile.reasonCodes.statusReason(for: $0) == nil }
        if !missing.isEmpty {
            findings.append(
                .init(
                    keyPath: "reason-codes.default",
                    message: "cancels go on the 870, whose ISR03 says why a line is cancelled: give default a "
                        + "status-reason, or each of " + missing.map(\.rawValue).joined(separator: ", ")))
        }
        if profile.identity.interchange.isEmpty {
            findings.append(
                .init(
                    keyPath: "documents.cancel-on",
                    message: "an 870 answers an X12 PO, but the profile names no X12 interchange identity"))
        }
        return findings
    }

    /// The 856 that cancels (`ShipNotice.Cancellation`): it answers an X12 PO, so the retailer must send X12. It
    /// carries no reason code (SN108 says only whether the line is deleted or reduced), so none is asked for.
    static let cancelShipNotices = ProfileRule(name: "cancel-ship-notices") { profile in
        guard profile.documents.cancelOn == .x856, profile.identity.interchange.isEmpty else { return [] }
        return [
            .init(
                keyPath: "documents.cancel-on",
                message: "an 856 that cancels answers an X12 PO, but the profile names no X12 interchange identity")
        ]
    }

    /// The 855 and the 997/999:
    /// - a reason code for an X12 retailer is the line's ACK01, so it must be a code of element 668 that says the
    ///   line does not ship (IR, ID, R1–R4);
    /// - an acknowledgement that is required for every PO needs `accept` among the kinds, or a PO that ships
    ///   complete gets none;
    /// - a pinned reply release must be one we have tables for (004010, 005010 and their later releases), and 005010
    ///   or later when the retailer expects 999s (a 999 exists from 005010 on).
    static let x12Acknowledgements = ProfileRule(name: "x12-acknowledgements") { profile in
        var findings: [ProfileRule.Finding] = []
        let documents = profile.documents
        if documents.expects.contains(.x855) {
            let allowed = POAcknowledgement.LineStatus.rejections.map(\.rawValue)
            let listed =
                [("default", profile.reasonCodes.fallback)]
                + Reason.allCases.compactMap { reason in profile.reasonCodes.codes[reason].map { (reason.rawValue, $0) }
                }
            for (key, code) in listed where !allowed.contains(code) {
                findings.append(
                    .init(
                        keyPath: "reason-codes.\(key)",
                        message: "'\(code)' cannot be sent: on an 855 the reason code is the line's ACK01, one of "
                            + allowed.joined(separator: ", ")))
            }
        }
        let acknowledgement = documents.acknowledgement
        if acknowledgement.required && !acknowledgement.kinds.contains(.accept) {
            findings.append(
                .init(
                    keyPath: "documents.acknowledgement.kinds",
                    message: "an acknowledgement is required for every PO, but 'accept' is not among the kinds: "
                        + "a PO that ships complete would get none (add accept, or set required: false)"))
        }
        if let pinned = profile.identity.x12ReplyVersion {
            let version = X12Version(pinned)
            if version.interchangeVersion == nil || ![4, 5].contains(version.major) || version.base < "004010" {
                findings.append(
                    .init(
                        keyPath: "identity.x12-reply-version",
                        message: "no tables to write release \(pinned) with; 004010, 005010 and their later releases "
                            + "can be written"))
            } else if documents.expects.contains(.x999) && !version.isAtLeast5010 {
                findings.append(
                    .init(
                        keyPath: "identity.x12-reply-version",
                        message: "a 999 exists from 005010 on, but replies are pinned to \(pinned)"))
            }
        }
        return findings
    }
}
