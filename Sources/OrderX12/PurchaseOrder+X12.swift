import Foundation
public import Orders
public import X12

extension PurchaseOrder {
    /// Maps one 850 transaction set to the canonical order. Segments the order has no place for (FOB, ITD, PO4,
    /// CTP, …) are read past; a missing BEG or BEG03, or a PO1 without a readable quantity, is an error naming the
    /// segment and element. `memo`, kept from set to set, makes texts and numbers repeated between orders once.
    public init(
        x12 context: X12SetContext, in document: X12Document, origin: String? = nil, memo: PurchaseOrderMemo? = nil
    ) throws(OrderX12Error) {
        let set = context.set
        guard set.id == "850" else {
            throw OrderX12Error(
                .notAPurchaseOrder(set.id),
                at: PurchaseOrderMapper.location(
                    segment: set.segments.lowerBound, element: nil, in: document, setStart: set.segments.lowerBound,
                    interchange: context.interchangeIndex, group: context.groupIndex, setIndex: context.setIndex))
        }
        let source = PurchaseOrderMapper.source(
            header: context.interchange.header, group: context.group, origin: origin)
        self = try document.withPurchaseOrderMapper(memo: memo) { mapper throws(OrderX12Error) in
            try document.mapPurchaseOrder(
                segments: set.segments, setControl: set.controlNumber, source: source,
                separator: context.interchange.delimiters.element, interchange: context.interchangeIndex,
                group: context.groupIndex, setIndex: context.setIndex, with: &mapper)
        }
    }
}

extension X12Document {
    /// Every 850 in the document mapped to a canonical order, in input order; one result per 850 so that one bad
    /// PO does not hide the others.
    public func purchaseOrders(origin: String? = nil) -> [Result<PurchaseOrder, OrderX12Error>] {
        var result: [Result<PurchaseOrder, OrderX12Error>] = []
        result.reserveCapacity(count(ofTransactionSets: "850"))
        // A quarter of a kilobyte an order, written once: tens of megabytes for a large file, in 2 MB pages.
        result.adviseHugePages()
        // The envelopes are read in place, and what the orders of one group share is made once for the group: a
        // context per set would copy the interchange's header (a dozen strings) for every order. Texts and numbers
        // that come again are made once for the document.
        let memo = PurchaseOrderMemo()
        // One mapper for every order: its buffers are made once.
        withPurchaseOrderMapper(memo: memo) { mapper in
            for interchangeIndex in interchanges.indices {
                let separator = interchanges[interchangeIndex].delimiters.element
                for groupIndex in interchanges[interchangeIndex].groups.indices {
                    let group = interchanges[interchangeIndex].groups[groupIndex]
                    let source = PurchaseOrderMapper.source(
                        header: interchanges[interchangeIndex].header, group: group, origin: origin)
                    // The set's fields are read where they are: passing the set would copy it (and its strings).
                    for setIndex in group.sets.indices where group.sets[setIndex].id == "850" {
                        do throws(OrderX12Error) {
                            let order = try mapPurchaseOrder(
                                segments: group.sets[setIndex].segments,
                                setControl: group.sets[setIndex].controlNumber, source: source, separator: separator,
                                interchange: interchangeIndex, group: groupIndex, setIndex: setIndex, with: &mapper)
                            result.append(.success(order))
                        } catch {
                            result.append(.failure(error))
                        }
                    }
                }
            }
        }
        return result
    }

    /// `body` given a mapper of the document's 850s, on its bytes and segment table (valid for the call).
    func withPurchaseOrderMapper<Value, Failure: Error>(
        memo: PurchaseOrderMemo?, _ body: (inout PurchaseOrderMapper) throws(Failure) -> Value
    ) throws(Failure) -> Value {
        try bytes.withUnsafeBufferPointer { bytes throws(Failure) in
            try segmentRanges.withUnsafeBufferPointer { ranges throws(Failure) in
                var mapper = PurchaseOrderMapper(bytes: bytes, ranges: ranges, memo: memo)
                return try body(&mapper)
            }
        }
    }

    /// The 850 of `segments` (ST through SE) mapped by `mapper` (this document's), with `source` (its group's)
    /// completed by its control number; a failure is placed in the document.
    func mapPurchaseOrder(
        segments: Range<Int>, setControl: String, source: OrderSource, separator: UInt8, interchange: Int,
        group: Int, setIndex: Int, with mapper: inout PurchaseOrderMapper
    ) throws(OrderX12Error) -> PurchaseOrder {
        do throws(PurchaseOrderMapper.Failure) {
            return try mapper.map(segments, separator: separator, source: source, setControl: setControl)
        } catch {
            throw OrderX12Error(
                error.kind,
                at: PurchaseOrderMapper.location(
                    segment: error.segment, element: error.element, in: self, setStart: segments.lowerBound,
                    interchange: interchange, group: group, setIndex: setIndex))
        }
    }
}

extension PurchaseOrderMapper {
    /// What every order of a group shares: the partners and control numbers of its envelopes (ST02 is the set's).
    static func source(header: ISAHeader, group: X12FunctionalGroup, origin: String?) -> OrderSource {
        OrderSource(
            format: .x12, senderID: PartnerIdentity(qualifier: header.senderQualifier, id: header.senderID),
            receiverID: PartnerIdentity(qualifier: header.receiverQualifier, id: header.receiverID),
            interchangeControl: header.controlNumber, groupControl: group.controlNumber,
            version: group.version.rawValue, origin: origin, senderGroupID: group.senderCode,
            receiverGroupID: group.receiverCode, usage: header.usage)
    }

    /// Where segment `index` (element `element`, if any) is in `document`, in the set whose ST is segment
    /// `setStart`.
    static func location(
        segment index: Int, element: Int?, in document: X12Document, setStart: Int, interchange: Int, group: Int,
        setIndex: Int
    ) -> X12Location {
        let segment = document.segment(index)
        var byteOffset = segment.byteOffset
        if let element, let range = segment.element(element)?.range {
            byteOffset = range.lowerBound
        }
        return X12Location(
            byteOffset: byteOffset, segmentIndex: index, segmentID: segment.id,
            segmentPosition: index - setStart + 1, elementPosition: element,
            interchange: interchange, group: group, set: setIndex)
    }
}
