public import Foundation
public import Orders
public import Routing
public import Profiles

/// What the warehouse gets for one shipment of a routed order: already known to be compliant (node, carrier
/// service and ship-by were checked by routing), with everything the packer needs.
public struct PickTicket: Hashable, Sendable, Codable {
    /// `walmart-4792183650-EWR1`: unique per order and node.
    public var id: String
    public var retailer: RetailerID
    public var retailerName: String
    public var poNumber: PONumber
    public var node: DCID
    public var service: CarrierServiceID
    /// Tender to the carrier at this instant (the node's cutoff on its ship day) and no later than `shipBy`.
    public var shipAt: Date
    public var shipBy: Date
    public var shipTo: Party?
    public var lines: [Line]
    /// Gift message and packing-slip text, printed for the consumer.
    public var notes: [Note]
    /// Whether the retailer wants a packing slip in the box.
    public var packingSlip: Bool

    public struct Line: Hashable, Sendable, Codable {
        public var lineNumber: String
        public var sku: SKU
        public var upc: String?
        public var description: String?
        public var quantity: Int
        public var giftWrap: Bool
    }

    public init(order: PurchaseOrder, shipment: Shipment, profile: RetailerProfile, catalog: ItemCatalog) {
        id = "\(profile.id)-\(order.poNumber)-\(shipment.node)"
        retailer = profile.id
        retailerName = profile.name
        poNumber = order.poNumber
        node = shipment.node
        service = shipment.service
        shipAt = shipment.shipAt
        shipBy = shipment.shipBy
        shipTo = order.shipTo
        notes = order.notes.filter { $0.kind == .giftMessage || $0.kind == .packingSlip }
        packingSlip = profile.items.packingSlip
        lines = shipment.lines.map { planned in
            let line = order.lines.first { $0.lineNumber == planned.lineNumber }
            let item = catalog[planned.sku]
            return Line(
                lineNumber: planned.lineNumber, sku: planned.sku, upc: item?.upc ?? line?.gtin,
                description: item?.description ?? line?.description, quantity: planned.quantity,
                giftWrap: line?.giftWrap ?? false)
        }
    }

    /// The CSV a WMS imports: one row per line, the columns of `csvHeader`.
    public static let csvHeader = "ticket,retailer,po,node,service,ship_at,ship_by,line,sku,upc,quantity,description,ship_to_name,ship_to_zip"

    public var csvRows: [String] {
        let formatter = ISO8601DateFormatter()
        return lines.map { line in
            [
                id, retailer.rawValue, poNumber.rawValue, node.rawValue, service.rawValue,
                formatter.string(from: shipAt), formatter.string(from: shipBy), line.lineNumber, line.sku.rawValue,
                line.upc ?? "", String(line.quantity), line.description ?? "", shipTo?.name ?? "",
                shipTo?.address?.postalCode ?? "",
            ].map(PickTicket.csvField).joined(separator: ",")
        }
    }

    /// RFC 4180: quote a field that holds a comma, a quote or a line break, doubling inner quotes.
    public static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
