import Feeds
import Foundation
import OrderX12
import OrderXML
import Orders
import Profiles
import Routing
import Store
import X12

extension Gateway {
    /// The documents a shipment sends the retailer, as its profile says: the ASN on `ship-on` (an X12 856, a cXML
    /// ShipNoticeRequest, or an 810 for programs that ship on the invoice) and the invoice on `invoice-on` (810 or
    /// cXML InvoiceDetailRequest; none when the profile takes no invoice), each rendered now so that a shipment
    /// whose documents cannot be written is refused before anything is kept, and numbered when committed.
    ///
    /// `sequence` tells an order's shipments apart: the ASN is `ASN-<order>-<n>`, the invoice `INV-<order>-<n>`.
    func shipmentDrafts(
        _ confirmation: ShipConfirmation, order: PurchaseOrder, id: OrderID, sequence: Int,
        profile: RetailerProfile, at now: Date
    ) throws -> [OutboundDraft] {
        let shipmentID = "ASN\(id)-\(sequence)"
        let invoiceID = "INV\(id)-\(sequence)"
        let node = profiles.network.node(confirmation.node)
        let carrierName = profiles.network.services[CarrierServiceID(confirmation.service)]?.carrier
        var kinds: [DocumentKind] = [profile.documents.shipOn]
        if let invoice = profile.documents.invoiceOn, invoice != profile.documents.shipOn { kinds.append(invoice) }
        var drafts: [OutboundDraft] = []
        for kind in kinds {
            switch kind {
            case .x856:
                let notice = ShipNotice(
                    shipmentID: shipmentID, created: now, timeZone: profile.timeZone,
                    shipFrom: ShipNotice.shipFromParty(confirmation.node, name: node?.name, address: node?.address),
                    confirmation: confirmation)
                _ = try notice.transactionSet(for: order)
                drafts.append(
                    x12Draft(
                        .shipNotice, name: "856-\(order.poNumber)-\(sequence).x12", order: order, profile: profile,
                        at: now
                    ) {
                        format, timestamp, counter in
                        try order.shipNoticeInterchange(notice, timestamp: timestamp, format: format, counter: &counter)
                    })
            case .x810:
                let invoice = Invoice(
                    invoiceNumber: invoiceID, date: CalendarDate(now, in: profile.timeZone), confirmation: confirmation,
                    timeZone: profile.timeZone)
                _ = try invoice.transactionSet(for: order)
                drafts.append(
                    x12Draft(
                        .invoice, name: "810-\(order.poNumber)-\(sequence).x12", order: order, profile: profile, at: now
                    ) {
                        format, timestamp, counter in
                        try order.invoiceInterchange(invoice, timestamp: timestamp, format: format, counter: &counter)
                    })
            case .cXMLShipNotice:
                let notice = try ShipmentNotice(
                    confirmation, for: order, shipmentID: shipmentID, noticeDate: now, carrierName: carrierName)
                let xml = CXMLWriter().makeShipNoticeRequest(
                    for: order, notice: notice,
                    envelope: cXMLEnvelope(order, profile: profile, payload: shipmentID, at: now))
                drafts.append(
                    OutboundDraft(
                        kind: .cXMLShipNotice, partner: profile.id.rawValue,
                        name: "ship-notice-\(order.poNumber)-\(sequence).xml"
                    ) { _ in Array(xml.utf8) })
            case .cXMLInvoice:
                let invoice = try InvoiceDetail(confirmation, for: order, invoiceID: invoiceID, invoiceDate: now)
                let xml = CXMLWriter().makeInvoiceDetailRequest(
                    for: order, invoice: invoice,
                    envelope: cXMLEnvelope(order, profile: profile, payload: invoiceID, at: now))
                drafts.append(
                    OutboundDraft(
                        kind: .cXMLInvoice, partner: profile.id.rawValue,
                        name: "invoice-\(order.poNumber)-\(sequence).xml"
                    ) { _ in Array(xml.utf8) })
            default:
                continue
            }
        }
        return drafts
    }

    /// An X12 document for the retailer, in the version and delimiters its profile names, numbered from its
    /// counters when the store commits it.
    func x12Draft(
        _ kind: OutboundKind, name: String, order: PurchaseOrder, profile: RetailerProfile, at now: Date,
        write:
            @escaping @Sendable (X12ReplyFormat, X12Acknowledgement.Timestamp, inout DrawnControlNumbers) throws ->
            [UInt8]
    ) -> OutboundDraft {
        let format = X12ReplyFormat(
            replyingTo: X12Version(order.source.version ?? profile.identity.x12Version ?? "004010"),
            delimiters: .standard, profile: profile)
        let timestamp = Self.x12Timestamp(now)
        return OutboundDraft(kind: kind, partner: profile.id.rawValue, name: name) { numbers in
            var drawn = DrawnControlNumbers(numbers: numbers)
            defer { numbers = drawn.numbers }
            return try write(format, timestamp, &drawn)
        }
    }

    func cXMLEnvelope(_ order: PurchaseOrder, profile: RetailerProfile, payload: String, at now: Date)
        -> CXMLEnvelope
    {
        let ourIdentity = order.source.receiverID ?? PartnerIdentity(qualifier: "NetworkID", id: "HARBORPINE")
        return CXMLEnvelope(
            replyingTo: order, as: ourIdentity, payloadID: "\(Int(now.timeIntervalSince1970)).\(payload)@dropgate",
            timestamp: now, timeZone: profile.timeZone)
    }
}
