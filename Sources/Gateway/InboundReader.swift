public import OrderXML
public import Orders
public import Profiles
public import X12

/// Turns an inbound document's bytes into canonical orders, whatever its format (told by content). Pure: no
/// store, no clock. Every problem is kept with where it is, and an X12 document keeps its validation report so
/// that it can be answered with a 997/999 or TA1.
///
/// One reading path for the gateway and the commands: X12 goes through `X12StreamReader` and the 850 mapper a set
/// at a time, XML through `XMLOrderStream` an order at a time, so that memory does not grow with the document.
/// `open` reads an X12 document once to validate it (a set's fate depends on its interchange's and group's
/// trailers, found after it); its orders are then read as they are needed (`InboundStream.items`).
public struct InboundReader: Sendable {
    public var validator: X12Validator
    public var xmlDecoder: OrderXMLDecoder

    public init(validator: X12Validator = X12Validator(), xmlDecoder: OrderXMLDecoder = OrderXMLDecoder()) {
        self.validator = validator
        self.xmlDecoder = xmlDecoder
    }

    /// A reader that knows the profiles' own XML formats: a retailer XML claimed in a profile is read through the
    /// profile's mapping (`mapping`, when given, reads every XML document instead, as `xml po --mapping` does).
    public init(profiles: ProfileSet, mapping: XMLOrderMapping? = nil, validator: X12Validator = X12Validator()) {
        self.init(validator: validator, xmlDecoder: OrderXMLDecoder(mapping: mapping, claims: profiles.xmlClaims))
    }

    /// Opens a document held in memory for reading: an X12 document is validated (in one pass over it), so that
    /// its problems, notes and report are known before any of its orders is read. `acknowledges` keeps each
    /// interchange's outline (envelope values of every set, a few dozen bytes a set) for its 997/999.
    public func open(_ bytes: [UInt8], origin: String, acknowledges: Bool = false) -> InboundStream {
        open(InboundFile(bytes: bytes), path: nil, origin: origin, acknowledges: acknowledges)
    }

    /// Opens the file at `path` for reading, as `open(_:origin:acknowledges:)` does: each pass over it reads it a
    /// chunk at a time, so that memory does not grow with its size. Throws when it cannot be opened, saying why
    /// and what it should be (`expected`).
    public func open(
        file path: String, origin: String, acknowledges: Bool = false,
        expected: String = "a purchase order document (X12 or XML)"
    ) throws(FileProblem) -> InboundStream {
        open(try InboundFile(path: path, expected: expected), path: path, origin: origin, acknowledges: acknowledges)
    }

    /// Opens a document already opened as `file` (from `path`, when it is read from one).
    func open(_ file: InboundFile, path: String?, origin: String, acknowledges: Bool) -> InboundStream {
        let kind = DocumentFormat(detecting: file)
        var stream = InboundStream(
            origin: origin, kind: kind, file: file, path: path, validator: validator, xmlDecoder: xmlDecoder)
        switch kind {
        case .x12: stream.survey(acknowledges: acknowledges)
        case .xml, .cXML: break
        case .unknown:
            stream.problems.append("\(origin):byte 0: neither an X12 interchange (ISA) nor an XML document (<)")
        }
        return stream
    }
}

extension InboundReader {
    /// Why the acknowledgement rejects a set, empty when it does not: a set is routed only when its answer accepts
    /// it. An interchange with TA1-level errors is answered by a TA1 that rejects it whole, and a group with
    /// group-level errors by an AK9 that rejects it whole (`X12ValidationReport.status`), so none of their sets is
    /// routed either: the partner, told they were not processed, will send them again.
    static func rejection(interchange: Int, group: Int, set: Int, in report: X12ValidationReport) -> [X12Error] {
        if report.status(interchange: interchange) == .rejected { return report.errors(interchange: interchange) }
        let groupErrors = report.errors(interchange: interchange, group: group)
        if !groupErrors.isEmpty { return groupErrors }
        guard report.status(interchange: interchange, group: group, set: set) == .rejected else { return [] }
        return report.errors(interchange: interchange, group: group, set: set)
    }

    static func sender(of context: X12SetContext) -> PartnerIdentity {
        PartnerIdentity(qualifier: context.interchange.header.senderQualifier, id: context.interchange.header.senderID)
    }
}
