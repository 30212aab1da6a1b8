import Foundation
import OrderX12
import Orders
import Profiles
import Routing
import Store
import X12

extension Gateway {
    /// The 865 answering `change` as `review` decided, numbered when committed: BCA02 AT when every line (and a
    /// new ship-to or method) is accepted, RD when nothing is, AC between; one POC and ACK per line the change
    /// names, echoing its item numbers as the PO (or the change, for an added line) gave them.
    func changeAcknowledgementDraft(
        _ review: ChangeReview, change: OrderChange, order: PurchaseOrder?, profile: RetailerProfile, at now: Date
    ) -> OutboundDraft {
        let acknowledgement = ChangeAcknowledgement(
            review, change: change, order: order, reasonCodes: profile.reasonCodes,
            date: CalendarDate(now, in: profile.timeZone))
        let envelope = PurchaseOrder(poNumber: change.poNumber, source: change.source)
        return x12Draft(
            .changeAcknowledgement, name: "865-\(change.poNumber)-\(change.changeNumber ?? "0").x12", order: envelope,
            profile: profile, at: now
        ) { format, timestamp, counter in
            try change.changeAcknowledgementInterchange(
                acknowledgement, timestamp: timestamp, format: format, counter: &counter)
        }
    }
}

extension ChangeAcknowledgement {
    /// The 865 a review makes, in the retailer's codes: an accepted line is IA (added), ID (cancelled), IQ (its
    /// quantity changed) or IC (changed otherwise); a refused one carries the profile's code for its reason.
    init(
        _ review: ChangeReview, change: OrderChange, order: PurchaseOrder?, reasonCodes: ReasonCodes, date: CalendarDate
    ) {
        let kind: Kind =
            switch review.verdict {
            case .accepted: .accepted
            case .partlyAccepted: .acceptedWithChanges
            case .refused: .rejectedWithDetail
            }
        let lines = review.lines.map { line -> Line in
            let status: String
            if line.accepted {
                switch line.kind {
                case .add: status = "IA"
                case .cancel: status = "ID"
                case .quantityIncrease, .quantityDecrease: status = "IQ"
                case .change: status = line.asked == line.before ? "IC" : "IQ"
                }
            } else {
                status = reasonCodes.code(for: line.reason ?? .invalidChange)
            }
            let code = line.code ?? line.kind.code
            let echoed =
                order?.lines.first { $0.lineNumber == line.lineNumber }
                ?? change.lines.first { $0.lineNumber == line.lineNumber }?.line
            if let echoed {
                var unitLine = echoed
                unitLine.unit = line.unit
                return Line(
                    lineNumber: line.lineNumber, changeCode: code, quantity: line.answered, status: status,
                    statusQuantity: line.answered, echoing: unitLine)
            }
            return Line(
                lineNumber: line.lineNumber, changeCode: code, quantity: line.answered, unit: line.unit, status: status,
                statusQuantity: line.answered)
        }
        self.init(kind: kind, date: date, lines: lines)
    }
}
