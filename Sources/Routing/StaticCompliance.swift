import Foundation
import Orders
import Profiles

/// A PO line with its item resolved through the catalog and its quantity as whole units.
struct ResolvedLine: Hashable, Sendable {
    var index: Int
    var lineNumber: String
    var sku: SKU
    /// The item's number in the router's catalog tables.
    var item: Int
    /// The catalog item's handling needs.
    var oversize: Bool
    var hazmat: Bool
    var quantity: Int
    var giftWrap: Bool
    /// The index of the first resolved line with the same SKU (its own index when it is the first), so stock checks
    /// can add up lines that draw on the same SKU without hashing it.
    var skuGroup = 0
    /// The capabilities the item or the line asks a node for, as bits (see `RoutingTables.capabilityBits`).
    var needs: UInt8 {
        (oversize ? Self.oversizeBit : 0) | (hazmat ? Self.hazmatBit : 0) | (giftWrap ? Self.giftWrapBit : 0)
    }

    static let oversizeBit: UInt8 = 1
    static let hazmatBit: UInt8 = 2
    static let giftWrapBit: UInt8 = 4
}

/// The result of the rules that need no node: everything a rejection can come from.
struct StaticResult {
    /// Every static rule in order, with its failures as one sentence when it failed (a passed rule's detail is
    /// written from the facts when read).
    var outcomes: [(rule: RuleCheck.Rule, failures: String?)] = []
    var rejections: [Rejection] = []
    var lines: [ResolvedLine] = []
    var mapping: CarrierMapping?
    var isPOBox = false
    /// The ship-to's ZIP3, worked out once for the ship-to rules and the distances.
    var zip3: String?
}

/// Static compliance: required data, ship method, ship-to, items and quantity limits. Every failure is collected;
/// any one rejects the order with the profile's reason code.
enum StaticCompliance {
    /// Reads the profile, network and catalog through `tables` field by field (copying a profile whole costs more
    /// than the checks).
    static func check(_ order: PurchaseOrder, _ tables: RoutingTables) -> StaticResult {
        var result = StaticResult()
        result.outcomes.reserveCapacity(6)
        let shipTo = order.parties.firstIndex { $0.role == .shipTo }.flatMap { order.parties[$0].address }
        let pickupStore = order.pickupStore
        let zip3 = shipTo?.zip3
        result.zip3 = zip3
        func reject(_ reason: Reason, _ detail: String, line: String? = nil) {
            result.rejections.append(
                Rejection(
                    reason: reason, code: tables.profile.reasonCodes.code(for: reason), lineNumber: line, detail: detail
                )
            )
        }
        func record(_ rule: RuleCheck.Rule, from count: Int) {
            let failures =
                count == result.rejections.count
                ? nil : result.rejections[count...].map(\.detail).joined(separator: "; ")
            result.outcomes.append((rule, failures))
        }

        var mark = result.rejections.count
        if ![.original, .confirmation].contains(order.purpose) {
            reject(.notAnOrder, "the document is a \(order.purpose.rawValue), not a new order")
        }
        record(.purpose, from: mark)

        mark = result.rejections.count
        if order.lines.isEmpty { reject(.missingLines, "the PO has no lines") }
        if shipTo == nil, pickupStore == nil {
            reject(.missingShipTo, "the PO has no ship-to address")
        }
        if tables.profile.routingAuthority == .retailerAssigned {
            if let node = order.assignedNode {
                if tables.world.network.node(node) == nil {
                    reject(.unknownAssignedNode, "the assigned node \(node) is not in our network")
                }
            } else {
                reject(.missingAssignedNode, "the retailer assigns the ship-from node but the PO names none (N1*SF)")
            }
        }
        var quantities: [Int] = []
        quantities.reserveCapacity(order.lines.count)
        // By index, reading fields in place: a PO line is a large value to copy.
        for index in order.lines.indices {
            let quantity = wholeUnits(order.lines[index].quantity)
            quantities.append(quantity)
            if quantity <= 0 || Decimal(quantity) != order.lines[index].quantity {
                let line = order.lines[index]
                reject(
                    .invalidQuantity,
                    "line \(line.lineNumber): quantity \(line.quantity) is not a positive whole number",
                    line: line.lineNumber)
            }
            if tables.profile.items.requirePrices, order.lines[index].unitPrice == nil {
                let number = order.lines[index].lineNumber
                reject(.missingPrice, "line \(number) has no unit price", line: number)
            }
        }
        record(.requiredData, from: mark)

        mark = result.rejections.count
        if let store = pickupStore {
            if tables.world.network.node(store) == nil {
                reject(.unknownAssignedNode, "the pickup store \(store) is not in our network")
            }
            result.mapping = CarrierMapping(routing: "store pickup at \(store)", services: [.storePickup])
        } else if let method = order.shipMethod {
            if let mapping = tables.profile.carrierMapping(for: method) {
                result.mapping = mapping
            } else {
                let asked = [method.carrierSCAC, method.serviceLevel, method.routing].compactMap { $0 }
                    .joined(separator: " / ")
                reject(.shipMethodNotAllowed, "ship method '\(asked)' is not one \(tables.profile.name) allows")
            }
        } else {
            reject(.missingShipMethod, "the PO names no ship method")
        }
        record(.shipMethod, from: mark)

        mark = result.rejections.count
        if let address = shipTo, pickupStore == nil {
            var poBox = false
            checkShipTo(
                address, zip3: zip3, tables.profile.shipTo, network: tables.world.network, poBox: &poBox,
                reject: { reject($0, $1) })
            result.isPOBox = poBox
        }
        record(.shipTo, from: mark)

        mark = result.rejections.count
        for index in order.lines.indices {
            // One catalog lookup when the line's SKU is ours; the GTIN only when it is not.
            let bySKU = order.lines[index].sku.flatMap { sku in tables.world.item(sku).map { (sku, $0) } }
            let found =
                bySKU
                ?? order.lines[index].gtin.flatMap(tables.world.catalog.sku(forGTIN:)).flatMap { sku in
                    tables.world.item(sku).map { (sku, $0) }
                }
            guard let (sku, item) = found else {
                let line = order.lines[index]
                let named = [line.sku?.rawValue, line.gtin.map { "UPC \($0)" }].compactMap { $0 }.joined(
                    separator: ", ")
                reject(
                    .unknownItem,
                    "line \(line.lineNumber): item \(named.isEmpty ? "(none given)" : named) is not in our catalog",
                    line: line.lineNumber)
                continue
            }
            result.lines.append(
                ResolvedLine(
                    index: index, lineNumber: order.lines[index].lineNumber, sku: sku, item: item.number,
                    oversize: item.oversize, hazmat: item.hazmat, quantity: max(0, quantities[index]),
                    giftWrap: order.lines[index].giftWrap))
        }
        for index in result.lines.indices {
            let sku = result.lines[index].sku
            result.lines[index].skuGroup = result.lines.firstIndex { $0.sku == sku } ?? index
        }
        record(.items, from: mark)

        mark = result.rejections.count
        let rules = tables.profile.items
        if let limit = rules.maxUnitsPerLine {
            for line in result.lines where line.quantity > limit {
                reject(
                    .quantityLimit,
                    "line \(line.lineNumber): \(line.quantity) units exceeds the limit of \(limit) per line",
                    line: line.lineNumber)
            }
        }
        if let limit = rules.maxUnitsPerOrder, order.totalUnits > Decimal(limit) {
            reject(.quantityLimit, "\(order.totalUnits) units exceeds the limit of \(limit) per order")
        }
        if let limit = rules.maxLines, order.lines.count > limit {
            reject(.quantityLimit, "\(order.lines.count) lines exceeds the limit of \(limit)")
        }
        record(.quantityLimits, from: mark)
        return result
    }

    /// `quantity` as a whole number, the way `NSDecimalNumber.intValue` reads it; once per line.
    static func wholeUnits(_ quantity: Decimal) -> Int { NSDecimalNumber(decimal: quantity).intValue }

    static func limitsDescription(_ rules: ItemRules) -> String {
        let limits = [
            rules.maxUnitsPerLine.map { "≤ \($0) units per line" },
            rules.maxUnitsPerOrder.map { "≤ \($0) units per order" },
            rules.maxLines.map { "≤ \($0) lines" },
        ].compactMap { $0 }
        return limits.isEmpty ? "no quantity limits" : "within " + limits.joined(separator: ", ")
    }

    static let territories: Set<String> = ["PR", "GU", "VI", "AS", "MP", "FM", "MH", "PW"]

    static func checkShipTo(
        _ address: Address, zip3: String?, _ rules: ShipToRules, network: Network, poBox: inout Bool,
        reject: (Reason, String) -> Void
    ) {
        let country = (address.country ?? "US").uppercased()
        if country != "US", country != "USA" {
            if !rules.nonUS { reject(.shipToNotAllowed, "ship-to country \(country) is outside the US") }
            return
        }
        let state = address.region?.uppercased() ?? zip3.flatMap { network.region(forZip3: $0)?.state } ?? ""
        let city = address.city?.uppercased() ?? ""
        let military: Bool
        switch (state, city) {
        case ("AA", _), ("AE", _), ("AP", _), (_, "APO"), (_, "FPO"), (_, "DPO"): military = true
        default: military = false
        }
        if military {
            if !rules.military { reject(.shipToNotAllowed, "ship-to is a military address (\(state))") }
        } else if state == "AK" || state == "HI" {
            if !rules.alaskaHawaii { reject(.shipToNotAllowed, "ship-to is in \(state), outside the lower 48") }
        } else if territories.contains(state) {
            if !rules.territories { reject(.shipToNotAllowed, "ship-to is in the US territory \(state)") }
        }
        if address.lines.contains(where: isPOBox) {
            poBox = true
            if !rules.poBoxes { reject(.shipToNotAllowed, "ship-to is a PO box") }
        }
        if zip3 == nil {
            reject(.missingShipTo, "ship-to postal code '\(address.postalCode ?? "")' is not a US ZIP code")
        }
    }

    /// Whether the line, squeezed, starts `POBOX`, `POSTOFFICEBOX` or `POBX` (`P.O. Box` in any spelling). ASCII
    /// lines (nearly all) byte by byte, looking only as far as the longest prefix; others squeezed whole.
    static func isPOBox(_ line: String) -> Bool {
        func starts(_ squeezed: some Collection<UInt8>) -> Bool {
            squeezed.starts(with: "POBOX".utf8) || squeezed.starts(with: "POSTOFFICEBOX".utf8)
                || squeezed.starts(with: "POBX".utf8)
        }
        let utf8 = line.utf8
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return starts(squeeze(line).utf8) }
        // The first 13 letters and digits in capitals: enough for the longest prefix.
        var head: (UInt64, UInt64) = (0, 0)
        var count = 0
        for byte in utf8 where count < 13 {
            let upper: UInt8
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"): upper = byte - 0x20
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): upper = byte
            default: continue
            }
            if count < 8 {
                head.0 |= UInt64(upper) << (8 * count)
            } else {
                head.1 |= UInt64(upper) << (8 * (count - 8))
            }
            count += 1
        }
        return withUnsafeBytes(of: head) { starts($0.prefix(count)) }
    }

    /// A non-ASCII address line in capitals with only its letters and digits, by `Character`, as the rule reads.
    static func squeeze(_ line: String) -> String { line.uppercased().filter { $0.isLetter || $0.isNumber } }

    static func describe(_ address: Address) -> String {
        [address.city, address.region, address.postalCode].compactMap { $0 }.joined(separator: " ")
    }
}

extension PurchaseOrder {
    /// The store a pickup or curbside order names (a `store` party's id), if any.
    var pickupStore: DCID? {
        // By index, reading the one field: a party is a large value to copy.
        guard let index = parties.firstIndex(where: { $0.role == .store }) else { return nil }
        return parties[index].identifier.map { DCID($0.value) }
    }
}
