import Foundation
import Gateway
import Orders
import Profiles
import Store

/// The pick list's order section (`PageTemplates.pick`) written by hand straight into bytes: the same text the
/// template renders from `WarehousePages.section(…)`, without Mustache's per-value lookups up its context stack
/// and string copies, which cost most of a DC page's first render at thousands of orders (measured: the section
/// through Mustache ~60 µs an order, by hand a few). `PickSectionHandWrittenTests` hold it byte for byte to the
/// template over many tickets (every optional present and absent, kits, bins, lines done, text needing escapes);
/// a change to the template must be made here too, and the test says where they differ.
enum HandWrittenPickSection {
    /// The section of `pick` shown with `urgency`, the profile's `methods` for its service and its `carrier`.
    static func html(_ pick: WarehousePages.Pick, urgency: WarehousePages.Urgency, methods: String, carrier: String?)
        -> String
    {
        let ticket = pick.ticket
        var out = HTMLBytes(capacity: 1_600 + ticket.lines.count * 400)
        let order = String(pick.entry.order.rawValue)
        out.raw("<section class=\"order ")
        out.text(urgency.rawValue)
        out.raw("\" id=\"order-")
        out.text(order)
        out.raw("\" data-po=\"")
        out.text(ticket.poNumber.rawValue)
        out.raw("\">\n<h2>")
        if urgency == .overdue { out.raw("<span class=\"flag overdue\">OVERDUE</span> ") }
        if urgency == .dueSoon { out.raw("<span class=\"flag due-soon\">DUE SOON</span> ") }
        out.raw("PO <span class=\"po\">")
        out.text(ticket.poNumber.rawValue)
        out.raw("</span> · ")
        out.text(ticket.retailerName)
        out.raw("</h2>\n<p>Ship by <strong>")
        out.time(ticket.shipByAtNode)
        out.raw("</strong> (DC clock; retailer's clock ")
        out.time(ticket.shipBy)
        out.raw(") · tender by ")
        out.time(ticket.shipAt)
        out.raw("</p>\n<p>Carrier service <strong>")
        out.text(ticket.service.rawValue)
        out.raw("</strong>")
        if let carrier {
            out.raw(" (")
            out.text(carrier)
            out.raw(")")
        }
        if !methods.isEmpty {
            out.raw(" · the retailer's method ")
            out.text(methods)
        }
        out.raw(" · ")
        out.text(pick.entry.state.rawValue)
        out.raw("</p>\n<p>Packing slip <strong>")
        out.raw(ticket.packingSlip ? "yes" : "no")
        out.raw("</strong>")
        if let giftMessage = ticket.giftMessage {
            out.raw(" · Gift message: <q class=\"gift\">")
            out.text(giftMessage)
            out.raw("</q>")
        }
        out.raw("</p>\n<table>\n<thead><tr>")
        let hasLocations = ticket.lines.contains { $0.walkLocation != nil }
        if hasLocations { out.raw("<th>Bin</th>") }
        out.raw(
            "<th>Line</th><th>SKU</th><th>UPC</th><th>Retailer item</th><th>Description</th><th>To pick</th><th>Care</th></tr></thead>\n<tbody>\n"
        )
        for line in ticket.lines {
            out.raw(line.isDone ? "<tr class=\"line done\" data-line=\"" : "<tr class=\"line\" data-line=\"")
            out.text(line.lineNumber)
            out.raw("\" data-left=\"")
            out.text(String(line.quantity))
            out.raw("\">")
            if hasLocations {
                out.raw("<td class=\"bin\">")
                out.text(line.location?.rawValue ?? "")
                out.raw("</td>")
            }
            out.raw("<td>")
            out.text(line.lineNumber)
            out.raw("</td><td class=\"sku\">")
            out.text(line.sku.rawValue)
            out.raw("</td><td>")
            out.text(line.upc ?? "")
            out.raw("</td><td>")
            out.text(line.retailerItemID ?? "")
            out.raw("</td><td>")
            out.text(line.description ?? "")
            out.raw("</td><td class=\"qty\">")
            out.text(WarehousePages.quantityText(line.quantity, planned: line.planned))
            out.raw("</td><td class=\"care\">")
            out.text(WarehousePages.care(line))
            out.raw("</td></tr>")
            for component in line.components ?? [] {
                out.raw(line.isDone ? "<tr class=\"kit-component done\">" : "<tr class=\"kit-component\">")
                if hasLocations {
                    out.raw("<td class=\"bin\">")
                    out.text(component.location?.rawValue ?? "")
                    out.raw("</td>")
                }
                out.raw("<td></td><td class=\"sku\">")
                out.text(component.sku.rawValue)
                out.raw("</td><td></td><td></td><td>")
                out.text(component.description ?? "")
                out.raw(" (")
                out.text(String(component.quantityPerKit))
                out.raw(" per kit)</td><td class=\"qty\">")
                out.text(
                    WarehousePages.quantityText(
                        component.quantity, planned: line.planned.map { $0 * component.quantityPerKit }))
                out.raw("</td><td></td></tr>")
            }
            out.raw("\n")
        }
        out.raw("</tbody>\n</table>\n<p class=\"actions no-print\"><a class=\"button\" href=\"/warehouse/")
        out.text(ticket.node.rawValue)
        out.raw("/orders/")
        out.text(order)
        out.raw("/ticket\">Pick ticket</a>\n")
        if ticket.packingSlip {
            out.raw("<a class=\"button\" href=\"/warehouse/")
            out.text(ticket.node.rawValue)
            out.raw("/orders/")
            out.text(order)
            out.raw("/packing-slip\">Packing slip</a>")
        }
        out.raw("\n<a class=\"button primary\" href=\"/warehouse/")
        out.text(ticket.node.rawValue)
        out.raw("/orders/")
        out.text(order)
        out.raw("/ship\">Ship</a></p>\n</section>\n")
        return out.string
    }
}

/// UTF-8 of a page being written: markup as it is, text escaped as `FastHTMLContentType` escapes it (the five
/// characters `& < > " '`).
struct HTMLBytes {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    /// Markup, written as it is.
    mutating func raw(_ markup: StaticString) {
        markup.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// A value shown as text, escaped.
    mutating func text(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            var plain = 0
            for index in utf8.indices {
                let escape: StaticString
                switch utf8[index] {
                case UInt8(ascii: "<"): escape = "&lt;"
                case UInt8(ascii: ">"): escape = "&gt;"
                case UInt8(ascii: "&"): escape = "&amp;"
                case UInt8(ascii: "\""): escape = "&quot;"
                case UInt8(ascii: "'"): escape = "&#39;"
                default: continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plain..<index]))
                raw(escape)
                plain = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plain...]))
        }
    }

    /// `PageTime.text(zoned)` (`Wed 2026-11-25 23:59 -05:00`: nothing to escape), written straight in.
    mutating func time(_ zoned: ZonedInstant) {
        let offset = zoned.timeZone.secondsFromGMT(for: zoned.instant)
        let c = PageTime.civil(zoned.instant, offset: offset)
        let minutes = abs(offset) / 60
        bytes.append(contentsOf: PageTime.weekdays[c.weekday].utf8)
        bytes.append(UInt8(ascii: " "))
        digits(c.year, 4)
        bytes.append(UInt8(ascii: "-"))
        digits(c.month, 2)
        bytes.append(UInt8(ascii: "-"))
        digits(c.day, 2)
        bytes.append(UInt8(ascii: " "))
        digits(c.hour, 2)
        bytes.append(UInt8(ascii: ":"))
        digits(c.minute, 2)
        bytes.append(contentsOf: offset < 0 ? " -".utf8 : " +".utf8)
        digits(minutes / 60, 2)
        bytes.append(UInt8(ascii: ":"))
        digits(minutes % 60, 2)
    }

    /// `value` in decimal, zeros before it up to `width` characters, as `PageTime` pads.
    private mutating func digits(_ value: Int, _ width: Int) {
        guard value >= 0, value < 10_000 else {
            let text = String(value)
            bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: max(0, width - text.utf8.count)))
            bytes.append(contentsOf: text.utf8)
            return
        }
        let count = value >= 1000 ? 4 : value >= 100 ? 3 : value >= 10 ? 2 : 1
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: max(0, width - count)))
        var divisor = 1
        for _ in 1..<count { divisor *= 10 }
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
            divisor /= 10
        }
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }
}
