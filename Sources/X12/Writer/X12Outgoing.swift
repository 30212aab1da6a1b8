public struct X12OutgoingSet: Hashable, Sendable {
    public var id: String
    /// ST02; nil until `assigningControlNumbers` fills it.
    public var controlNumber: String?
    /// ST03 (005010+).
    public var implementationReference: String?
    /// The segments between ST and SE (empty when they come `written`).
    public var body: [X12OutgoingSegment]
    /// The segments between ST and SE already written, with the delimiters and line break of the writer that is to
    /// carry them (which refuses any other).
    public var written: X12WrittenBody?

    public init(
        id: String, controlNumber: String? = nil, implementationReference: String? = nil,
        body: [X12OutgoingSegment]
    ) {
        self.id = id
        self.controlNumber = controlNumber
        self.implementationReference = implementationReference
        self.body = body
    }

    /// A set whose body is written already.
    public init(
        id: String, controlNumber: String? = nil, implementationReference: String? = nil, written: X12WrittenBody
    ) {
        self.init(id: id, controlNumber: controlNumber, implementationReference: implementationReference, body: [])
        self.written = written
    }

    /// How many segments lie between ST and SE.
    public var bodyCount: Int { written?.segmentCount ?? body.count }
}

public struct X12OutgoingGroup: Hashable, Sendable {
    public var functionalID: String
    public var senderCode: String
    public var receiverCode: String
    /// CCYYMMDD.
    public var date: String
    /// HHMM.
    public var time: String
    public var controlNumber: String?
    public var agency: String
    /// GS08: `004010`, `005010X231A1`.
    public var version: String
    public var sets: [X12OutgoingSet]

    public init(
        functionalID: String, senderCode: String, receiverCode: String, date: String, time: String,
        controlNumber: String? = nil, agency: String = "X", version: String, sets: [X12OutgoingSet]
    ) {
        self.functionalID = functionalID
        self.senderCode = senderCode
        self.receiverCode = receiverCode
        self.date = date
        self.time = time
        self.controlNumber = controlNumber
        self.agency = agency
        self.version = version
        self.sets = sets
    }
}

public struct X12OutgoingInterchange: Hashable, Sendable {
    /// ISA elements; `controlNumber` may be empty until `assigningControlNumbers` fills it.
    public var header: ISAHeader
    /// Segments directly in the interchange before any group (TA1).
    public var looseSegments: [X12OutgoingSegment]
    public var groups: [X12OutgoingGroup]

    public init(header: ISAHeader, looseSegments: [X12OutgoingSegment] = [], groups: [X12OutgoingGroup]) {
        self.header = header
        self.looseSegments = looseSegments
        self.groups = groups
    }

    /// Fills every control number that is still empty from `source`: ISA13, GS06, ST02.
    public mutating func assignControlNumbers(from source: inout some X12ControlNumberSource) {
        if header.controlNumber.isEmpty {
            header.controlNumber = Self.nineDigits(source.next(.interchange))
        }
        for groupIndex in groups.indices {
            if groups[groupIndex].controlNumber == nil {
                groups[groupIndex].controlNumber = String(source.next(.group))
            }
            for setIndex in groups[groupIndex].sets.indices where groups[groupIndex].sets[setIndex].controlNumber == nil
            {
                let number = String(source.next(.transactionSet))
                groups[groupIndex].sets[setIndex].controlNumber =
                    String(repeating: "0", count: max(0, 4 - number.count)) + number
            }
        }
    }

    static func nineDigits(_ value: Int) -> String {
        let text = String(value % 1_000_000_000)
        return String(repeating: "0", count: 9 - text.count) + text
    }
}

/// Where control numbers come from. The gateway makes them durable per trading partner; tests and the CLI use
/// `X12ControlNumberCounter`.
public protocol X12ControlNumberSource {
    mutating func next(_ kind: X12ControlNumberKind) -> Int
}

public enum X12ControlNumberKind: Hashable, Sendable {
    case interchange, group, transactionSet
}

/// An in-memory counter: each kind counts up from its start value.
public struct X12ControlNumberCounter: X12ControlNumberSource, Hashable, Sendable {
    public var interchange: Int
    public var group: Int
    public var transactionSet: Int

    public init(interchange: Int = 1, group: Int = 1, transactionSet: Int = 1) {
        self.interchange = interchange
        self.group = group
        self.transactionSet = transactionSet
    }

    public mutating func next(_ kind: X12ControlNumberKind) -> Int {
        switch kind {
        case .interchange:
            defer { interchange += 1 }
            return interchange
        case .group:
            defer { group += 1 }
            return group
        case .transactionSet:
            defer { transactionSet += 1 }
            return transactionSet
        }
    }
}
