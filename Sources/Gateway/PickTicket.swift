public import Foundation
public import Orders
public import Profiles
public import Routing

/// What the warehouse gets for one shipment of a routed order: already known to be compliant (node, carrier
/// service and ship-by were checked by routing), with everything the packer needs: where it goes, what to print in
/// the box, and which lines need care (hazmat, oversize, gift wrap).
///
/// Times read on the clock of whoever owns them: the carrier pickup on the DC's clock, the retailer's ship-by on the
/// retailer's (the zone routing reckoned it in) and again on the DC's, each with its offset.
public struct PickTicket: Hashable, Sendable, Codable {
    /// `walmart-4792183650-EWR1`: unique per order and node.
    public var id: String
    public var retailer: RetailerID
    public var retailerName: String
    public var poNumber: PONumber
    public var node: DCID
    public var service: CarrierServiceID
    /// The DC's time zone (IANA name): `shipAt` and `shipByAtNode` read on its clock.
    public var nodeTimeZone: String
    /// The retailer's time zone (IANA name), which its ship-by is reckoned in.
    public var retailerTimeZone: String
    /// Tender to the carrier at this instant (the node's cutoff on its ship day), on the DC's clock.
    public var shipAt: ZonedInstant
    /// The retailer's deadline on the retailer's clock (`2026-11-25T23:59:59-06:00` for Walmart's Wednesday).
    public var shipBy: ZonedInstant
    /// The same deadline on the DC's clock.
    public var shipByAtNode: ZonedInstant
    public var shipTo: Party?
    /// The consumer's gift message, to print for the box (notes of that kind, one per line).
    public var giftMessage: String?
    public var lines: [Line]
    /// Gift message and packing-slip text, printed for the consumer.
    public var notes: [Note]
    /// Whether the retailer wants a packing slip in the box.
    public var packingSlip: Bool

    public struct Line: Hashable, Sendable, Codable {
        public var lineNumber: String
        public var sku: SKU
        public var upc: String?
        /// The retailer's own item number for the line (X12 PO1 `IN`/`BP`/`SK`, cXML `BuyerPartID`), which its
        /// packing slip and returns name the item by.
        public var retailerItemID: String?
        public var description: String?
        public var quantity: Int
        /// The line asks for gift wrap.
        public var giftWrap: Bool
        /// From the item catalog: packed and labelled as dangerous goods.
        public var hazmat: Bool
        /// From the item catalog: handled as oversize (two-person lift, own carton).
        public var oversize: Bool
        /// What to pick for a kit line, from the catalog's kits; nil for an ordinary item (and in tickets written
        /// before kits, which decode as before).
        public var components: [Component]?
        /// On a ticket as it stands on the floor (`standing(after:locations:)`), the units the ticket planned when
        /// `quantity` (what is left to pick) differs from them; nil on a ticket as written.
        public var planned: Int?
        /// The bin the node keeps the SKU in, where the inventory gives one: as the inventory read for the decision
        /// said on a ticket as written, as it says now on a ticket as it stands. A kit line has none of its own
        /// (the store stocks its components).
        public var location: BinLocation?

        /// Nothing of the line is left to pick: it shipped or was cancelled.
        public var isDone: Bool { quantity == 0 }
    }

    /// One component of a kit line: picked `quantity` times (`quantityPerKit` for each kit of the line).
    public struct Component: Hashable, Sendable, Codable {
        public var sku: SKU
        public var upc: String?
        public var description: String?
        public var quantityPerKit: Int
        public var quantity: Int
        /// The bin the node keeps the component in, where the inventory gives one (as for a line's).
        public var location: BinLocation?

        public init(
            sku: SKU, upc: String?, description: String?, quantityPerKit: Int, quantity: Int,
            location: BinLocation? = nil
        ) {
            self.sku = sku
            self.upc = upc
            self.description = description
            self.quantityPerKit = quantityPerKit
            self.quantity = quantity
            self.location = location
        }
    }

    /// `shipment.timeZone` is the DC's zone; the retailer's is the profile's, which routing reckons ship-by in.
    /// `location` gives the bin the shipment's node keeps a SKU in, from the inventory rows the decision read its
    /// stock from: the picker walks to it and a WMS imports it with the line.
    public init(
        order: PurchaseOrder, shipment: Shipment, profile: RetailerProfile, catalog: ItemCatalog,
        location: (SKU) -> BinLocation? = { _ in nil }
    ) {
        id = "\(profile.id)-\(order.poNumber)-\(shipment.node)"
        retailer = profile.id
        retailerName = profile.name
        poNumber = order.poNumber
        node = shipment.node
        service = shipment.service
        nodeTimeZone = shipment.timeZone.identifier
        retailerTimeZone = profile.timeZone.identifier
        shipAt = ZonedInstant(shipment.shipAt, in: shipment.timeZone)
        shipBy = ZonedInstant(shipment.shipBy, in: profile.timeZone)
        shipByAtNode = ZonedInstant(shipment.shipBy, in: shipment.timeZone)
        shipTo = order.shipTo
        notes = order.notes.filter { $0.kind == .giftMessage || $0.kind == .packingSlip }
        let messages = order.notes.filter { $0.kind == .giftMessage }.map(\.text)
        giftMessage = messages.isEmpty ? nil : messages.joined(separator: "\n")
        packingSlip = profile.items.packingSlip
        lines = shipment.lines.map { planned in
            let line = order.lines.first { $0.lineNumber == planned.lineNumber }
            let item = catalog[planned.sku]
            let components = catalog.components(of: planned.sku)?.map { component in
                let part = catalog[component.sku]
                return Component(
                    sku: component.sku, upc: part.flatMap { $0.upc.isEmpty ? nil : $0.upc },
                    description: part?.description, quantityPerKit: component.quantity,
                    quantity: component.quantity * planned.quantity, location: location(component.sku))
            }
            return Line(
                lineNumber: planned.lineNumber, sku: planned.sku, upc: item?.upc ?? line?.gtin,
                retailerItemID: line?.buyerItemID, description: item?.description ?? line?.description,
                quantity: planned.quantity,
                giftWrap: line?.giftWrap ?? false, hazmat: item?.hazmat ?? false, oversize: item?.oversize ?? false,
                components: components, location: location(planned.sku))
        }
    }

    /// The CSV a WMS imports: one row per line, the columns of `csvColumns` (documented in `fixtures/README.md`);
    /// `quantity` is what is left to pick on a ticket as it stands, `planned` what the ticket planned.
    /// Order-level fields repeat on every row so each row stands alone. A kit line is followed by a row per
    /// component, with the kit's line number, the component's SKU, UPC and total units, and a description that
    /// names the kit (`kit HP-KIT-1, 2 per kit: …`).
    public static let csvColumns = [
        "ticket", "retailer", "po", "node", "service", "ship_at", "ship_by", "ship_by_at_node", "line", "sku", "upc",
        "quantity", "description", "hazmat", "oversize", "gift_wrap", "ship_to_name", "ship_to_address_1",
        "ship_to_address_2", "ship_to_city", "ship_to_state", "ship_to_postal_code", "ship_to_country",
        "ship_to_phone", "gift_message", "packing_slip", "retailer_item", "planned", "location",
    ]

    public static let csvHeader = csvColumns.joined(separator: ",")

    public var csvRows: [String] {
        let address = shipTo?.address
        let addressLines = address?.lines ?? []
        func yes(_ flag: Bool) -> String { flag ? "yes" : "no" }
        func row(_ line: Line) -> String {
            [
                id, retailer.rawValue, poNumber.rawValue, node.rawValue, service.rawValue, shipAt.description,
                shipBy.description, shipByAtNode.description, line.lineNumber, line.sku.rawValue, line.upc ?? "",
                String(line.quantity), line.description ?? "", yes(line.hazmat), yes(line.oversize), yes(line.giftWrap),
                shipTo?.name ?? shipTo?.contact?.name ?? "", addressLines.first ?? "",
                addressLines.dropFirst().joined(separator: ", "), address?.city ?? "", address?.region ?? "",
                address?.postalCode ?? "", address?.country ?? "", shipTo?.contact?.phone ?? "", giftMessage ?? "",
                yes(packingSlip), line.retailerItemID ?? "", String(line.planned ?? line.quantity),
                line.location?.rawValue ?? "",
            ].map(PickTicket.csvField).joined(separator: ",")
        }
        return lines.flatMap { line in
            [row(line)]
                + (line.components ?? []).map { component in
                    var part = line
                    part.sku = component.sku
                    part.upc = component.upc
                    part.quantity = component.quantity
                    part.planned = line.planned.map { $0 * component.quantityPerKit }
                    part.location = component.location
                    part.description =
                        "kit \(line.sku), \(component.quantityPerKit) per kit: \(component.description ?? "")"
                    part.retailerItemID = nil
                    part.components = nil
                    return row(part)
                }
        }
    }

    /// RFC 4180: quote a field that holds a comma, a quote or a line break, doubling inner quotes.
    public static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
