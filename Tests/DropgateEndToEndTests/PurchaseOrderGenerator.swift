import Foundation
import TestSupport

/// Realistic X12 850 interchanges for the sample world, deterministic for a seed: Walmart (004010, `*` `>` `~` + LF,
/// the ship-from node assigned in `N1*SF…*92*<DC>`), Amazon (005010, `*` `:` `~`, repetition `^`, one line) and
/// Home Depot (004010, `|` `^` `~` + CRLF), in the envelope and segment style of `fixtures/inbox/`. SKUs and UPCs
/// come from `fixtures/items.csv`, consumers live in the lower 48, and a share of the lines asks for SKUs of which
/// the network holds a handful, so that stock runs out and later POs are cancelled: stock is what makes races and
/// crash recovery interesting.
///
/// Every PO number is unique and so is every ISA13 per sender, across all the interchanges one generator makes.
struct PurchaseOrderGenerator {
    enum Retailer: String, CaseIterable {
        case walmart, amazon, homedepot
    }

    struct Order {
        var retailer: Retailer
        var poNumber: String
        var lines: [(sku: String, quantity: Int)]
    }

    struct Interchange {
        var retailer: Retailer
        /// ISA13 as sent (nine digits).
        var controlNumber: String
        var orders: [Order]
        var bytes: [UInt8]
    }

    struct File {
        var name: String
        var interchanges: [Interchange]
        var bytes: [UInt8] { interchanges.flatMap(\.bytes) }
        var orders: [Order] { interchanges.flatMap(\.orders) }
    }

    let catalog: SampleCatalog
    /// The SKUs lines are drawn from, and the scarce ones a share of lines asks for.
    let common: [SampleCatalog.Item]
    let scarce: [SampleCatalog.Item]
    /// The share of lines that ask for a scarce SKU.
    let scarceShare: Double
    /// Walmart's expected ship date (`DTM*067`, which its profile honours over the SLA); nil leaves it out, so that
    /// ship-by is reckoned from receipt and the cutoff (a generated month of POs).
    var walmartExpectedShipDate: String? = "20261125"
    private var random: SplitMix
    private var nextControl: [Retailer: Int] = [:]
    private var nextOrder = 0
    private var fileCount = 0

    /// `hotItems`, when given, replaces the whole catalog: every line asks for one of them (a contended run).
    init(seed: UInt64, catalog: SampleCatalog, scarceShare: Double = 0.15, hotItems: [SampleCatalog.Item]? = nil) {
        self.catalog = catalog
        self.scarceShare = scarceShare
        random = SplitMix(seed: seed)
        // Items no node lists at all are left out of the common pool: they would only make unknown-stock cancels.
        common = hotItems ?? catalog.items.filter { !catalog.nodes(stocking: $0.sku).isEmpty }
        scarce = hotItems ?? catalog.scarceItems(atMost: 30)
        for retailer in Retailer.allCases {
            nextControl[retailer] = 100_000 + Int(random.next() % 800_000)
        }
    }

    /// `count` files of `interchangesPerFile` interchanges each, the retailers taking turns within a file.
    mutating func files(_ count: Int, interchangesPerFile: Int, ordersPerInterchange: Int) -> [File] {
        (0..<count).map { _ in
            file(interchangesPerFile: interchangesPerFile, ordersPerInterchange: ordersPerInterchange)
        }
    }

    mutating func file(interchangesPerFile: Int, ordersPerInterchange: Int, prefix: String = "po") -> File {
        fileCount += 1
        let interchanges = (0..<interchangesPerFile).map { index in
            interchange(
                for: Retailer.allCases[(fileCount + index) % Retailer.allCases.count], orders: ordersPerInterchange)
        }
        return File(name: "\(prefix)-" + String(format: "%04d", fileCount) + ".x12", interchanges: interchanges)
    }

    mutating func interchange(for retailer: Retailer, orders count: Int) -> Interchange {
        let control = nextControl[retailer, default: 1]
        nextControl[retailer] = control + 1
        let orders = (0..<count).map { _ in makeOrder(for: retailer) }
        let time = String(format: "%02d%02d", 5 + Int(random.next() % 4), Int(random.next() % 60))
        let isa13 = String(format: "%09d", control)
        var sets: [[String]] = []
        for (index, order) in orders.enumerated() {
            sets.append(segments(of: order, control: String(format: "%04d", index + 1)))
        }
        let text = Self.envelope(retailer, isa13: isa13, gs06: String(control), time: time, sets: sets)
        return Interchange(retailer: retailer, controlNumber: isa13, orders: orders, bytes: Array(text.utf8))
    }

    // MARK: Orders

    private mutating func makeOrder(for retailer: Retailer) -> Order {
        nextOrder += 1
        let poNumber: String
        switch retailer {
        case .walmart: poNumber = String(5_100_000_000 + nextOrder * 7 + Int(random.next() % 7))
        case .amazon: poNumber = "D" + Self.base36(nextOrder * 97 + Int(random.next() % 97), width: 8)
        case .homedepot: poNumber = String(40_000_000 + nextOrder * 11 + Int(random.next() % 11))
        }
        let lineCount = [1, 1, 1, 2, 2, 3][Int(random.next() % 6)]
        var lines: [(sku: String, quantity: Int)] = []
        while lines.count < lineCount {
            let pool = random.unit() < scarceShare ? scarce : common
            let item = pool[Int(random.next() % UInt64(pool.count))]
            if lines.contains(where: { $0.sku == item.sku }) { continue }
            lines.append((item.sku, [1, 1, 1, 2, 2, 3][Int(random.next() % 6)]))
        }
        return Order(retailer: retailer, poNumber: poNumber, lines: lines)
    }

    private func item(_ sku: String) -> SampleCatalog.Item {
        catalog.items.first { $0.sku == sku } ?? catalog.items[0]
    }

    /// ST through SE of one 850, as the retailer writes it (element separator applied by `envelope`).
    private mutating func segments(of order: Order, control: String) -> [String] {
        let consumer = Self.consumer(&random)
        var body: [[String]] = [
            ["ST", "850", control], ["BEG", "00", "DS", order.poNumber, "", "20261124"], ["CUR", "BY", "USD"],
        ]
        let customerOrder = String(2_000_128_000_000 + Int(random.next() % 999_999))
        switch order.retailer {
        case .walmart:
            let first = item(order.lines[0].sku)
            var nodes = catalog.nodes(stocking: first.sku).filter { $0 != "DEN1" }
            if nodes.isEmpty || random.unit() < 0.08 { nodes = ["EWR1", "ORD1", "DFW1", "PHX1", "ONT1"] }
            let assigned = nodes[Int(random.next() % UInt64(nodes.count))]
            let homeDelivery = random.unit() < 0.7
            body += [
                ["REF", "CO", customerOrder], ["REF", "DP", "00074"],
            ]
            if let date = walmartExpectedShipDate { body.append(["DTM", "067", date]) }
            body += [
                [
                    "TD5", "O", "2", "FDEG", "M", homeDelivery ? "FEDEX HOME DELIVERY" : "FEDEX GROUND", "", "", "", "",
                    "", "", "SG",
                ],
                ["N1", "ST", consumer.name.uppercased()], ["N3", consumer.street.uppercased()],
                ["N4", consumer.city.uppercased(), consumer.state, consumer.zip, "US"],
                ["PER", "IC", consumer.name.uppercased(), "TE", consumer.phone],
                ["N1", "BT", "WALMART.COM", "92", "0000000"], ["N3", "702 SW 8TH ST"],
                ["N4", "BENTONVILLE", "AR", "72716", "US"],
                ["N1", "SF", "HARBOR AND PINE HOME CO \(assigned)", "92", assigned],
            ]
            for (index, line) in order.lines.enumerated() {
                let item = item(line.sku)
                body.append([
                    "PO1", String(index + 1), String(line.quantity), "EA", Self.price(item), "", "SK",
                    Self.buyerNumber(item, prefix: 55, width: 9), "VN", item.sku, "UP", item.upc,
                ])
                body.append(["PID", "F", "", "", "", Self.text(item.description)])
            }
        case .amazon:
            let secondDay = random.unit() < 0.25
            body += [
                [
                    "REF", "CO",
                    "11\(Int(random.next() % 10))-\(1_000_000 + Int(random.next() % 8_999_999))-\(1_000_000 + Int(random.next() % 8_999_999))",
                ],
                [
                    "TD5", "O", "2", "UPSN", "M", secondDay ? "UPS 2ND DAY AIR" : "UPS GROUND", "", "", "", "", "", "",
                    secondDay ? "SE" : "SG",
                ],
                ["N1", "ST", consumer.name], ["N3", consumer.street],
                ["N4", consumer.city, consumer.state, consumer.zip, "US"],
            ]
            for (index, line) in order.lines.enumerated() {
                let item = item(line.sku)
                body.append([
                    "PO1", String(index + 1), String(line.quantity), "EA", Self.price(item), "", "BP",
                    "B0" + Self.base36(Int(item.sku.dropFirst(3)) ?? 0, width: 8), "VN", item.sku, "UP", item.upc,
                ])
            }
        case .homedepot:
            let fedEx = random.unit() < 0.3
            body += [
                ["REF", "CO", "WC\(84_000_000 + Int(random.next() % 999_999))"], ["REF", "IA", "40187263"],
                [
                    "TD5", "O", "2", fedEx ? "FDEG" : "UPSN", "M", fedEx ? "FEDEX GROUND" : "UPS GROUND", "", "", "",
                    "", "", "", "SG",
                ],
                ["N1", "ST", consumer.name.uppercased()], ["N3", consumer.street.uppercased()],
                ["N4", consumer.city.uppercased(), consumer.state, consumer.zip, "US"],
                ["PER", "IC", consumer.name.uppercased(), "TE", consumer.phone],
                ["N1", "BT", "THE HOME DEPOT", "92", "0121"], ["N3", "2455 PACES FERRY RD NW"],
                ["N4", "ATLANTA", "GA", "30339", "US"],
            ]
            for (index, line) in order.lines.enumerated() {
                let item = item(line.sku)
                body.append([
                    "PO1", String(index + 1), String(line.quantity), "EA", Self.price(item), "", "VN", item.sku,
                    "UP", item.upc, "SK", Self.buyerNumber(item, prefix: 1008, width: 10),
                ])
                body.append(["PID", "F", "", "", "", Self.text(item.description)])
            }
        }
        body.append(["CTT", String(order.lines.count)])
        body.append(["SE", String(body.count + 1), control])
        return body.map { $0.joined(separator: "\u{1F}") }
    }

    // MARK: Envelopes

    /// The ISA (106 bytes, fixed width), GS, the sets, GE and IEA in the retailer's delimiters and line endings.
    static func envelope(_ retailer: Retailer, isa13: String, gs06: String, time: String, sets: [[String]]) -> String {
        let (element, segmentEnd, qualifier, sender, group, isa11, isa12, gs08):
            (String, String, String, String, String, String, String, String)
        switch retailer {
        case .walmart:
            (element, segmentEnd, qualifier, sender, group, isa11, isa12, gs08) = (
                "*", "~\n", "08", "925485US00", "925485US00", "U", "00401", "004010"
            )
        case .amazon:
            (element, segmentEnd, qualifier, sender, group, isa11, isa12, gs08) = (
                "*", "~", "ZZ", "AMAZONDS", "AMAZONDS", "^", "00501", "005010"
            )
        case .homedepot:
            (element, segmentEnd, qualifier, sender, group, isa11, isa12, gs08) = (
                "|", "~\r\n", "ZZ", "HOMEDEPOTDS", "HOMEDEPOTDS", "U", "00401", "004010"
            )
        }
        let component = retailer == .amazon ? ":" : retailer == .walmart ? ">" : "^"
        func pad(_ text: String, _ width: Int) -> String {
            text + String(repeating: " ", count: max(0, width - text.count))
        }
        let isa = [
            "ISA", "00", pad("", 10), "00", pad("", 10), qualifier, pad(sender, 15), "ZZ", pad("HARBORPINE", 15),
            "261124", time, isa11, isa12, isa13, "0", "P", component,
        ].joined(separator: element)
        var segments = [
            isa, ["GS", "PO", group, "HARBORPINE", "20261124", time, gs06, "X", gs08].joined(separator: element),
        ]
        for set in sets { segments += set.map { $0.replacingOccurrences(of: "\u{1F}", with: element) } }
        segments.append(["GE", String(sets.count), gs06].joined(separator: element))
        segments.append(["IEA", "1", isa13].joined(separator: element))
        return segments.map { $0 + segmentEnd }.joined()
    }

    // MARK: Values

    /// Twice the unit cost, ending in .99: a retail price with two decimals.
    static func price(_ item: SampleCatalog.Item) -> String {
        let cents = (item.unitCostCents * 2 / 100) * 100 + 99
        return "\(cents / 100).\(String(format: "%02d", cents % 100))"
    }

    static func buyerNumber(_ item: SampleCatalog.Item, prefix: Int, width: Int) -> String {
        let number = Int(item.sku.dropFirst(3)) ?? 0
        let digits = String(prefix) + String(format: "%0\(width - String(prefix).count)d", number * 37 % 1_000_000)
        return String(digits.prefix(width))
    }

    /// Free text safe in every retailer's delimiters: letters, digits and spaces.
    static func text(_ text: String) -> String {
        String(text.uppercased().map { $0.isLetter || $0.isNumber || $0 == " " ? $0 : " " })
    }

    static func base36(_ value: Int, width: Int) -> String {
        let digits = Array("0123456789ABCDEFGHJKLMNPQRSTUVWXYZ")
        var value = value
        var text = ""
        while value > 0 || text.isEmpty {
            text = String(digits[value % digits.count]) + text
            value /= digits.count
        }
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    struct Consumer {
        var name, street, city, state, zip, phone: String
    }

    /// A consumer in the lower 48: a made-up name at a made-up street number in a real city and ZIP code, with a
    /// phone number in the fictional 555-01xx range.
    static func consumer(_ random: inout SplitMix) -> Consumer {
        let first = [
            "Maya", "Erik", "Colleen", "Angela", "Marcus", "Rachel", "Karen", "Tomas", "Deshawn", "Priya",
            "Gregory", "Leilani", "Hannah", "Omar", "Sofia", "Wei", "Jamal", "Ingrid", "Luis", "Nora",
        ]
        let last = [
            "Okafor", "Lindqvist", "Brandt", "Whitfield", "Bell", "Nguyen", "McAllister", "Rivera", "Porter",
            "Ramanathan", "Halvorsen", "Kowalski", "Haddad", "Moreno", "Chen", "Jackson", "Berg", "Ortiz", "Novak",
        ]
        let streets = [
            "Maple Ave", "Oak St", "Cedar Ln", "Washington Blvd", "Lakeview Dr", "Pine St", "Elm St",
            "Highland Ave", "River Rd", "Park Pl", "Sunset Blvd", "Main St", "Church St", "Mill Rd",
        ]
        let cities: [(String, String, String, String)] = [
            ("Brooklyn", "NY", "11215", "718"), ("Madison", "WI", "53703", "608"), ("Atlanta", "GA", "30307", "404"),
            ("Columbus", "OH", "43221", "614"), ("Tulsa", "OK", "74105", "918"), ("Pittsburgh", "PA", "15217", "412"),
            ("Minneapolis", "MN", "55408", "612"), ("Austin", "TX", "78729", "512"), ("Raleigh", "NC", "27607", "919"),
            ("Charlotte", "NC", "28205", "704"), ("Boston", "MA", "02115", "617"), ("Providence", "RI", "02906", "401"),
            ("Portland", "ME", "04101", "207"), ("Burlington", "VT", "05401", "802"),
            ("Hartford", "CT", "06106", "860"),
            ("Newark", "NJ", "07102", "973"), ("Wilmington", "DE", "19801", "302"), ("Baltimore", "MD", "21218", "410"),
            ("Richmond", "VA", "23220", "804"), ("Charleston", "WV", "25301", "304"),
            ("Columbia", "SC", "29201", "803"),
            ("Tampa", "FL", "33606", "813"), ("Birmingham", "AL", "35205", "205"), ("Nashville", "TN", "37203", "615"),
            ("Jackson", "MS", "39202", "601"), ("Louisville", "KY", "40204", "502"),
            ("Indianapolis", "IN", "46202", "317"),
            ("Detroit", "MI", "48201", "313"), ("Des Moines", "IA", "50309", "515"),
            ("Sioux Falls", "SD", "57104", "605"),
            ("Fargo", "ND", "58102", "701"), ("Billings", "MT", "59101", "406"), ("Chicago", "IL", "60614", "312"),
            ("St Louis", "MO", "63110", "314"), ("Wichita", "KS", "67202", "316"), ("Omaha", "NE", "68102", "402"),
            ("New Orleans", "LA", "70115", "504"), ("Little Rock", "AR", "72201", "501"),
            ("Denver", "CO", "80206", "303"),
            ("Cheyenne", "WY", "82001", "307"), ("Boise", "ID", "83702", "208"),
            ("Salt Lake City", "UT", "84102", "801"),
            ("Phoenix", "AZ", "85004", "602"), ("Albuquerque", "NM", "87102", "505"), ("Reno", "NV", "89501", "775"),
            ("Sacramento", "CA", "95814", "916"), ("San Diego", "CA", "92103", "619"),
            ("Portland", "OR", "97205", "503"),
            ("Seattle", "WA", "98103", "206"), ("Manchester", "NH", "03101", "603"),
        ]
        func pick<T>(_ values: [T]) -> T { values[Int(random.next() % UInt64(values.count))] }
        let city = pick(cities)
        return Consumer(
            name: "\(pick(first)) \(pick(last))", street: "\(100 + Int(random.next() % 9800)) \(pick(streets))",
            city: city.0, state: city.1, zip: city.2,
            phone: "\(city.3)55501\(String(format: "%02d", Int(random.next() % 100)))")
    }
}
