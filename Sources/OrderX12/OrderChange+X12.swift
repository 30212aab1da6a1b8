public import Orders
public import X12

extension OrderChange {
    /// Maps one 860 transaction set to the canonical change (`OrderChangeMapper` says what is read). A missing BCH
    /// or BCH03, a POC without POC01, a POC02 that names no line change we act on, or a quantity or price that is
    /// not a number is an error naming the segment and element.
    public init(x12 context: X12SetContext, in document: X12Document, origin: String? = nil) throws(OrderX12Error) {
        let set = context.set
        let place = { (segment: Int, element: Int?) in
            PurchaseOrderMapper.location(
                segment: segment, element: element, in: document, setStart: set.segments.lowerBound,
                interchange: context.interchangeIndex, group: context.groupIndex, setIndex: context.setIndex)
        }
        guard set.id == "860" else {
            throw OrderX12Error(.notAnOrderChange(set.id), at: place(set.segments.lowerBound, nil))
        }
        var source = PurchaseOrderMapper.source(
            header: context.interchange.header, group: context.group, origin: origin)
        source.setControl = set.controlNumber
        do throws(OrderChangeMapper.Failure) {
            self = try OrderChangeMapper.map(
                set.segments, in: document, delimiters: context.interchange.delimiters, source: source)
        } catch {
            throw OrderX12Error(error.kind, at: place(error.segment, error.element))
        }
    }
}

extension X12Document {
    /// Every 860 in the document mapped to a canonical change, in input order; one result per 860 so that one bad
    /// change does not hide the others.
    public func orderChanges(origin: String? = nil) -> [Result<OrderChange, OrderX12Error>] {
        transactionSets(id: "860").map { context in
            Result { () throws(OrderX12Error) in try OrderChange(x12: context, in: self, origin: origin) }
        }
    }
}
