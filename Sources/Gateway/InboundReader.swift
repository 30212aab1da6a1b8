import Foundation
import OrderX12
public import OrderXML
public import Orders
public import Profiles
public import X12

/// Turns an inbound document's bytes into canonical orders, whatever its format (told by content). Pure: no
/// store, no clock. Every problem is kept with where it is, and an X12 document keeps its validation report so
/// that it can be answered with a 997/999 or TA1.
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

    public func read(_ bytes: [UInt8], origin: String) -> InboundBatch {
        let kind = DocumentFormat(detecting: bytes)
        var batch = InboundBatch(origin: origin, kind: kind)
        switch kind {
        case .x12:
            let document: X12Document
            var cut = bytes.count
            do {
                document = try X12Document.read(bytes)
            } catch {
                batch.problems.append(error.diagnosticLine(file: origin))
                // What comes before the failure is still answered, and its sound interchanges processed.
                guard let salvage = Self.salvage(bytes, after: error) else { return batch }
                batch.problems.append("\(origin):\(salvage.note)")
                document = salvage.document
                cut = salvage.cut
            }
            let report = validator.validate(document)
            batch.x12 = InboundBatch.X12Part(document: document, report: report)
            batch.notes = document.notes.map { $0.diagnosticLine(file: origin) }
            // Past a salvage's cut, problems describe the cut (an interchange without its IEA), not the input.
            for error in report.errors where error.byteOffset < cut {
                batch.problems.append(error.diagnosticLine(file: origin))
            }
            let memo = PurchaseOrderMemo()
            for context in document.transactionSets where context.set.id == "850" {
                let mapped = Result { () throws(OrderX12Error) in
                    try PurchaseOrder(x12: context, in: document, origin: origin, memo: memo)
                }
                let rejection = Self.rejection(of: context, in: report)
                if !rejection.isEmpty {
                    let order = try? mapped.get()
                    let why = rejection.map { "\($0.code) \($0.description)" }
                    // A set its 997 rejects alone is refused with an 855 too; a rejected interchange or group (TA1 R,
                    // AK9 R) is answered by its acknowledgement alone: the partner sends it all again.
                    let setAlone =
                        report.status(interchange: context.interchangeIndex) != .rejected
                        && report.errors(interchange: context.interchangeIndex, group: context.groupIndex).isEmpty
                    batch.unprocessed.append(
                        .init(
                            poNumber: order?.poNumber, sender: Self.sender(of: context),
                            setControl: context.set.controlNumber, reasons: why, readable: setAlone ? order : nil))
                    continue
                }
                switch mapped {
                case .success(let order): batch.orders.append(order)
                case .failure(let error):
                    batch.unprocessed.append(
                        .init(
                            poNumber: nil, sender: Self.sender(of: context), setControl: context.set.controlNumber,
                            reasons: ["\(origin):byte \(error.location.byteOffset): \(error)"]))
                }
            }
        case .xml, .cXML:
            for result in xmlDecoder.decode(bytes, origin: origin) {
                switch result {
                case .success(let order): batch.orders.append(order)
                case .failure(let error):
                    batch.problems.append("\(origin):\(error)")
                    batch.unprocessed.append(.init(poNumber: nil, sender: nil, setControl: nil, reasons: ["\(error)"]))
                }
            }
        case .unknown:
            batch.problems.append("\(origin):byte 0: neither an X12 interchange (ISA) nor an XML document (<)")
        }
        return batch
    }
}

extension InboundReader {
    /// Why the acknowledgement rejects a set, empty when it does not: a set is routed only when its answer accepts
    /// it. An interchange with TA1-level errors is answered by a TA1 that rejects it whole, and a group with
    /// group-level errors by an AK9 that rejects it whole (`X12ValidationReport.status`), so none of their sets is
    /// routed either: the partner, told they were not processed, will send them again.
    static func rejection(of context: X12SetContext, in report: X12ValidationReport) -> [X12Error] {
        let (interchange, group, set) = (context.interchangeIndex, context.groupIndex, context.setIndex)
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

/// What one inbound document held.
public struct InboundBatch: Sendable {
    public var origin: String
    public var kind: DocumentFormat
    /// The purchase orders that can be routed.
    public var orders: [PurchaseOrder] = []
    /// Orders or sets that cannot be routed, and why (a set rejected in its 997, an XML order missing a field).
    public var unprocessed: [Unprocessed] = []
    /// Every problem found, one line each, `FILE:byte N: message` or `FILE:line:column: message`.
    public var problems: [String] = []
    /// What reading stepped over without losing anything (whitespace between X12 segments, padding after an IEA),
    /// one line each, `FILE:byte N: note: message`: warnings, not problems.
    public var notes: [String] = []
    /// The parsed interchanges and their validation, for the functional acknowledgement.
    public var x12: X12Part?

    public struct X12Part: Sendable {
        public var document: X12Document
        public var report: X12ValidationReport
    }

    public struct Unprocessed: Sendable {
        public var poNumber: PONumber?
        /// Who sent it (ISA05/ISA06), to name the retailer even when the order could not be read.
        public var sender: PartnerIdentity?
        public var setControl: String?
        public var reasons: [String]
        /// The PO as far as it could be read, when its set was rejected but its content maps: it is answered
        /// with an 855 reject, and never decided (the retailer sends it again, corrected).
        public var readable: PurchaseOrder?

        public init(
            poNumber: PONumber?, sender: PartnerIdentity?, setControl: String?, reasons: [String],
            readable: PurchaseOrder? = nil
        ) {
            self.poNumber = poNumber
            self.sender = sender
            self.setControl = setControl
            self.reasons = reasons
            self.readable = readable
        }
    }

    /// Could nothing at all be read from it?
    public var isUnreadable: Bool { orders.isEmpty && unprocessed.isEmpty && !problems.isEmpty }

    /// Was it read, without a purchase order in it (an X12 interchange of 997s, say)?
    public var holdsNoOrder: Bool { orders.isEmpty && unprocessed.isEmpty && kind != .unknown }

    /// The transaction set IDs of an X12 document, each once, in file order (`["999"]`): what it holds instead.
    public var setIDs: [String] {
        var seen: Set<String> = []
        return (x12?.document.transactionSets ?? []).map(\.set.id).filter { seen.insert($0).inserted }
    }
}
