public import Foundation
public import Orders

/// A node that can ship orders: a DC, a store, a 3PL or a vendor.
public struct FulfilmentNode: Hashable, Sendable, Codable {
    public var id: DCID
    public var name: String
    public var kind: Kind
    public var address: Address
    public var coordinates: Coordinates
    public var timeZone: TimeZone
    /// The switch: a disabled node is never a candidate.
    public var enabled: Bool
    /// Announced closures, each inclusive, in the node's own days.
    public var closures: [Closure]
    public var calendar: BusinessCalendar
    public var capacity: DailyCapacity
    /// The services it ships with and the time the carrier collects each.
    public var services: [NodeService]
    public var capabilities: Set<Capability>
    public var costs: NodeCosts
    /// Lower ships first under the `priority` strategy.
    public var priority: Int
    /// For nodes with the `pickup` or `curbside` capability: the local time store-pickup orders are ready on an open
    /// day (the pickup analogue of a carrier cutoff).
    public var pickupReady: TimeOfDay?
    /// The store's switch applied to this node (`Network.applying(_:)`), for explanations; nil when only the network
    /// file speaks for it.
    public var storeSwitch: NodeSwitch?
    /// Where its pick tickets go (its drop folder or WMS endpoint); nil when the network file names none, and they
    /// wait in the outbox.
    public var pickTickets: DeliveryEndpoint?

    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        case dc, store
        case thirdParty = "3pl"
        case vendor
    }

    public enum Capability: String, Hashable, Sendable, Codable, CaseIterable {
        case oversize, hazmat
        case giftWrap = "gift-wrap"
        case pickup, curbside
    }

    public init(
        id: DCID, name: String, kind: Kind = .dc, address: Address, coordinates: Coordinates, timeZone: TimeZone,
        enabled: Bool = true, closures: [Closure] = [], calendar: BusinessCalendar = BusinessCalendar(),
        capacity: DailyCapacity, services: [NodeService], capabilities: Set<Capability> = [],
        costs: NodeCosts, priority: Int = 100, pickupReady: TimeOfDay? = nil
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.address = address
        self.coordinates = coordinates
        self.timeZone = timeZone
        self.enabled = enabled
        self.closures = closures
        self.calendar = calendar
        self.capacity = capacity
        self.services = services
        self.capabilities = capabilities
        self.costs = costs
        self.priority = priority
        self.pickupReady = pickupReady
    }

    /// Whether consumers can collect orders here.
    public var offersPickup: Bool { !capabilities.isDisjoint(with: [.pickup, .curbside]) && pickupReady != nil }

    public func service(_ id: CarrierServiceID) -> NodeService? { services.first { $0.service == id } }

    /// The closure covering `day`, if any.
    public func closure(on day: CalendarDate) -> Closure? { closures.first { $0.from <= day && day <= $0.until } }

    /// A day the node ships: a calendar business day outside every closure.
    public func ships(on day: CalendarDate) -> Bool { calendar.isBusinessDay(day) && closure(on: day) == nil }
}

public struct Closure: Hashable, Sendable, Codable {
    public var from: CalendarDate
    public var until: CalendarDate
    public var reason: String?

    public init(from: CalendarDate, until: CalendarDate, reason: String? = nil) {
        self.from = from
        self.until = until
        self.reason = reason
    }
}

public struct DailyCapacity: Hashable, Sendable, Codable {
    public var orders: Int
    public var units: Int

    public init(orders: Int, units: Int) {
        self.orders = orders
        self.units = units
    }
}

public struct NodeService: Hashable, Sendable, Codable {
    public var service: CarrierServiceID
    /// Local time at the node after which today's pickup is gone.
    public var cutoff: TimeOfDay

    public init(service: CarrierServiceID, cutoff: TimeOfDay) {
        self.service = service
        self.cutoff = cutoff
    }
}

/// What shipping from the node costs us, before carrier charges.
public struct NodeCosts: Hashable, Sendable, Codable {
    public var perOrder: Money
    public var perUnit: Money

    public init(perOrder: Money, perUnit: Money) {
        self.perOrder = perOrder
        self.perUnit = perUnit
    }
}
