import OrderX12
import Orders
import X12

/// libFuzzer entry point: arbitrary bytes through reading, validation and 997/999/TA1 generation and writing, and
/// through the streaming reader in small chunks, which must find exactly what the whole-document reader finds; every
/// 850 read is mapped as the gateway maps it, whole (`X12Document.purchaseOrders`, one memo for the document) and
/// streamed (`X12StreamSet.purchaseOrder`, one memo for the stream), and the two must give the same orders and errors.
/// Any trap (index out of range, overflow, a stream that disagrees, an ASan report in the mapper's memory) is a
/// finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let streamed = stream(bytes, chunkSize: 1 + size % 61)
    let streamedOrders = orders(streaming: bytes, chunkSize: 1 + size % 37)
    let document: X12Document
    do {
        document = try X12Document(bytes: bytes)
    } catch {
        precondition(streamed.failure == error, "the stream failed otherwise: \(String(describing: streamed.failure))")
        return 0
    }
    let report = X12Validator().validate(document)
    let orders = document.purchaseOrders(origin: "fuzz")
    precondition(streamedOrders.failure == nil, "the stream failed where the document read")
    precondition(streamedOrders.orders == orders, "the streamed orders differ from the document's")
    for case .success(let order) in orders { _ = order.totalUnits }
    precondition(
        streamed.failure == nil, "the stream failed where the document read: \(String(describing: streamed.failure))")
    precondition(streamed.report.errors == report.errors, "the stream's errors differ from the document's")
    let builder = X12Acknowledgement(
        document: document, report: report, timestamp: .init(date: "20261125", time: "1200"))
    var counter = X12ControlNumberCounter()
    for index in document.interchanges.indices {
        for kind in X12Acknowledgement.Kind.allCases {
            var reply = builder.reply(to: index, kind: kind)
            reply.assignControlNumbers(from: &counter)
            if let written = try? X12Writer(delimiters: .standard).write(reply) {
                _ = try? X12Document(bytes: written)
            }
        }
        _ = builder.ta1(interchange: index)
        _ = try? X12Writer(delimiters: document.interchanges[index].delimiters).write(
            document.outgoing(interchange: index))
    }
    for error in report.errors { _ = error.description + error.code }
    return 0
}

/// The validation report of `bytes` read through the stream, or the error that ended the stream.
func stream(_ bytes: [UInt8], chunkSize: Int) -> (report: X12ValidationReport, failure: X12Error?) {
    var reader = X12StreamReader(X12InMemorySource(bytes, chunkSize: chunkSize))
    var validation = X12StreamValidation()
    do {
        while let event = try reader.next() { validation.add(event) }
    } catch {
        return (validation.report, error)
    }
    return (validation.report, nil)
}

/// The 850s of `bytes` mapped set by set as the stream hands them out, with one memo for the stream, or the error
/// that ended the stream.
func orders(streaming bytes: [UInt8], chunkSize: Int) -> (
    orders: [Result<PurchaseOrder, OrderX12Error>], failure: X12Error?
) {
    var reader = X12StreamReader(X12InMemorySource(bytes, chunkSize: chunkSize))
    let memo = PurchaseOrderMemo()
    var orders: [Result<PurchaseOrder, OrderX12Error>] = []
    do {
        while let event = try reader.next() {
            guard case .transactionSet(let set) = event, let order = set.purchaseOrder(origin: "fuzz", memo: memo)
            else { continue }
            orders.append(order)
        }
    } catch {
        return (orders, error)
    }
    return (orders, nil)
}
