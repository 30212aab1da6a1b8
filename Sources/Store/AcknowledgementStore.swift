public import Foundation

/// What the store keeps of the functional acknowledgements (997/999) partners send for what we sent them: every
/// X12 group we send that a 997 may answer (an 855, 856, 810 or 865 in the outbox, an 846 feed run) is recorded,
/// with its sets, in the transaction that numbers it; an inbound 997 is matched to it by partner and control
/// numbers, and what it says is kept on the group and its sets with the document that carried it.
public protocol AcknowledgementStore: Sendable {
    /// Records what a 997/999 says of a group we sent `receipt.partner`, in one transaction: the group's status,
    /// code and errors, each named set's, and the sets it does not name take the group's status (but for a group
    /// partially accepted, which names each set it rejects). Nothing is written when no group of that number was
    /// sent to that partner, or it was of another functional ID. A later acknowledgement of the same group replaces
    /// an earlier one.
    func recordAcknowledgement(_ receipt: AcknowledgementReceipt) async throws(StoreError) -> AcknowledgementMatch

    /// The groups sent to `partner` (every partner's when nil) that a 997 may answer, oldest first, with what came
    /// back for each and its sets.
    func sentGroups(partner: String?) async throws(StoreError) -> [SentGroup]
}

extension AcknowledgementStore {
    /// The groups sent in outbox rows, by row, with what came back for each: what `outbox list` and
    /// `GET /v1/outbox` show beside each row (a row missing here is one no 997 answers: a 997, a pick ticket, cXML).
    public func sentGroupsByOutboxRow() async throws(StoreError) -> [OutboxID: SentGroup] {
        var groups: [OutboxID: SentGroup] = [:]
        for group in try await sentGroups(partner: nil) {
            if case .outbox(let id) = group.subject { groups[id] = group }
        }
        return groups
    }
}

/// What a functional acknowledgement says of a group or set: AK901 or AK501 (IK501) as a state.
public enum AcknowledgementStatus: String, Hashable, Sendable, Codable, CaseIterable {
    /// A.
    case accepted
    /// E: accepted, with errors noted.
    case acceptedWithErrors = "accepted-with-errors"
    /// P (AK901 only): some of the group's sets were accepted, the others rejected.
    case partiallyAccepted = "partially-accepted"
    /// R, or a security failure (M, W, X).
    case rejected

    /// The state of an AK901 or AK501 code; nil for a code X12 does not define.
    public init?(code: String) {
        switch code {
        case "A": self = .accepted
        case "E": self = .acceptedWithErrors
        case "P": self = .partiallyAccepted
        case "R", "M", "W", "X": self = .rejected
        default: return nil
        }
    }

    /// Whether the partner took what was sent: A or E. A group partially accepted left some of its sets behind.
    public var accepts: Bool { self == .accepted || self == .acceptedWithErrors }
}

/// One 997/999 set as the gateway read it, to be matched to what we sent.
public struct AcknowledgementReceipt: Hashable, Sendable {
    /// The partner whose counters numbered what it answers (the retailer, or `QUALIFIER-ID` of an unknown sender).
    public var partner: String
    /// The inbound document that carried it.
    public var document: DocumentID
    public var receivedAt: Date
    /// AK101.
    public var functionalID: String
    /// AK102, as a number (we write GS06 as one).
    public var groupControl: Int
    /// AK901 as a state, and as received.
    public var status: AcknowledgementStatus
    public var code: String
    /// The group's errors read out, one line each; empty when none.
    public var errors: [String]
    public var sets: [SetReceipt]

    public init(
        partner: String, document: DocumentID, receivedAt: Date, functionalID: String, groupControl: Int,
        status: AcknowledgementStatus, code: String, errors: [String], sets: [SetReceipt]
    ) {
        self.partner = partner
        self.document = document
        self.receivedAt = receivedAt
        self.functionalID = functionalID
        self.groupControl = groupControl
        self.status = status
        self.code = code
        self.errors = errors
        self.sets = sets
    }

    /// What it says of one set (AK2 with its AK5).
    public struct SetReceipt: Hashable, Sendable {
        /// AK201.
        public var setID: String
        /// AK202, as a number (we write ST02 as one).
        public var control: Int
        /// AK501 as a state (never partially accepted: that is a group's).
        public var status: AcknowledgementStatus
        public var errors: [String]

        public init(setID: String, control: Int, status: AcknowledgementStatus, errors: [String]) {
            self.setID = setID
            self.control = control
            self.status = status
            self.errors = errors
        }
    }
}

/// What became of a 997/999 set the store was given.
public enum AcknowledgementMatch: Hashable, Sendable {
    /// It answers this group we sent: recorded. `unmatchedSets` are the sets it names that the group did not hold
    /// (recorded nowhere).
    case matched(SentGroup, unmatchedSets: [AcknowledgementReceipt.SetReceipt])
    /// No group of its number was sent to its partner: nothing recorded.
    case unmatched
    /// The group of its number sent to its partner was of another functional ID (`sent`): nothing recorded.
    case otherFunction(sent: String)
}

/// A group we sent that a 997/999 may answer, and what came back.
public struct SentGroup: Hashable, Sendable {
    public var partner: String
    /// GS06.
    public var groupControl: Int
    /// GS01 (`IB`, `PR`, `SH`, `IN`, `CA`).
    public var functionalID: String
    /// ST01 of its sets.
    public var setID: String
    /// The outbox row or feed run that carried it.
    public var subject: DeliverySubject
    public var sentAt: Date
    /// What the last 997/999 for it said; nil while none came back.
    public var acknowledgement: GroupAcknowledgement?
    /// ST02 of each set, with what the acknowledgement said of it.
    public var sets: [SentSet]

    public init(
        partner: String, groupControl: Int, functionalID: String, setID: String, subject: DeliverySubject,
        sentAt: Date, acknowledgement: GroupAcknowledgement?, sets: [SentSet]
    ) {
        self.partner = partner
        self.groupControl = groupControl
        self.functionalID = functionalID
        self.setID = setID
        self.subject = subject
        self.sentAt = sentAt
        self.acknowledgement = acknowledgement
        self.sets = sets
    }
}

/// One set of a group we sent.
public struct SentSet: Hashable, Sendable {
    /// ST02.
    public var control: Int
    /// What the acknowledgement said of it (the group's, when it names no set); nil while none came back.
    public var status: AcknowledgementStatus?
    /// Its AK5 errors and AK3/AK4 details, one line each; empty when none.
    public var errors: String

    public init(control: Int, status: AcknowledgementStatus?, errors: String) {
        self.control = control
        self.status = status
        self.errors = errors
    }
}

/// What a partner's 997/999 said of a group we sent, and which inbound document carried it.
public struct GroupAcknowledgement: Hashable, Sendable {
    public var status: AcknowledgementStatus
    /// AK901 as received (`R`, `M`…).
    public var code: String
    /// The group's and its sets' errors, one line each (`846 0001: segment LIN at position 7: 8 …`); empty when
    /// none.
    public var errors: String
    public var document: DocumentID
    public var at: Date

    public init(status: AcknowledgementStatus, code: String, errors: String, document: DocumentID, at: Date) {
        self.status = status
        self.code = code
        self.errors = errors
        self.document = document
        self.at = at
    }
}

extension AcknowledgementReceipt {
    /// Every error it reports, the group's first, then each set's prefixed with its ST01 and ST02 (a set rejected
    /// without a reason says so): what the group keeps as text, one line each.
    public var errorLines: [String] {
        var lines = errors
        for set in sets {
            let control = String(repeating: "0", count: max(0, 4 - String(set.control).count)) + String(set.control)
            if set.errors.isEmpty && !set.status.accepts {
                lines.append("\(set.setID) \(control): \(set.status.rawValue)")
            }
            lines += set.errors.map { "\(set.setID) \(control): \($0)" }
        }
        return lines
    }

    var errorText: String { errorLines.joined(separator: "\n") }
}

extension OutboundKind {
    /// GS01 and ST01 of a document of this kind that a 997/999 may answer; nil for what is not X12 or is itself an
    /// acknowledgement (never acknowledged).
    public var acknowledgeable: (functionalID: String, setID: String)? {
        switch self {
        case .purchaseOrderAcknowledgement: ("PR", "855")
        case .changeAcknowledgement: ("CA", "865")
        case .shipNotice: ("SH", "856")
        case .invoice: ("IN", "810")
        case .orderStatus: ("RS", "870")
        case .functionalAcknowledgement, .implementationAcknowledgement, .interchangeAcknowledgement,
            .cXMLConfirmation, .cXMLShipNotice, .cXMLInvoice, .pickTicket, .explanation:
            nil
        }
    }
}

/// GS01 and ST01 of an 846 feed run's group.
let inventoryAdviceGroup = (functionalID: "IB", setID: "846")

/// The groups a renderer numbered, from the control numbers it drew in order: a group's number is drawn before
/// its sets' (`X12OutgoingInterchange.assignControlNumbers(from:)`, `InventoryAdvice.write`), so each ST02
/// after a GS06 belongs to that group.
struct DrawnGroup: Hashable, Sendable {
    var control: Int
    var sets: [Int]

    static func groups(in drawn: some Sequence<(ControlNumberKind, Int)>) -> [DrawnGroup] {
        var groups: [DrawnGroup] = []
        for (kind, value) in drawn {
            switch kind {
            case .interchange: continue
            case .group: groups.append(DrawnGroup(control: value, sets: []))
            case .transactionSet:
                guard !groups.isEmpty else { continue }
                groups[groups.count - 1].sets.append(value)
            }
        }
        return groups
    }
}
