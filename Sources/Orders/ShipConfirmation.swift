public import Foundation

/// What the warehouse confirms it shipped for one order from one node: when, with which carrier and service, and
/// each package with its tracking number and what is in it. The ASN (856 or cXML ShipNoticeRequest) and the invoice
/// are written from it, and the retailer's chargeback clock is measured against `shippedAt`.
public struct ShipConfirmation: Hashable, Sendable, Codable {
    /// The node it left from.
    public var node: DCID
    /// When the carrier took it (the scan the retailer's on-time measure reads).
    public var shippedAt: Date
    /// The carrier and service as the retailer reads them: TD503 SCAC, TD512 service level, TD505 routing.
    public var method: ShipMethod
    /// Our carrier service in the network (`ups-ground`), the one the routing decision planned or another.
    public var service: String
    /// The bill of lading number, for freight; nil for parcel.
    public var billOfLading: String?
    public var packages: [Package]

    public init(
        node: DCID, shippedAt: Date, method: ShipMethod, service: String, billOfLading: String? = nil,
        packages: [Package]
    ) {
        self.node = node
        self.shippedAt = shippedAt
        self.method = method
        self.service = service
        self.billOfLading = billOfLading
        self.packages = packages
    }

    /// One carton: its tracking number, its weight and size where the retailer asks for them, and its contents.
    public struct Package: Hashable, Sendable, Codable {
        public var trackingNumber: String
        /// The SSCC-18 of the carton's GS1-128 label, where the retailer requires one (MAN*GM).
        public var sscc: String?
        /// Gross weight in pounds.
        public var weight: Decimal?
        public var dimensions: Dimensions?
        public var contents: [PackedItem]

        public init(
            trackingNumber: String, sscc: String? = nil, weight: Decimal? = nil, dimensions: Dimensions? = nil,
            contents: [PackedItem]
        ) {
            self.trackingNumber = trackingNumber
            self.sscc = sscc
            self.weight = weight
            self.dimensions = dimensions
            self.contents = contents
        }
    }

    /// Length, width and height in inches.
    public struct Dimensions: Hashable, Sendable, Codable {
        public var length: Decimal
        public var width: Decimal
        public var height: Decimal

        public init(length: Decimal, width: Decimal, height: Decimal) {
            self.length = length
            self.width = width
            self.height = height
        }
    }

    /// Units of one PO line in one package.
    public struct PackedItem: Hashable, Sendable, Codable {
        /// The PO line (PO101) they ship against.
        public var lineNumber: String
        public var sku: SKU
        public var quantity: Decimal

        public init(lineNumber: String, sku: SKU, quantity: Decimal) {
            self.lineNumber = lineNumber
            self.sku = sku
            self.quantity = quantity
        }
    }

    /// Units shipped per PO line, over every package, in the order lines first appear.
    public var shippedQuantities: [(lineNumber: String, quantity: Decimal)] {
        var order: [String] = []
        var totals: [String: Decimal] = [:]
        for item in packages.flatMap(\.contents) {
            if totals[item.lineNumber] == nil { order.append(item.lineNumber) }
            totals[item.lineNumber, default: 0] += item.quantity
        }
        return order.map { ($0, totals[$0] ?? 0) }
    }

    /// Units of `lineNumber` shipped, over every package.
    public func shipped(line lineNumber: String) -> Decimal {
        packages.reduce(0) { total, package in
            package.contents.reduce(total) { $1.lineNumber == lineNumber ? $0 + $1.quantity : $0 }
        }
    }

    public var totalUnits: Decimal { packages.reduce(0) { $0 + $1.contents.reduce(0) { $0 + $1.quantity } } }

    /// Gross weight over the packages that give one; nil when none does.
    public var totalWeight: Decimal? {
        let weights = packages.compactMap(\.weight)
        return weights.isEmpty ? nil : weights.reduce(0, +)
    }
}
