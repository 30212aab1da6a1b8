import OrderX12
public import OrderXML
public import Orders
public import X12

/// One inbound document opened by `InboundReader.open`: what reading it found up front (problems, notes, the X12
/// validation report), and its orders and unprocessed sets, read a set or an XML order at a time by `items`.
public struct InboundStream: Sendable {
    public let origin: String
    public let kind: DocumentFormat
    /// Every problem found reading it, one line each, `FILE:byte N: message` or `FILE:line:column: message`. An
    /// X12 document's are all known when it is opened; an XML document's come with its unprocessed orders
    /// (`Unprocessed.problem`).
    public internal(set) var problems: [String] = []
    /// What reading stepped over without losing anything (whitespace between X12 segments, padding after an IEA),
    /// one line each, `FILE:byte N: note: message`: warnings, not problems.
    public internal(set) var notes: [String] = []
    /// The interchanges' validation, for the functional acknowledgement; nil when nothing could be read as X12.
    public internal(set) var x12: X12Part?
    /// The transaction set IDs of an X12 document, each once, in file order (`["999"]`): what it holds instead
    /// when it holds no 850.
    public internal(set) var setIDs: [String] = []
    /// How many 850s an X12 document holds (those read and answered, before a salvage's cut).
    public internal(set) var purchaseOrderSets = 0

    let file: InboundFile
    /// The file's path, when the document is read from one (an XML reader streams it itself).
    let path: String?
    let validator: X12Validator
    let xmlDecoder: OrderXMLDecoder
    /// Where reading X12 stops: the end, or a salvage's cut (see `InboundReader.salvage`).
    var cut = 0

    init(
        origin: String, kind: DocumentFormat, file: InboundFile, path: String?, validator: X12Validator,
        xmlDecoder: OrderXMLDecoder
    ) {
        self.origin = origin
        self.kind = kind
        self.file = file
        self.path = path
        self.validator = validator
        self.xmlDecoder = xmlDecoder
    }

    public struct X12Part: Sendable {
        public var report: X12ValidationReport
        /// Every interchange as its end was read, with its sets' outline when the stream was opened to acknowledge
        /// it; empty otherwise.
        public var interchanges: [X12StreamInterchange]
    }

    /// An order or a set that cannot be routed, and why (a set rejected in its 997, an XML order missing a field).
    public struct Unprocessed: Sendable {
        public var poNumber: PONumber?
        /// Who sent it (ISA05/ISA06), to name the retailer even when the order could not be read.
        public var sender: PartnerIdentity?
        public var setControl: String?
        public var reasons: [String]
        /// The PO as far as it could be read, when its set was rejected but its content maps: it is answered
        /// with an 855 reject, and never decided (the retailer sends it again, corrected).
        public var readable: PurchaseOrder?
        /// The line it adds to the document's problems (an XML order that cannot be read), if any.
        public var problem: String?

        public init(
            poNumber: PONumber?, sender: PartnerIdentity?, setControl: String?, reasons: [String],
            readable: PurchaseOrder? = nil, problem: String? = nil
        ) {
            self.poNumber = poNumber
            self.sender = sender
            self.setControl = setControl
            self.reasons = reasons
            self.readable = readable
            self.problem = problem
        }
    }

    /// Which of a document's items a pass over it gives: all in document order, or the unprocessed ones, or the
    /// orders (a gateway answers every unprocessed set before it decides the first order).
    public enum Selection: Sendable {
        case all, unprocessed, orders
    }

    /// The document's orders and unprocessed sets, read anew from its start: a pass over an X12 document maps
    /// one set at a time, over XML one order at a time.
    public func items(_ selection: Selection = .all) -> InboundItems {
        InboundItems(self, selection: selection)
    }

    /// Could nothing at all be read from it, given what a pass over it found?
    public func isUnreadable(orders: Int, unprocessed: Int) -> Bool {
        orders == 0 && unprocessed == 0 && !problems.isEmpty
    }

    /// Was it read, without a purchase order in it (an X12 interchange of 997s, say)?
    public func holdsNoOrder(orders: Int, unprocessed: Int) -> Bool {
        orders == 0 && unprocessed == 0 && kind != .unknown
    }
}

/// What one pass over an inbound document gives, one item at a time.
public enum InboundItem: Sendable {
    /// A purchase order that can be routed.
    case order(PurchaseOrder)
    /// A retailer's change or cancel request for a PO (an 860; a cXML update or delete and an 850 that cancels or
    /// replaces come as orders, and `PurchaseOrder.changeRequest` makes them changes).
    case change(OrderChange)
    case unprocessed(InboundStream.Unprocessed)
}
