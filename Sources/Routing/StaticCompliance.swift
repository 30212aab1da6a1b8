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
    /// The item's slot in the catalog index (`SKUIndex`), -1 when it was found by String.
    var catalogSlot: Int
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

/// A rule checked: passed or not, and a failed static rule's failures as one sentence (a passed rule's detail is
/// written from the decision's facts when read). A struct rather than a tuple: arrays of tuples are destroyed through
/// the runtime's generic tuple witnesses, element by element.
struct RuleOutcome: Hashable, Sendable {
    var rule: RuleCheck.Rule
    var passed: Bool
    var failures: String?
}

/// The result of the rules that need no node: everything a rejection can come from.
struct StaticResult {
    /// Every static rule in order, with room for the rules the decision adds after them (`DecisionBuilder.rules`).
    var outcomes: [RuleOutcome] = []
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
    /// The rejections found so far, and each rule's outcome as the rules are checked in turn.
    struct Outcomes {
        let codes: ReasonCodes
        var rejections: [Rejection] = []
        var outcomes: [RuleOutcome] = []
        /// The rejections before the rule being checked.
        private var mark = 0

        /// Room for the static rules and the decision's rules after them.
        static let capacity = 11

        init(codes: ReasonCodes) {
            self.codes = codes
            outcomes.reserveCapacity(Self.capacity)
        }

        mutating func reject(_ reason: Reason, _ detail: String, line: String? = nil) {
            rejections.append(
                Rejection(reason: reason, code: codes.code(for: reason), lineNumber: line, detail: detail))
        }

        /// The rule checked since the last one recorded: passed, or failed with its rejections' details.
        mutating func record(_ rule: RuleCheck.Rule) {
            let failures =
                mark == rejections.count ? nil : rejections[mark...].map(\.detail).joined(separator: "; ")
            outcomes.append(RuleOutcome(rule: rule, passed: failures == nil, failures: failures))
            mark = rejections.count
        }
    }

    /// Reads the profile, network and catalog through `tables` field by field (copying a profile whole costs more
    /// than the checks).
    static func check(_ order: PurchaseOrder, _ tables: RoutingTables) -> StaticResult {
        var mapping: CarrierMapping?
        var isPOBox = false
        var lines: [ResolvedLine] = []
        var found = Outcomes(codes: tables.profile.reasonCodes)
        // The ship-to party's address, read in place: an address is a large value to copy.
        let shipToParty = order.partyIndex(.shipTo).flatMap { order.parties[$0].address == nil ? nil : $0 }
        let pickupStore = order.pickupStore
        let zip3 = shipToParty.flatMap { order.parties[$0].address?.zip3 }

        if order.purpose != .original, order.purpose != .confirmation {
            found.reject(.notAnOrder, "the document is a \(order.purpose.rawValue), not a new order")
        }
        found.record(.purpose)

        if order.lines.isEmpty { found.reject(.missingLines, "the PO has no lines") }
        if shipToParty == nil, pickupStore == nil {
            found.reject(.missingShipTo, "the PO has no ship-to address")
        }
        if tables.profile.routingAuthority == .retailerAssigned {
            if let node = order.assignedNode {
                if tables.world.network.node(node) == nil {
                    found.reject(.unknownAssignedNode, "the assigned node \(node) is not in our network")
                }
            } else {
                found.reject(
                    .missingAssignedNode, "the retailer assigns the ship-from node but the PO names none (N1*SF)")
            }
        }
        // Each line's whole units, read once: the conversion allocates, and the lines are resolved below.
        var quantities: [Int] = []
        quantities.reserveCapacity(order.lines.count)
        var units = WholeUnits()
        let requirePrices = tables.profile.items.requirePrices
        // By index, reading fields in place: a PO line is a large value to copy.
        for index in order.lines.indices {
            let (quantity, whole) = units.read(order.lines[index].quantity)
            quantities.append(quantity)
            if quantity <= 0 || !whole {
                let line = order.lines[index]
                found.reject(
                    .invalidQuantity,
                    "line \(line.lineNumber): quantity \(line.quantity) is not a positive whole number",
                    line: line.lineNumber)
            }
            if requirePrices, order.lines[index].unitPrice == nil {
                let number = order.lines[index].lineNumber
                found.reject(.missingPrice, "line \(number) has no unit price", line: number)
            }
        }
        found.record(.requiredData)

        if let store = pickupStore {
            if tables.world.network.node(store) == nil {
                found.reject(.unknownAssignedNode, "the pickup store \(store) is not in our network")
            }
            mapping = CarrierMapping(routing: "store pickup at \(store)", services: [.storePickup])
        } else if let method = order.shipMethod {
            if let allowed = tables.profile.carrierMapping(for: method) {
                mapping = allowed
            } else {
                let asked = [method.carrierSCAC, method.serviceLevel, method.routing].compactMap { $0 }
                    .joined(separator: " / ")
                found.reject(.shipMethodNotAllowed, "ship method '\(asked)' is not one \(tables.profile.name) allows")
            }
        } else {
            found.reject(.missingShipMethod, "the PO names no ship method")
        }
        found.record(.shipMethod)

        if let shipToParty, pickupStore == nil {
            isPOBox = checkShipTo(
                order.parties[shipToParty], zip3: zip3, tables.profile.shipTo, network: tables.world.network, &found)
        }
        found.record(.shipTo)

        // One catalog lookup per line, all at once; the GTIN only when the line's SKU is not ours.
        let bySKUs = tables.world.items(of: order.lines)
        lines.reserveCapacity(order.lines.count)
        for index in order.lines.indices {
            let bySKU = order.lines[index].sku.flatMap { sku in bySKUs[index].map { (sku, $0) } }
            let item =
                bySKU
                ?? order.lines[index].gtin.flatMap(tables.world.catalog.sku(forGTIN:)).flatMap { sku in
                    tables.world.item(sku).map { (sku, $0) }
                }
            guard let (sku, item) = item else {
                let line = order.lines[index]
                let named = [line.sku?.rawValue, line.gtin.map { "UPC \($0)" }].compactMap { $0 }.joined(
                    separator: ", ")
                found.reject(
                    .unknownItem,
                    "line \(line.lineNumber): item \(named.isEmpty ? "(none given)" : named) is not in our catalog",
                    line: line.lineNumber)
                continue
            }
            lines.append(
                ResolvedLine(
                    index: index, lineNumber: order.lines[index].lineNumber, sku: sku, item: item.number,
                    catalogSlot: item.slot,
                    oversize: item.flags & ResolvedLine.oversizeBit != 0,
                    hazmat: item.flags & ResolvedLine.hazmatBit != 0,
                    quantity: max(0, quantities[index]),
                    giftWrap: order.lines[index].giftWrap))
        }
        // Lines name the same SKU exactly when they resolve to the same catalog item.
        for index in lines.indices {
            let item = lines[index].item
            lines[index].skuGroup = lines.firstIndex { $0.item == item } ?? index
        }
        found.record(.items)

        let rules = tables.profile.items
        if let limit = rules.maxUnitsPerLine {
            for line in lines where line.quantity > limit {
                found.reject(
                    .quantityLimit,
                    "line \(line.lineNumber): \(line.quantity) units exceeds the limit of \(limit) per line",
                    line: line.lineNumber)
            }
        }
        if let limit = rules.maxUnitsPerOrder, order.totalUnits > Decimal(limit) {
            found.reject(.quantityLimit, "\(order.totalUnits) units exceeds the limit of \(limit) per order")
        }
        if let limit = rules.maxLines, order.lines.count > limit {
            found.reject(.quantityLimit, "\(order.lines.count) lines exceeds the limit of \(limit)")
        }
        found.record(.quantityLimits)
        // Made at the end from locals, each moved in: a result built up in place is copied on return.
        return StaticResult(
            outcomes: found.outcomes, rejections: found.rejections, lines: lines, mapping: mapping, isPOBox: isPOBox,
            zip3: zip3)
    }

    /// Whole units of a line's quantity (as `NSDecimalNumber.intValue` reads it) and whether the quantity is exactly
    /// that many, remembered for the last quantity read: an order's lines mostly ask for the same quantity, and the
    /// conversion allocates. The same bytes are the same `Decimal`, so a quantity is known again by its bytes.
    struct WholeUnits {
        private var last: (quantity: Decimal, units: Int, whole: Bool)?

        mutating func read(_ quantity: Decimal) -> (units: Int, whole: Bool) {
            if let last, Self.sameBytes(last.quantity, quantity) { return (last.units, last.whole) }
            let units = StaticCompliance.wholeUnits(quantity)
            let whole = Decimal(units) == quantity
            last = (quantity, units, whole)
            return (units, whole)
        }

        private static func sameBytes(_ a: Decimal, _ b: Decimal) -> Bool {
            withUnsafeBytes(of: a) { a in
                withUnsafeBytes(of: b) { b in memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0 }
            }
        }
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

    static let territories = ["PR", "GU", "VI", "AS", "MP", "FM", "MH", "PW"]

    /// The ship-to rules, on the ship-to party's address; returns whether it is a PO box.
    static func checkShipTo(
        _ party: borrowing Party, zip3: String?, _ rules: ShipToRules, network: Network, _ found: inout Outcomes
    ) -> Bool {
        guard let address = party.address else { return false }
        func reject(_ reason: Reason, _ detail: String) { found.reject(reason, detail) }
        let country = uppercased(address.country ?? "US")
        if country != "US", country != "USA" {
            if !rules.nonUS { reject(.shipToNotAllowed, "ship-to country \(country) is outside the US") }
            return false
        }
        let state = address.region.map(uppercased) ?? zip3.flatMap { network.region(forZip3: $0)?.state } ?? ""
        let city = address.city.map(uppercased) ?? ""
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
        let poBox = address.lines.contains(where: isPOBox)
        if poBox, !rules.poBoxes { reject(.shipToNotAllowed, "ship-to is a PO box") }
        if zip3 == nil {
            reject(.missingShipTo, "ship-to postal code '\(address.postalCode ?? "")' is not a US ZIP code")
        }
        return poBox
    }

    /// `text.uppercased()`, but `text` itself when it is ASCII without a lowercase letter (nearly always), which
    /// uppercases to itself.
    static func uppercased(_ text: String) -> String {
        var bytes = text
        let upper = bytes.withUTF8 {
            $0.allSatisfy { $0 < 0x80 && !(UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) }
        }
        return upper ? text : text.uppercased()
    }

    /// Whether the line, squeezed, starts `POBOX`, `POSTOFFICEBOX` or `POBX` (`P.O. Box` in any spelling). ASCII
    /// lines (nearly all) byte by byte, looking only as far as the longest prefix; others squeezed whole.
    static func isPOBox(_ line: String) -> Bool {
        var bytes = line
        // The bytes in one buffer, which reads far faster than the UTF-8 view.
        if let ascii = bytes.withUTF8({ $0.allSatisfy { $0 < 0x80 } ? asciiIsPOBox($0) : nil }) { return ascii }
        return startsPOBox(squeeze(line).utf8)
    }

    private static func startsPOBox(_ squeezed: some Collection<UInt8>) -> Bool {
        squeezed.starts(with: "POBOX".utf8) || squeezed.starts(with: "POSTOFFICEBOX".utf8)
            || squeezed.starts(with: "POBX".utf8)
    }

    /// A prefix's bytes packed little-endian, as `asciiIsPOBox` packs a line's head, and its length.
    private struct PackedPrefix {
        var head: (UInt64, UInt64) = (0, 0)
        let length: Int

        init(_ prefix: StaticString) {
            length = prefix.utf8CodeUnitCount
            for index in 0..<length {
                let byte = UInt64(prefix.utf8Start[index])
                if index < 8 { head.0 |= byte << (8 * index) } else { head.1 |= byte << (8 * (index - 8)) }
            }
        }
    }

    private static let poBoxPrefixes = [PackedPrefix("POBOX"), PackedPrefix("POSTOFFICEBOX"), PackedPrefix("POBX")]

    /// `isPOBox` of an ASCII line's bytes.
    private static func asciiIsPOBox(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
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
        // The head starts a prefix when it has as many letters and its first ones are the prefix's.
        return poBoxPrefixes.contains { prefix in
            guard count >= prefix.length else { return false }
            let first: UInt64 = prefix.length >= 8 ? .max : (1 << (8 * UInt64(prefix.length))) &- 1
            let second: UInt64 = prefix.length <= 8 ? 0 : (1 << (8 * UInt64(prefix.length - 8))) &- 1
            return head.0 & first == prefix.head.0 && head.1 & second == prefix.head.1
        }
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
        guard let index = partyIndex(.store) else { return nil }
        return parties[index].identifier.map { DCID($0.value) }
    }
}
