import Foundation
public import Orders
public import Profiles

extension RoutingDecision.Outcome: JSONWritable {}
extension Reason: JSONWritable {}
extension FeeSchedule.Violation: JSONWritable {}
extension RuleCheck.Rule: JSONWritable {}
extension NodeCheck.Kind: JSONWritable {}

/// The decision's JSON written by hand, member for member what its `encode(to:)` writes, in the UTF-8 order of the
/// keys (as `JSONEncoder`'s `.sortedKeys`): one writer for the compact record the store keeps and the pretty text
/// `dropgate route --json` prints. Keep it in step when a field is added: `DecisionSortedJSONTests` holds it byte for
/// byte to `RoutingDecision.jsonEncoder()` and `DecisionJSONTests` to the `Codable` path, over random decisions and
/// the sample inbox.
extension RoutingDecision: JSONWritable {
    public func writeJSON(to writer: JSONByteWriter) throws {
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

extension Shipment: JSONWritable {
    public func writeJSON(to writer: JSONByteWriter) throws {
        try writer.object {
            try writer.member("expectedDelivery", expectedDelivery)
            try writer.member("landedCost", landedCost)
            try writer.member("lines", lines)
            try writer.member("node", node)
            try writer.member("service", service)
            writer.member("shipAt", shipAt)
            writer.member("shipBy", shipBy)
            try writer.member("shipDay", shipDay)
            writer.member("timeZone", timeZone)
            writer.member("zone", zone)
        }
    }
}

extension ShipmentLine: JSONWritable {
    public func writeJSON(to writer: JSONByteWriter) throws {
        try writer.object {
            writer.member("lineNumber", lineNumber)
            writer.member("quantity", quantity)
            try writer.member("sku", sku)
        }
    }
}

extension CancelledLine: JSONWritable {
    public func writeJSON(to writer: JSONByteWriter) throws {
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

extension BackorderedLine: JSONWritable {
    public func writeJSON(to writer: JSONByteWriter) throws {
        try writer.object {
            writer.member("awaiting", awaiting)
            writer.member("lineNumber", lineNumber)
            try writer.member("node", node)
            writer.member("quantity", quantity)
            try writer.member("sku", sku)
            try writer.member("until", until)
        }
    }
}

extension Rejection: JSONWritable {
    public func writeJSON(to writer: JSONByteWriter) throws {
        try writer.object {
            writer.member("code", code)
            writer.member("detail", detail)
            writer.member("lineNumber", lineNumber)
            try writer.member("reason", reason)
        }
    }
}

extension Deadlines: JSONWritable {
    public func writeJSON(to writer: JSONByteWriter) throws {
        try writer.object {
            writer.member("acknowledgeBy", acknowledgeBy)
            writer.member("basis", basis)
            try writer.member("deliverBy", deliverBy)
            writer.member("shipBy", shipBy)
            try writer.member("shipByDay", shipByDay)
            writer.member("timeZone", timeZone)
        }
    }
}

extension FeeAssessment: JSONWritable {
    public func writeJSON(to writer: JSONByteWriter) throws {
        try writer.object {
            try writer.member("avoided", avoided)
            try writer.member("incurred", incurred)
        }
    }
}

extension FeeLine: JSONWritable {
    public func writeJSON(to writer: JSONByteWriter) throws {
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

extension RuleCheck: JSONWritable {
    public func writeJSON(to writer: JSONByteWriter) throws {
        try writer.object {
            writer.member("detail", detail)
            writer.member("passed", passed)
            try writer.member("rule", rule)
        }
    }
}

extension NodeEvaluation: JSONWritable {
    public func writeJSON(to writer: JSONByteWriter) throws {
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

extension NodeCheck: JSONWritable {
    public func writeJSON(to writer: JSONByteWriter) throws {
        try writer.object {
            writer.member("detail", detail)
            try writer.member("kind", kind)
            writer.member("passed", passed)
        }
    }
}
