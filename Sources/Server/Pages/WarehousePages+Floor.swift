public import Foundation
public import Orders
import Profiles
import Routing
public import Store

extension WarehousePages {
    /// What the floor recorded for `floor` (its shipments with their reviews, its cancels) and the documents that
    /// went to the retailer because of them, times on `zone`'s clock (the DC's).
    public func recorded(
        _ floor: FloorOrder, dc: DCID, retailerName: String, documents: [OutboxEntry], zone: TimeZone
    ) -> String {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        func flag(_ flag: FloorFlag) -> [String: Any] {
            [
                "violation": flag.violation.rawValue, "detail": flag.detail,
                "fee": flag.fee?.description ?? "the profile sets no fee", "allowance": flag.allowance ?? false,
            ]
        }
        let shipments = floor.shipments.map { shipment -> [String: Any] in
            let review = try? decoder.decode(ShipmentReview.self, from: Data(shipment.reviewJSON.utf8))
            let flags = review?.flags ?? []
            return [
                "id": String(shipment.id.rawValue), "units": "\(shipment.confirmation.totalUnits)",
                "shippedAt": PageTime.text(shipment.confirmation.shippedAt, in: zone),
                "service": shipment.confirmation.service, "by": shipment.recordedBy,
                "packages": shipment.confirmation.packages.map { ["tracking": $0.trackingNumber] },
                "hasFlags": !flags.isEmpty, "flags": flags.map(flag), "checks": review?.checks ?? [],
                "asnDue": shipment.asnDue.map { PageTime.text($0, in: zone) } ?? false,
            ]
        }
        var reviews: [String] = []
        for cancellation in floor.cancellations where !reviews.contains(cancellation.reviewJSON) {
            reviews.append(cancellation.reviewJSON)
        }
        let cancelFlags = reviews.flatMap { json in
            ((try? decoder.decode(FloorCancelReview.self, from: Data(json.utf8)))?.flags ?? []).map(flag)
        }
        let shown: Set<OutboundKind> = [
            .purchaseOrderAcknowledgement, .orderStatus, .cXMLConfirmation, .shipNotice, .invoice, .cXMLShipNotice,
            .cXMLInvoice,
        ]
        return render(
            "recorded",
            [
                "title": "PO \(floor.order.poNumber)", "page": "recorded", "dc": dc.rawValue,
                "order": String(floor.id.rawValue), "poNumber": floor.order.poNumber.rawValue,
                "retailerName": retailerName, "state": floor.state.rawValue, "shipments": shipments,
                "hasCancels": !floor.cancellations.isEmpty,
                "cancels": floor.cancellations.map {
                    [
                        "line": $0.lineNumber, "sku": $0.sku.rawValue, "quantity": String($0.quantity),
                        "reason": $0.reason, "at": PageTime.text($0.at, in: zone),
                    ]
                },
                "cancelFlags": cancelFlags,
                "documents": documents.filter { shown.contains($0.kind) }.map {
                    ["kind": $0.kind.rawValue, "name": $0.name, "state": $0.state.rawValue]
                },
            ])
    }
}
