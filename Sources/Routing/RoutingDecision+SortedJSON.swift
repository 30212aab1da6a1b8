import Foundation
public import Orders
public import Profiles

/// The decision's pretty JSON written by hand, as `dropgate route --json` prints it: the members of
/// `RoutingDecision+CompactJSON.swift`, in the UTF-8 order of their keys, as `JSONEncoder`'s `.sortedKeys` writes
/// them. Keep the two in step when a field is added; `DecisionSortedJSONTests` holds this byte for byte to
/// `RoutingDecision.jsonEncoder()` over random decisions and the sample inbox.
extension RoutingDecision {
    public func writeSortedJSON(to writer: JSONByteWriter) throws {
        try writer.object {
            try writer.member("backorderedLines", backorderedLines)
            try writer.member("cancelledLines", cancelledLines)
            try writer.member("checks", checks)
            try writer.member("couldHaveShipped", couldHaveShipped)
            try writer.member("deadlines", deadlines)
            writer.member("decidedAt", decidedAt)
            try writer.member("fees", fees)
            try writer.member("nodes", nodes)
            try writer.member("outcome", outcome)
            try writer.member("poNumber", poNumber)
            try writer.member("rejections", rejections)
            try writer.member("retailer", retailer)
            try writer.member("shipments", shipments)
        }
    }
}

extension Shipment {
    public func writeSortedJSON(to writer: JSONByteWriter) throws {
        try writer.object {
            try writer.member("expectedDelivery", expectedDelivery)
            try writer.member("landedCost", landedCost)
            try writer.member("lines", lines)
            try writer.member("node", node)
            try writer.member("service", service)
            writer.member("shipAt", shipAt)
            writer.member("shipBy", shipBy)
            try writer.member("shipDay", shipDay)
            writer.member("timeZone", sorted: timeZone)
            writer.member("zone", zone)
        }
    }
}

extension ShipmentLine {
    public func writeSortedJSON(to writer: JSONByteWriter) throws {
        try writer.object {
            writer.member("lineNumber", lineNumber)
            writer.member("quantity", quantity)
            try writer.member("sku", sku)
        }
    }
}

extension CancelledLine {
    public func writeSortedJSON(to writer: JSONByteWriter) throws {
        try writer.object {
            writer.member("causingLine", causingLine)
            writer.member("code", code)
            writer.member("detail", detail)
            writer.member("lineNumber", lineNumber)
            writer.member("quantity", quantity)
            try writer.member("reason", reason)
            try writer.member("sku", sku)
        }
    }
}

extension BackorderedLine {
    public func writeSortedJSON(to writer: JSONByteWriter) throws {
        try writer.object {
            writer.member("lineNumber", lineNumber)
            try writer.member("node", node)
            writer.member("quantity", quantity)
            try writer.member("sku", sku)
            try writer.member("until", until)
        }
    }
}

extension Rejection {
    public func writeSortedJSON(to writer: JSONByteWriter) throws {
        try writer.object {
            writer.member("code", code)
            writer.member("detail", detail)
            writer.member("lineNumber", lineNumber)
            try writer.member("reason", reason)
        }
    }
}

extension Deadlines {
    public func writeSortedJSON(to writer: JSONByteWriter) throws {
        try writer.object {
            writer.member("acknowledgeBy", acknowledgeBy)
            writer.member("basis", basis)
            try writer.member("deliverBy", deliverBy)
            writer.member("shipBy", shipBy)
            try writer.member("shipByDay", shipByDay)
            writer.member("timeZone", sorted: timeZone)
        }
    }
}

extension FeeAssessment {
    public func writeSortedJSON(to writer: JSONByteWriter) throws {
        try writer.object {
            try writer.member("avoided", avoided)
            try writer.member("incurred", incurred)
        }
    }
}

extension FeeLine {
    public func writeSortedJSON(to writer: JSONByteWriter) throws {
        try writer.object {
            try writer.member("amount", amount)
            writer.member("cause", cause)
            try writer.member("failedCheck", failedCheck)
            try writer.member("node", node)
            writer.member("note", note)
            try writer.member("violation", violation)
        }
    }
}

extension RuleCheck {
    public func writeSortedJSON(to writer: JSONByteWriter) throws {
        try writer.object {
            writer.member("detail", detail)
            writer.member("passed", passed)
            try writer.member("rule", rule)
        }
    }
}

extension NodeEvaluation {
    public func writeSortedJSON(to writer: JSONByteWriter) throws {
        try writer.object {
            writer.member("canShipAll", canShipAll)
            writer.member("candidate", candidate)
            try writer.member("checks", checks)
            writer.member("chosen", chosen)
            try writer.member("distanceMiles", distanceMiles)
            try writer.member("node", node)
            writer.member("rank", rank)
            writer.member("verdict", verdict)
        }
    }
}

extension NodeCheck {
    public func writeSortedJSON(to writer: JSONByteWriter) throws {
        try writer.object {
            writer.member("detail", detail)
            try writer.member("kind", kind)
            writer.member("passed", passed)
        }
    }
}
