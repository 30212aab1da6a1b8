// libFuzzer harness for the XML purchase-order path: every input goes through content detection, the cXML
// decoder and a declarative mapping, in memory and streamed from a file as the gateway reads an inbox (the two must
// give the same orders and failures); every order that reads is answered with a ConfirmationRequest, which must
// itself read back as well-formed XML. Built by run.sh with swiftc -sanitize=fuzzer,address.
import Foundation
import OrderXML
import Orders

let mapping = try? XMLOrderMapping(
    parsing: """
        namespace.o: urn:example:marketplace:orders:2
        order: /o:orders/o:order
        line: o:items/o:item | item
        poNumber: @id | id
        currency: @currency
        dates.ordered: o:placedAt
        statedTotal: o:totals/o:grandTotal
        shipTo.street: o:address/o:street | o:address/o:line[@kind='2']
        shipTo.city: o:address/o:city
        line.number: @line
        line.quantity: o:quantity | qty
        line.unitPrice: o:price[@kind='unit']
        line.gtin: o:identifiers/o:id[@type='UPC']
        """, name: "fuzz")

let limits = XMLReader.Limits(
    maxDepth: 32, maxDocumentBytes: 1 << 20, maxAttributeBytes: 4096, maxTextBytes: 65536,
    maxElementsPerOrder: 4096)
let writer = CXMLWriter()
let supplier = PartnerIdentity(qualifier: "DUNS", id: "079123456")
let instant = Date(timeIntervalSince1970: 1_795_532_400)
let zone = TimeZone(secondsFromGMT: -5 * 3600) ?? .current
/// Where each input is written to be streamed from disk: one file for the process, overwritten per input.
let inputPath = FileManager.default.temporaryDirectory.appendingPathComponent("dropgate-fuzz-xml-\(getpid()).xml").path

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    _ = XMLDocumentKind(of: bytes, limits: limits)
    var decoders = [OrderXMLDecoder(limits: limits)]
    if let mapping { decoders.append(OrderXMLDecoder(limits: limits, mapping: mapping)) }
    guard FileManager.default.createFile(atPath: inputPath, contents: Data(bytes)) else {
        fatalError("cannot write \(inputPath)")
    }
    for decoder in decoders {
        let results = decoder.decode(bytes, origin: inputPath)
        let streamed: [Result<PurchaseOrder, OrderXMLError>]
        do { streamed = Array(try decoder.orders(inFile: inputPath)) } catch { streamed = [.failure(error)] }
        precondition(streamed == results, "the orders streamed from the file differ from those read in memory")
        for result in results {
            guard case .success(let order) = result else { continue }
            let envelope = CXMLEnvelope(
                replyingTo: order, as: supplier, payloadID: "fuzz", timestamp: instant, timeZone: zone)
            let answer = writer.makeConfirmationRequest(
                for: order, confirmation: .accepting(order, noticeDate: instant), envelope: envelope)
            guard let reader = try? XMLReader(bytes: Array(answer.utf8)) else {
                fatalError("no reader for our own answer")
            }
            do {
                while try reader.read() {}
            } catch {
                fatalError("our ConfirmationRequest is not well-formed: \(error)\n\(answer)")
            }
        }
    }
    return 0
}
