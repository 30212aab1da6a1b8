import Orders
public import Profiles
public import Store

/// Where an outbox row goes, as the files say: a retailer's documents to the destination its profile names under
/// `documents:`, a pick ticket to its DC's `pick-tickets:` in the network file. A row nothing names a place for
/// stays in the outbox, and the reason says which file would name it.
public enum OutboxDestination: Hashable, Sendable {
    case endpoint(DeliveryEndpoint)
    case unnamed(reason: String)
}

extension ProfileSet {
    public func destination(of entry: OutboxEntry) -> OutboxDestination {
        switch entry.kind {
        case .functionalAcknowledgement, .implementationAcknowledgement, .interchangeAcknowledgement,
            .purchaseOrderAcknowledgement, .changeAcknowledgement, .orderStatus, .cXMLConfirmation, .shipNotice,
            .invoice,
            .cXMLShipNotice, .cXMLInvoice:
            guard let profile = self[RetailerID(entry.partner)] else {
                return .unnamed(reason: "no retailer profile is partner \(entry.partner)")
            }
            guard let endpoint = profile.documents.endpoint else {
                return .unnamed(reason: "\(profile.id)'s profile names no documents: destination")
            }
            return .endpoint(endpoint)
        case .pickTicket:
            guard let node = network.nodes.first(where: { $0.id.rawValue == entry.partner }) else {
                return .unnamed(reason: "no node \(entry.partner) in the network file")
            }
            guard let endpoint = node.pickTickets else {
                return .unnamed(reason: "\(node.id) names no pick-tickets: destination in the network file")
            }
            return .endpoint(endpoint)
        case .explanation:
            return .unnamed(reason: "explanations are kept for people to read, not sent")
        }
    }
}
