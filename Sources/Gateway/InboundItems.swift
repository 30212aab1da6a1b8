import OrderX12
public import OrderXML
public import Orders
public import X12

/// One pass over an inbound document (`InboundStream.items`): X12 through `X12StreamReader` and the 850 mapper, a
/// set at a time, each judged by the report the stream was opened with; XML through `XMLOrderStream`, an order at a
/// time. Only the set or order being read is held.
public struct InboundItems: Sequence, IteratorProtocol {
    private enum Pass {
        case x12(X12StreamReader<InboundByteSource>, report: X12ValidationReport, memo: PurchaseOrderMemo)
        case xml(XMLOrderStream)
        /// A reader that could not be made: its failure is the one item.
        case failed(OrderXMLError)
        case done
    }

    private var pass: Pass
    private let origin: String
    private let selection: InboundStream.Selection
    /// How many orders and unprocessed items this pass has given.
    public private(set) var orders = 0
    public private(set) var unprocessed = 0

    init(_ stream: InboundStream, selection: InboundStream.Selection) {
        origin = stream.origin
        self.selection = selection
        switch stream.kind {
        case .x12:
            guard let x12 = stream.x12 else {
                pass = .done
                return
            }
            pass = .x12(
                X12StreamReader(stream.file.source(upTo: stream.cut)), report: x12.report, memo: PurchaseOrderMemo())
        case .xml, .cXML:
            let decoder = stream.xmlDecoder
            do throws(OrderXMLError) {
                switch stream.file.storage {
                case .bytes(let bytes): pass = .xml(try decoder.orders(in: bytes, origin: stream.origin))
                case .file:
                    guard let path = stream.path else {
                        pass = .done
                        return
                    }
                    // What reading the bytes checks first: the reader streams the file, and would not.
                    guard stream.file.count <= Swift.min(decoder.limits.maxDocumentBytes, Int(Int32.max)) else {
                        throw OrderXMLError(.limitExceeded(.documentSize))
                    }
                    pass = .xml(try decoder.orders(inFile: path, origin: stream.origin))
                }
            } catch {
                pass = .failed(error)
            }
        case .unknown:
            pass = .done
        }
    }

    public mutating func next() -> InboundItem? {
        let item: InboundItem?
        switch pass {
        case .x12(var reader, let report, let memo):
            pass = .done  // keeps the reader uniquely referenced while it reads
            item = Self.nextSet(&reader, report: report, memo: memo, origin: origin, selection: selection)
            if item != nil { pass = .x12(reader, report: report, memo: memo) }
        case .xml(var stream):
            pass = .done
            item = nextOrder(&stream)
            if item != nil { pass = .xml(stream) }
        case .failed(let error):
            pass = .done
            item = selection == .orders ? nil : Self.unprocessed(error, origin: origin)
        case .done:
            item = nil
        }
        switch item {
        case .order, .change: orders += 1
        case .unprocessed: unprocessed += 1
        case nil: break
        }
        return item
    }

    private func nextOrder(_ stream: inout XMLOrderStream) -> InboundItem? {
        while let result = stream.next() {
            switch result {
            case .success(let order): if selection != .unprocessed { return .order(order) }
            case .failure(let error): if selection != .orders { return Self.unprocessed(error, origin: origin) }
            }
        }
        return nil
    }

    private static func unprocessed(_ error: OrderXMLError, origin: String) -> InboundItem {
        .unprocessed(
            .init(poNumber: nil, sender: nil, setControl: nil, reasons: ["\(error)"], problem: "\(origin):\(error)"))
    }

    /// The next 850 of the stream that `selection` wants, mapped; a set its acknowledgement rejects is not routed.
    private static func nextSet(
        _ reader: inout X12StreamReader<InboundByteSource>, report: X12ValidationReport, memo: PurchaseOrderMemo,
        origin: String, selection: InboundStream.Selection
    ) -> InboundItem? {
        // The stream was read to this end when it was opened: it does not fail now (but for a file changed since,
        // whose rest is left out).
        while let event = try? reader.next() {
            guard case .transactionSet(let set) = event else { continue }
            if set.transactionSet.id == "860" {
                if let item = changeItem(set, report: report, origin: origin, selection: selection) { return item }
                continue
            }
            guard set.transactionSet.id == "850" else { continue }
            let (interchange, group, index) = set.envelopeIndices
            let rejection = InboundReader.rejection(interchange: interchange, group: group, set: index, in: report)
            if !rejection.isEmpty && selection == .orders { continue }
            guard let mapped = set.purchaseOrder(origin: origin, memo: memo) else { continue }
            if !rejection.isEmpty {
                let order = try? mapped.get()
                let why = rejection.map { "\($0.code) \($0.description)" }
                // A set its 997 rejects alone is refused with an 855 too; a rejected interchange or group (TA1 R,
                // AK9 R) is answered by its acknowledgement alone: the partner sends it all again.
                let setAlone =
                    report.status(interchange: interchange) != .rejected
                    && report.errors(interchange: interchange, group: group).isEmpty
                return .unprocessed(
                    .init(
                        poNumber: order?.poNumber, sender: InboundReader.sender(of: set.context),
                        setControl: set.transactionSet.controlNumber, reasons: why, readable: setAlone ? order : nil))
            }
            switch mapped {
            case .success(let order):
                if selection != .unprocessed { return .order(order) }
            case .failure(let error):
                if selection != .orders {
                    return .unprocessed(
                        .init(
                            poNumber: nil, sender: InboundReader.sender(of: set.context),
                            setControl: set.transactionSet.controlNumber,
                            reasons: ["\(origin):byte \(error.location.byteOffset): \(error)"]))
                }
            }
        }
        return nil
    }

    /// An 860 the selection wants: the change it asks, or why it cannot be read. A set its acknowledgement rejects
    /// is answered by the 997/999 alone: the retailer sends it again.
    private static func changeItem(
        _ set: X12StreamSet, report: X12ValidationReport, origin: String, selection: InboundStream.Selection
    ) -> InboundItem? {
        let (interchange, group, index) = set.envelopeIndices
        guard InboundReader.rejection(interchange: interchange, group: group, set: index, in: report).isEmpty,
            let mapped = set.orderChange(origin: origin)
        else { return nil }
        switch mapped {
        case .success(let change):
            return selection == .unprocessed ? nil : .change(change)
        case .failure(let error):
            guard selection != .orders else { return nil }
            return .unprocessed(
                .init(
                    poNumber: nil, sender: InboundReader.sender(of: set.context),
                    setControl: set.transactionSet.controlNumber,
                    reasons: ["\(origin):byte \(error.location.byteOffset): \(error)"],
                    problem: "\(origin):byte \(error.location.byteOffset): \(error)"))
        }
    }
}
