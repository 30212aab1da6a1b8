import Foundation
import OrderX12
import Orders
import X12

/// The "an 856 per shipment costs no more than the 855 costs today": the ASN (and the 810) of a shipment
/// written as the gateway writes them, beside the 855 of the same order in the same run.
enum ShipmentBenchmarks {
    static func run(into table: inout BenchmarkTable, documents: Int) throws {
        let text = try String(contentsOfFile: "fixtures/inbox/homedepot-20261123-2200.x12", encoding: .utf8)
        guard let order = try X12Document(bytes: Array(text.utf8)).purchaseOrders().first.map({ try $0.get() }) else {
            throw BenchFailure("the Home Depot sample holds no PO")
        }
        let confirmation = ShipConfirmation(
            node: "ORD1", shippedAt: Date(timeIntervalSince1970: 1_795_000_000),
            method: ShipMethod(carrierSCAC: "UPSN", serviceLevel: "SG", transportMethod: "U", routing: "UPS GROUND"),
            service: "ups-ground",
            packages: [
                .init(
                    trackingNumber: "1Z999AA10123456784", weight: 12.5,
                    contents: order.lines.compactMap { line in
                        line.sku.map { .init(lineNumber: line.lineNumber, sku: $0, quantity: line.quantity) }
                    })
            ])
        let format = X12ReplyFormat(version: X12Version("004010"), delimiters: .standard, lineBreak: [])
        let timestamp = X12Acknowledgement.Timestamp(date: "20261124", time: "1100")
        let acknowledgement = POAcknowledgement(
            kind: .acceptedWithDetail, date: CalendarDate(year: 2026, month: 11, day: 24)!,
            lines: order.lines.map { .init(lineNumber: $0.lineNumber, status: .accepted) })
        let notice = ShipNotice(
            shipmentID: "ASN1-1", created: confirmation.shippedAt,
            shipFrom: ShipNotice.shipFromParty("ORD1", name: "Joliet IL distribution center"),
            confirmation: confirmation)
        let invoice = Invoice(
            invoiceNumber: "INV1-1", date: CalendarDate(year: 2026, month: 11, day: 24)!, confirmation: confirmation)

        func rate(_ write: (inout X12ControlNumberCounter) throws -> [UInt8]) throws -> Double {
            var bytes = 0
            let seconds = try Measure.bestSeconds {
                var counter = X12ControlNumberCounter(interchange: 1)
                for _ in 0..<documents { bytes &+= try write(&counter).count }
            }
            precondition(bytes > 0)
            return Double(documents) / seconds
        }
        let ack = try rate {
            try order.acknowledgementInterchange(acknowledgement, timestamp: timestamp, format: format, counter: &$0)
        }
        let asn = try rate {
            try order.shipNoticeInterchange(notice, timestamp: timestamp, format: format, counter: &$0)
        }
        let bill = try rate {
            try order.invoiceInterchange(invoice, timestamp: timestamp, format: format, counter: &$0)
        }
        let reference = Figure.Reference(name: "855 of the same PO", value: ack)
        table.add(
            Figure(
                name: "856 ASN per shipment (\(order.lines.count)-line PO)", value: asn, unit: "documents/s",
                target: ack,
                reference: reference))
        table.add(
            Figure(name: "810 invoice per shipment", value: bill, unit: "documents/s", reference: reference))
    }
}
