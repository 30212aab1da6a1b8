import Foundation
import Orders
import Profiles
import Testing

/// A minimal valid profile; each test breaks one line of it.
let minimalProfile = """
    name: Test Retailer
    identity:
      x12-interchange: ["ZZ:TESTRETAIL"]
    sourcing:
      primary: EWR1
      alternates: [ORD1]
    ship-sla:
      within: 2 business days
      cutoff: 14:00 America/Chicago
    fulfilment:
      fill: order-fill-or-kill
    carriers:
      - { routing: UPS GROUND, services: [ups-ground] }
    fees:
      late-ship: { fixed: 5.00 USD }

    """

func replacing(_ old: String, with new: String, in text: String = minimalProfile) -> String {
    precondition(text.contains(old), "the base profile has no '\(old)'")
    return text.replacingOccurrences(of: old, with: new)
}

@Suite("profile checks report every problem at its file, line and column")
struct ProfileErrorTests {
    @Test("the minimal profile loads")
    func minimalLoads() throws {
        #expect(try problems(profile: minimalProfile) == [])
    }

    @Test(
        "each broken value is reported with its exact place and message",
        arguments: [
            (
                "  cutoff: 14:00 America/Chicago", "  cuttoff: 14:00 America/Chicago",
                [
                    "p.yaml:8:3: ship-sla: missing required key 'cutoff'",
                    "p.yaml:9:3: ship-sla: unknown key 'cuttoff'; did you mean 'cutoff'?",
                ]
            ),
            (
                "14:00 America/Chicago", "25:00 America/Chicago",
                ["p.yaml:9:11: ship-sla.cutoff: 25:00 is not a time of day: hour 25 is not in 0–23"]
            ),
            (
                "14:00 America/Chicago", "14:00 America/Chicagoo",
                [
                    "p.yaml:9:11: ship-sla.cutoff: unknown time zone 'America/Chicagoo' (use an IANA name such as America/Chicago)"
                ]
            ),
            (
                "14:00 America/Chicago", "14:00 EST",
                ["p.yaml:9:11: ship-sla.cutoff: unknown time zone 'EST' (use an IANA name such as America/Chicago)"]
            ),
            (
                "{ fixed: 5.00 USD }", "{ fixed: -5.00 USD }",
                ["p.yaml:15:23: fees.late-ship.fixed: a fee cannot be negative, got -5.00 USD"]
            ),
            (
                "{ fixed: 5.00 USD }", "{ fixed: 5 dollars }",
                [
                    "p.yaml:15:23: fees.late-ship.fixed: expected an amount with its currency like '25.00 USD', got '5 dollars'"
                ]
            ),
            (
                "alternates: [ORD1]", "alternates: [ORD1, ORD2]",
                ["p.yaml:6:22: sourcing.alternates[1]: unknown DC 'ORD2'; did you mean 'ORD1'?"]
            ),
            (
                "primary: EWR1", "primary: EWR9",
                ["p.yaml:5:12: sourcing.primary: unknown DC 'EWR9'; did you mean 'EWR1'?"]
            ),
            (
                "services: [ups-ground]", "services: [ups-grnd]",
                [
                    "p.yaml:13:39: carriers[0].services[0]: unknown carrier service 'ups-grnd'; did you mean 'ups-ground'?"
                ]
            ),
            (
                "within: 2 business days", "within: 2 fortnights",
                [
                    "p.yaml:8:11: ship-sla.within: unknown duration unit 'fortnights' in '2 fortnights' (use m, h, days, business hours or business days)"
                ]
            ),
            (
                "fill: order-fill-or-kill", "fill: order-fill-or-kil",
                [
                    "p.yaml:11:9: fulfilment.fill: unknown value 'order-fill-or-kil'; expected one of order-fill-or-kill, line-fill-or-kill, ship-complete (did you mean 'order-fill-or-kill'?)"
                ]
            ),
            (
                "fill: order-fill-or-kill", "fill: [order-fill-or-kill]",
                ["p.yaml:11:9: fulfilment.fill: expected a single value, got a list"]
            ),
            (
                "name: Test Retailer", "nmae: Test Retailer",
                ["p.yaml:1:1: missing required key 'name'", "p.yaml:1:1: unknown key 'nmae'; did you mean 'name'?"]
            ),
            (
                "ship-sla:", "ship-sla: [",
                ["p.yaml:9:9: YAML syntax: did not find expected ',' or ']'"]
            ),
        ] as [(String, String, [String])])
    func brokenValue(old: String, new: String, expected: [String]) throws {
        #expect(try problems(profile: replacing(old, with: new)) == expected)
    }

    @Test("every problem in a file is reported at once, in file order")
    func allAtOnce() throws {
        var text = replacing("14:00 America/Chicago", with: "24:00 America/Chicago")
        text = replacing("{ fixed: 5.00 USD }", with: "{ fixed: -1.00 USD }", in: text)
        text = replacing("primary: EWR1", with: "primary: XXX1", in: text)
        let found = try problems(profile: text)
        #expect(
            found.map { $0.split(separator: ":").prefix(2).joined(separator: ":") } == [
                "p.yaml:5", "p.yaml:9", "p.yaml:15",
            ])
    }

    @Test("two profiles claiming the same X12 sender are both loaded and the second is reported")
    func duplicateIdentity() throws {
        let found = loadErrors(
            profiles: [
                SourceFile(name: "a.yaml", text: minimalProfile), SourceFile(name: "b.yaml", text: minimalProfile),
            ],
            network: try sampleNetwork())
        #expect(
            found == [
                "b.yaml:3:21: identity.x12-interchange: x12-interchange 'ZZ:TESTRETAIL' is already claimed by a.yaml:3"
            ])
    }

    @Test("a feed schedule that fires more often than the destination allows is refused")
    func feedTooOften() throws {
        let text =
            minimalProfile + """
                feed:
                  format: csv
                  schedule: "*/10 * * * * America/Chicago"
                  minimum-interval: 1h
                  destination: https://example.test/feed
                  credentials: { token: hunter2 }

                """
        #expect(
            try problems(profile: text) == [
                "p.yaml:18:13: feed.schedule: schedule '*/10 * * * *' fires every 10 minutes, more often than the destination allows (1h)",
                "p.yaml:21:16: feed.credentials: credential 'token' must name an environment variable (like WALMART_SFTP_PASSWORD), never hold the secret",
            ])
    }

    @Test("an 846 set cannot be asked to hold more LIN loops than the standard allows, nor none")
    func itemsPerSetBounds() throws {
        for value in ["0", "10001"] {
            let text =
                minimalProfile + """
                    feed:
                      format: x12-846
                      schedule: "0 6 * * * America/Chicago"
                      destination: https://example.test/feed
                      max-items-per-set: \(value)

                    """
            let found = try problems(profile: text)
            #expect(
                found == [
                    "p.yaml:20:22: feed.max-items-per-set: max-items-per-set must be 1 to 10000 (the 846's LIN loop repeats at most 10000 times), got \(value)"
                ], "\(found)")
        }
    }

    @Test("a network with an impossible cutoff, an unknown service and a duplicate node reports each")
    func brokenNetwork() throws {
        var network = try sampleNetwork().text
        network = network.replacingOccurrences(
            of: "{ service: ups-ground, cutoff: \"16:00\" }",
            with: "{ service: ups-ground, cutoff: \"16:75\" }")
        network = network.replacingOccurrences(
            of: "{ service: ups-2day, cutoff: \"15:30\" }",
            with: "{ service: ups-3day, cutoff: \"15:30\" }")
        network = network.replacingOccurrences(of: "- id: PHX1", with: "- id: DEN1")
        do {
            #expect(
                loadErrors(profiles: [], network: SourceFile(name: "n.yaml", text: network)) == [
                    "n.yaml:73:40: nodes[1].services[0].cutoff: 16:75 is not a time of day: minute 75 is not in 0–59",
                    "n.yaml:91:20: nodes[2].services[1]: unknown carrier service 'ups-3day'; did you mean 'ups-2day'?",
                    "n.yaml:111:9: nodes[4].id: node id 'DEN1' is used twice",
                ])
        }
    }

    @Test("a catalog row with a bad UPC or flag is reported at its line")
    func brokenCatalog() throws {
        let csv = SourceFile(
            name: "items.csv",
            text: smallCatalog.text.replacingOccurrences(
                of: ",false,false,true,18.40",
                with: ",maybe,false,true,18.40"
            )
            .replacingOccurrences(of: "084512100021", with: "84512"))
        do {
            #expect(
                loadErrors(profiles: [], network: try sampleNetwork(), catalog: csv) == [
                    "items.csv:2:1: oversize 'maybe' is not true or false",
                    "items.csv:3:10: upc '84512' of HP-10002 is not a GTIN: expected 8, 12, 13 or 14 digits",
                ])
        }
    }
}

@Suite("problems carry a kind a tool can act on")
struct ProfileErrorKindTests {
    @Test(
        "each kind of mistake is classified",
        arguments: [
            (
                "  cutoff: 14:00 America/Chicago", "  cuttoff: 14:00 America/Chicago",
                [ProfileError.Kind.missingKey, .unknownKey]
            ),
            ("14:00 America/Chicago", "25:00 America/Chicago", [.invalidValue]),
            ("fill: order-fill-or-kill", "fill: [order-fill-or-kill]", [.wrongType]),
            ("primary: EWR1", "primary: EWR9", [.unknownReference]),
            ("ship-sla:", "ship-sla: [", [.syntax]),
        ] as [(String, String, [ProfileError.Kind])])
    func kinds(old: String, new: String, expected: [ProfileError.Kind]) throws {
        do {
            _ = try ProfileSet.load(
                profiles: [SourceFile(name: "p.yaml", text: replacing(old, with: new))], network: try sampleNetwork(),
                catalog: smallCatalog)
            Issue.record("expected a problem")
        } catch let error as ProfileErrors {
            #expect(error.errors.map(\.kind) == expected)
        }
    }
}

extension ProfileErrorTests {
    @Test("a carrier service's SCAC that is not 2 to 4 capitals or digits is reported at its line")
    func badSCAC() throws {
        let network = try sampleNetwork().text.replacingOccurrences(of: "scac: FDEG", with: "scac: FedEx Ground")
        let errors = loadErrors(profiles: [], network: SourceFile(name: "n.yaml", text: network))
        #expect(errors.count == 2, "fedex-ground and fedex-home: \(errors)")
        #expect(errors.allSatisfy { $0.contains("a SCAC is 2 to 4 capital letters or digits, got 'FedEx Ground'") })
        #expect(errors.first?.hasPrefix("n.yaml:18:11: services.fedex-ground.scac") == true, "\(errors)")
    }
}
