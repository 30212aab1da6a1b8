import Foundation
import Orders
import Profiles
import PropertyBased
import TestSupport
import Testing

/// A random profile that is valid against the sample network.
func randomProfile(seed: Int) -> RetailerProfile {
    var rng = SplitMix(seed: UInt64(bitPattern: Int64(seed)))
    func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &rng)] }
    func maybe<T>(_ value: @autoclosure () -> T) -> T? { Bool.random(using: &rng) ? value() : nil }
    let zones = ["America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles"]
    let zone = TimeZone(identifier: pick(zones)) ?? .gmt
    let nodes: [DCID] = ["EWR1", "ORD1", "DFW1", "DEN1", "PHX1", "ONT1"]
    let services: [CarrierServiceID] = ["ups-ground", "ups-2day", "fedex-ground", "fedex-home", "usps-ground"]
    let fill = pick(FulfilmentPolicy.Fill.allCases)
    let word = "R\(Int.random(in: 100...999, using: &rng))"
    var calendar = BusinessCalendar(
        weekends: Set([Weekday.saturday, .sunday].filter { _ in Bool.random(using: &rng) }))
    for _ in 0..<Int.random(in: 0...3, using: &rng) {
        calendar.holidays.insert(
            CalendarDate(
                year: 2026, month: Int.random(in: 1...12, using: &rng),
                day: Int.random(in: 1...28, using: &rng)) ?? CalendarDate(Date(), in: zone))
    }
    var fees = FeeSchedule()
    for violation in FeeSchedule.Violation.allCases where Bool.random(using: &rng) {
        let amount: Fee.Amount = pick([
            .fixed(Money(Decimal(Int.random(in: 0...5000, using: &rng)) / 100, .usd)),
            .perUnit(Money(Decimal(Int.random(in: 0...900, using: &rng)) / 100, .usd)),
            .percent(Decimal(Int.random(in: 0...100, using: &rng))),
        ])
        fees.fees[violation] = Fee(
            amount: amount,
            allowance: maybe(
                Fee.Allowance(
                    percent: Decimal(Int.random(in: 0...50, using: &rng)) / 10,
                    of: pick([Fee.Allowance.Base.orders, .units]))))
    }
    if Bool.random(using: &rng) {
        fees.scorecard[pick(FeeSchedule.Metric.allCases)] = Decimal(Int.random(in: 0...100, using: &rng))
    }
    let authority = pick(RoutingAuthority.allCases)
    var feed: FeedSettings?
    if Bool.random(using: &rng),
        let cron = try? CronSchedule(
            parsing:
                "\(Int.random(in: 0...59, using: &rng)) */\(Int.random(in: 1...12, using: &rng)) * * * \(zone.identifier)"
        )
    {
        feed = FeedSettings(
            format: pick(FeedSettings.Format.allCases), mode: pick(FeedSettings.Mode.allCases),
            perNode: Bool.random(using: &rng),
            unavailable: pick(FeedSettings.Unavailable.allCases), schedule: cron,
            minimumInterval: maybe(ProfileDuration(15, .minutes)),
            destination: URL(string: "sftp://sftp.example.test/\(word)") ?? URL(fileURLWithPath: "/"),
            credentials: ["password": "\(word)_PASSWORD"],
            buffer: maybe(pick([FeedSettings.Buffer.units(2), .percent(10)])),
            cap: maybe(Int.random(in: 0...500, using: &rng)), columns: ["sku", "quantity"],
            itemIDs: ["HP-10001": "X-\(word)"], maxItemsPerSet: maybe(Int.random(in: 1...10_000, using: &rng)))
    }
    return RetailerProfile(
        id: RetailerID(word.lowercased()), name: "Retailer \(word): sample", sample: Bool.random(using: &rng),
        identity: PartnerIdentities(
            interchange: [PartnerIdentity(qualifier: pick(["ZZ", "08", "01"]), id: word)], group: [word],
            cXML: maybe([PartnerIdentity(qualifier: "NetworkID", id: word)]) ?? [],
            x12Version: maybe(pick(["004010", "005010"])),
            delimiters: maybe(
                Delimiters(
                    element: pick(["*", "|"]), component: pick([">", ":", "^"]), segment: "~",
                    repetition: maybe("!"), lineEnding: pick(Delimiters.LineEnding.allCases)))),
        documents: DocumentRules(
            sends: [.x850], expects: [.x997, .x855, .x856],
            acknowledgement: AcknowledgementRules(
                required: Bool.random(using: &rng),
                deadline: ProfileDuration(
                    Int.random(in: 1...72, using: &rng), pick([.hours, .businessHours, .businessDays])),
                scope: pick(AcknowledgementRules.Scope.allCases),
                kinds: Set(AcknowledgementRules.Kind.allCases.filter { _ in Bool.random(using: &rng) })),
            asnDeadline: maybe(.hours(2)), cancelOn: pick([.x855, .x856]), shipOn: pick([.x856, .x810]),
            invoiceOn: maybe(.x810)),
        shipSLA: ShipSLA(
            within: ProfileDuration(Int.random(in: 0...5, using: &rng), pick([.businessDays, .hours, .businessHours])),
            from: pick(ShipSLA.Basis.allCases),
            honours: Array(ShipSLA.PODate.allCases.prefix(Int.random(in: 0...3, using: &rng))),
            cutoff: LocalTime(
                TimeOfDay(hour: Int.random(in: 0...23, using: &rng), minute: pick([0, 15, 30, 59]))!, zone),
            calendar: calendar),
        fulfilment: FulfilmentPolicy(
            fill: fill, maxShipments: Int.random(in: 1...3, using: &rng),
            backorder: fill == .shipComplete ? maybe(ProfileDuration(10, .days)) : nil),
        routingAuthority: authority,
        sourcing: Sourcing(
            primary: authority == .supplier ? maybe(pick(nodes)) : nil,
            alternates: nodes.filter { _ in Bool.random(using: &rng) }, strategy: pick(Sourcing.Strategy.allCases)),
        carriers: [
            CarrierMapping(
                scac: maybe("UPSN"), serviceLevel: maybe("SG"), routing: "GROUND \(word)",
                services: [pick(services), pick(services)])
        ],
        shipTo: ShipToRules(
            poBoxes: Bool.random(using: &rng), military: Bool.random(using: &rng),
            alaskaHawaii: Bool.random(using: &rng), territories: Bool.random(using: &rng),
            nonUS: Bool.random(using: &rng)),
        items: ItemRules(
            maxUnitsPerLine: maybe(Int.random(in: 1...20, using: &rng)), maxUnitsPerOrder: maybe(50),
            maxLines: maybe(10), requirePrices: Bool.random(using: &rng), packingSlip: Bool.random(using: &rng),
            giftMessages: Bool.random(using: &rng)),
        fees: fees,
        reasonCodes: ReasonCodes(
            codes: Dictionary(
                [(Reason.outOfStock, "IR"), (pick(Reason.allCases), "R\(word)")],
                uniquingKeysWith: { _, last in last }),
            fallback: pick(["IR", "reject"])),
        feed: feed)
}

@Suite("profiles round-trip through the file format")
struct ProfileRoundTripTests {
    func reload(_ profile: RetailerProfile) throws -> (RetailerProfile?, [String], String) {
        let text = try profile.fileYAML()
        do {
            let world = try ProfileSet.load(
                profiles: [SourceFile(name: "r.yaml", text: text)], network: try sampleNetwork(),
                catalog: smallCatalog)
            return (world[profile.id], [], text)
        } catch let error as ProfileErrors {
            return (nil, error.errors.map(\.description), text)
        }
    }

    @Test("a random valid profile written as a file reads back equal")
    func randomProfilesRoundTrip() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...Int(Int32.max))) { seed in
            let profile = randomProfile(seed: seed)
            do {
                let (loaded, errors, text) = try reload(profile)
                #expect(errors == [], "seed \(seed):\n\(text)")
                #expect(loaded == profile, "seed \(seed):\n\(text)")
            } catch {
                Issue.record("seed \(seed): \(error)")
            }
        }
    }

    @Test(
        "the sample profiles written back out read back equal",
        arguments: ["walmart", "amazon", "homedepot", "bestbuy"])
    func samplesRoundTrip(retailer: String) throws {
        let world = try ProfileSet.load(
            profiles: try sampleProfiles(), network: try sampleNetwork(), catalog: smallCatalog)
        let profile = try #require(world[RetailerID(retailer)])
        let (loaded, errors, _) = try reload(profile)
        #expect(errors == [])
        #expect(loaded == profile)
    }
}
