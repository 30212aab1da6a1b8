import Foundation
public import Orders
public import Profiles

/// The decision's JSON as the store keeps it, written by hand: member for member what the synthesized and custom
/// `encode(to:)` of each type write (the lazy lists and sentences as the text they read as). Keep the two in step
/// when a field is added; `DecisionRecordTests` holds them byte for byte equal over random decisions.
extension RoutingDecision: JSONWritable {
    public func writeCompactJSON(to writer: JSONByteWriter) throws {
        try writer.object {
            try writer.member("poNumber", poNumber)
            try writer.member("retailer", retailer)
            writer.member("decidedAt", decidedAt)
            try writer.member("outcome", outcome)
            try writer.member("shipments", shipments)
            try writer.member("cancelledLines", cancelledLines)
            try writer.member("backorderedLines", backorderedLines)
            try writer.member("rejections", rejections)
            try writer.member("deadlines", deadlines)
            try writer.member("fees", fees)
            try writer.member("checks", checks)
            try writer.member("nodes", nodes)
            try writer.member("couldHaveShipped", couldHaveShipped)
        }
    }
}

extension RoutingDecision.Outcome: JSONWritable {}
extension Reason: JSONWritable {}
extension FeeSchedule.Violation: JSONWritable {}
extension RuleCheck.Rule: JSONWritable {}
extension NodeCheck.Kind: JSONWritable {}

extension Shipment: JSONWritable {
    public func writeCompactJSON(to writer: JSONByteWriter) throws {
        try writer.object {
            try writer.member("node", node)
            try writer.member("lines", lines)
            try writer.member("service", service)
            writer.member("shipAt", shipAt)
            try writer.member("shipDay", shipDay)
            writer.member("shipBy", shipBy)
            try writer.member("timeZone", encoding: timeZone)
            try writer.member("expectedDelivery", expectedDelivery)
            writer.member("zone", zone)
            try writer.member("landedCost", landedCost)
        }
    }
}

extension ShipmentLine: JSONWritable {
    public func writeCompactJSON(to writer: JSONByteWriter) throws {
        try writer.object {
            writer.member("lineNumber", lineNumber)
            try writer.member("sku", sku)
            writer.member("quantity", quantity)
        }
    }
}

extension CancelledLine: JSONWritable {
    public func writeCompactJSON(to writer: JSONByteWriter) throws {
        try writer.object {
            writer.member("lineNumber", lineNumber)
            try writer.member("sku", sku)
            writer.member("quantity", quantity)
            try writer.member("reason", reason)
            writer.member("code", code)
            writer.member("causingLine", causingLine)
            writer.member("detail", detail)
        }
    }
}

extension BackorderedLine: JSONWritable {
    public func writeCompactJSON(to writer: JSONByteWriter) throws {
        try writer.object {
            writer.member("lineNumber", lineNumber)
            try writer.member("sku", sku)
            writer.member("quantity", quantity)
            try writer.member("node", node)
            try writer.member("until", until)
        }
    }
}

extension Rejection: JSONWritable {
    public func writeCompactJSON(to writer: JSONByteWriter) throws {
        try writer.object {
            try writer.member("reason", reason)
            writer.member("code", code)
            writer.member("lineNumber", lineNumber)
            writer.member("detail", detail)
        }
    }
}

extension Deadlines: JSONWritable {
    public func writeCompactJSON(to writer: JSONByteWriter) throws {
        try writer.object {
            writer.member("acknowledgeBy", acknowledgeBy)
            writer.member("shipBy", shipBy)
            try writer.member("shipByDay", shipByDay)
            try writer.member("deliverBy", deliverBy)
            writer.member("basis", basis)
            try writer.member("timeZone", encoding: timeZone)
        }
    }
}

extension FeeAssessment: JSONWritable {
    public func writeCompactJSON(to writer: JSONByteWriter) throws {
        try writer.object {
            try writer.member("avoided", avoided)
            try writer.member("incurred", incurred)
        }
    }
}

extension FeeLine: JSONWritable {
    public func writeCompactJSON(to writer: JSONByteWriter) throws {
        try writer.object {
            try writer.member("violation", violation)
            try writer.member("amount", amount)
            try writer.member("node", node)
            try writer.member("failedCheck", failedCheck)
            writer.member("cause", cause)
            writer.member("note", note)
        }
    }
}

extension RuleCheck: JSONWritable {
    public func writeCompactJSON(to writer: JSONByteWriter) throws {
        try writer.object {
            try writer.member("rule", rule)
            writer.member("passed", passed)
            writer.member("detail", detail)
        }
    }
}

extension NodeEvaluation: JSONWritable {
    public func writeCompactJSON(to writer: JSONByteWriter) throws {
        try writer.object {
            try writer.member("node", node)
            writer.member("rank", rank)
            writer.member("candidate", candidate)
            writer.member("chosen", chosen)
            writer.member("canShipAll", canShipAll)
            try writer.member("distanceMiles", distanceMiles)
            try writer.member("checks", checks)
            writer.member("verdict", verdict)
        }
    }
}

extension NodeCheck: JSONWritable {
    public func writeCompactJSON(to writer: JSONByteWriter) throws {
        try writer.object {
            try writer.member("kind", kind)
            writer.member("passed", passed)
            writer.member("detail", detail)
        }
    }
}
