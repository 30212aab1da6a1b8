/// One ISA…IEA interchange with its own delimiters.
public struct X12Interchange: Sendable {
    public var delimiters: X12Delimiters
    public var header: ISAHeader
    public var groups: [X12FunctionalGroup]
    /// Document segment indices from ISA up to and including IEA (or the last segment read when IEA is missing).
    public var segments: Range<Int>
    public var trailerIndex: Int?
    /// Segments that sit in the interchange outside any group (a TA1 answering an earlier interchange).
    public var looseSegments: [Int]
    public var byteRange: Range<Int>
}

/// ISA elements as sent, trailing padding removed.
public struct ISAHeader: Hashable, Sendable, Codable {
    public var authorizationQualifier: String
    public var authorization: String
    public var securityQualifier: String
    public var security: String
    public var senderQualifier: String
    public var senderID: String
    public var receiverQualifier: String
    public var receiverID: String
    /// YYMMDD.
    public var date: String
    /// HHMM.
    public var time: String
    /// ISA11: repetition separator (00402+) or the standards identifier `U`.
    public var repetitionOrStandards: String
    /// ISA12, e.g. `00401`.
    public var version: String
    /// ISA13, nine digits.
    public var controlNumber: String
    /// ISA14: `1` asks for a TA1.
    public var acknowledgmentRequested: String
    /// ISA15: `P` production, `T` test, `I` information.
    public var usage: String

    public init(
        authorizationQualifier: String = "00", authorization: String = "", securityQualifier: String = "00",
        security: String = "", senderQualifier: String, senderID: String, receiverQualifier: String,
        receiverID: String, date: String, time: String, repetitionOrStandards: String = "^",
        version: String = "00501", controlNumber: String, acknowledgmentRequested: String = "0",
        usage: String = "P"
    ) {
        self.authorizationQualifier = authorizationQualifier
        self.authorization = authorization
        self.securityQualifier = securityQualifier
        self.security = security
        self.senderQualifier = senderQualifier
        self.senderID = senderID
        self.receiverQualifier = receiverQualifier
        self.receiverID = receiverID
        self.date = date
        self.time = time
        self.repetitionOrStandards = repetitionOrStandards
        self.version = version
        self.controlNumber = controlNumber
        self.acknowledgmentRequested = acknowledgmentRequested
        self.usage = usage
    }
}

/// GS…GE.
public struct X12FunctionalGroup: Sendable {
    /// GS01: `PO`, `PR`, `FA`, …
    public var functionalID: String
    public var senderCode: String
    public var receiverCode: String
    public var date: String
    public var time: String
    /// GS06.
    public var controlNumber: String
    /// GS07: `X` for ASC X12.
    public var agency: String
    public var version: X12Version
    public var sets: [X12TransactionSet]
    public var headerIndex: Int
    public var trailerIndex: Int?
}

/// ST…SE.
public struct X12TransactionSet: Sendable {
    /// ST01: `850`, `855`, `997`, …
    public var id: String
    /// ST02.
    public var controlNumber: String
    /// ST03 (5010+): implementation convention reference.
    public var implementationReference: String?
    /// Document segment indices from ST through SE (or the last segment before the next envelope when SE is
    /// missing).
    public var segments: Range<Int>
    public var trailerIndex: Int?
}

/// GS08 read as its base version plus the industry convention that follows it: `004010VICS` is 004010 + `VICS`,
/// `005010X231A1` is 005010 + `X231A1`.
public struct X12Version: Hashable, Sendable, Codable, CustomStringConvertible {
    public var rawValue: String
    /// The first six characters when they are digits (`004010`).
    public var base: String
    public var convention: String?

    public init(_ rawValue: String) {
        self.rawValue = rawValue
        let digits = rawValue.prefix(6)
        if digits.count == 6, digits.allSatisfy({ $0.isASCII && $0.isNumber }) {
            base = String(digits)
            let rest = rawValue.dropFirst(6)
            convention = rest.isEmpty ? nil : String(rest)
        } else {
            base = rawValue
            convention = nil
        }
    }

    /// Major version as a number: 4 for 004010, 5 for 005010; 0 when unreadable.
    public var major: Int { Int(base.prefix(3)) ?? 0 }
    /// True for 005010 and later, where 999, ST03 and AK106 exist.
    public var isAtLeast5010: Bool { (Int(base) ?? 0) >= 5010 }

    public var description: String { rawValue }
}
