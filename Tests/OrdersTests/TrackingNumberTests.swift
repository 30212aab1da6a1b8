import Orders
import TestSupport
import Testing

@Suite("Tracking numbers checked against their carrier's format and check digit")
struct TrackingNumberTests {
    /// Public numbers of each form, published with open tracking-number checkers (drogher, tracking_number) and
    /// the carriers' and UPU's own examples.
    static let valid: [(carrier: String, number: String)] = [
        ("UPS", "1Z999AA10123456784"),
        ("UPS", "1Z879E930346834440"),  // check digit 0
        ("UPS", "1ZWX0692YP40636269"),  // letters in the shipper and service fields
        ("FedEx", "986578788855"),  // Express, 12 digits
        ("FedEx", "477179081230"),  // Express, check digit 0
        ("FedEx", "041441760228964"),  // Ground, 15 digits
        ("FedEx", "012345612345640"),  // Ground, check digit 0
        ("FedEx", "9611019012345612345671"),  // Ground 96 barcode, 22 digits
        ("USPS", "9212391234567812345670"),  // IMpb, 22 digits
        ("USPS", "9101026837331000039521"),
        ("USPS", "03071790000523483741"),  // 20 digits
        ("USPS", "71123456789123456787"),
        ("USPS", "EA123456785US"),  // S10
        ("USPS", "RZ030057180PH"),  // S10: 11 − remainder is 10, check 0
        ("USPS", "VA456789015KG"),  // S10: 11 − remainder is 11, check 5
    ]

    @Test("a public valid number of each form passes", arguments: valid.map { "\($0.carrier) \($0.number)" })
    func validNumbers(_ entry: String) {
        let parts = entry.split(separator: " ").map(String.init)
        #expect(TrackingNumber.problem(in: parts[1], carrier: parts[0]) == nil)
    }

    @Test("carrier names are matched in any case")
    func carrierCase() {
        #expect(TrackingNumber.problem(in: "1Z999AA10123456784", carrier: "ups") == nil)
        #expect(TrackingNumber.problem(in: "986578788855", carrier: "FEDEX") == nil)
        #expect(TrackingNumber.problem(in: "EA123456785US", carrier: "usps") == nil)
    }

    @Test(
        "the same number with one digit changed fails its check digit, with a sentence saying what was expected",
        arguments: valid.map { "\($0.carrier) \($0.number)" })
    func oneDigitChanged(_ entry: String) throws {
        let parts = entry.split(separator: " ").map(String.init)
        var characters = Array(parts[1])
        // The last digit before the check digit (for S10, the eighth serial digit), bumped by one.
        let index = try #require(
            characters.indices.dropLast(parts[1].count == 13 ? 3 : 1).last { characters[$0].isNumber })
        let digit = try #require(characters[index].wholeNumberValue)
        characters[index] = Character(String((digit + 1) % 10))
        let problem = try #require(TrackingNumber.problem(in: String(characters), carrier: parts[0]))
        #expect(problem.contains("check digit"))
        #expect(problem.hasSuffix("."))
    }

    @Test(
        "a number of the wrong form for its carrier is refused",
        arguments: [
            ("UPS", "1A999AA10123456784"),  // not 1Z
            ("UPS", "1Z999AA1012345678"),  // 17 characters
            ("UPS", "1z999aa10123456784"),  // lower case
            ("FedEx", "98657878885"),  // 11 digits
            ("FedEx", "6911019012345612345671"),  // 22 digits not 96
            ("FedEx", "1Z999AA10123456784"),  // a UPS number
            ("USPS", "8212391234567812345670"),  // 22 digits not starting 9
            ("USPS", "EA12345678US"),  // S10 with 8 digits
            ("USPS", "ea123456785us"),
            ("USPS", ""),
        ])
    func wrongForm(carrier: String, number: String) throws {
        let problem = try #require(TrackingNumber.problem(in: number, carrier: carrier))
        #expect(problem.lowercased().contains(carrier.lowercased()), "the sentence names the carrier: \(problem)")
    }

    @Test("another carrier's number: 1 to 35 printable ASCII characters")
    func otherCarriers() {
        #expect(TrackingNumber.problem(in: "D10011234567890", carrier: "OnTrac") == nil)
        #expect(TrackingNumber.problem(in: String(repeating: "7", count: 35), carrier: "LaserShip") == nil)
        #expect(TrackingNumber.problem(in: String(repeating: "7", count: 36), carrier: "LaserShip") != nil)
        #expect(TrackingNumber.problem(in: "", carrier: "DHL") != nil)
        #expect(TrackingNumber.problem(in: "AB\t12", carrier: "DHL") != nil)
        #expect(TrackingNumber.problem(in: "AB12é", carrier: "DHL") != nil)
    }

    // Property tests: random bodies with the check digit computed here, independently of the implementation's
    // code, pass; every other final digit fails.

    static func digits(_ count: Int, _ random: inout SplitMix) -> [Int] {
        (0..<count).map { _ in Int(random.next() % 10) }
    }

    /// Weights 3, 1, 3, … from the right of the body; the check makes the sum a multiple of 10.
    static func mod10Check(_ body: [Int]) -> Int {
        let sum = body.reversed().enumerated().map { $0.element * ($0.offset.isMultiple(of: 2) ? 3 : 1) }.reduce(0, +)
        return (10 - sum % 10) % 10
    }

    /// Asserts `body + check` passes and `body + every other digit` fails.
    static func expectOnlyCheckPasses(
        prefix: String = "", body: String, check: Int, suffix: String = "", carrier: String
    ) {
        for candidate in 0...9 {
            let number = prefix + body + String(candidate) + suffix
            let problem = TrackingNumber.problem(in: number, carrier: carrier)
            #expect((problem == nil) == (candidate == check), "\(carrier) \(number): \(problem ?? "valid")")
        }
    }

    @Test("property: UPS numbers with a computed check digit pass, any other final digit fails", arguments: 0..<4)
    func upsProperty(_ seed: Int) {
        var random = SplitMix(seed: UInt64(seed))
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        for _ in 0..<250 {
            let body = (0..<15).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
            // UPS maps a letter to (its ASCII code − 63) mod 10, then doubles the values at odd offsets.
            let values = body.map { $0.wholeNumberValue ?? (Int($0.asciiValue ?? 0) - 63) % 10 }
            let sum = values.enumerated().map { $0.offset % 2 == 1 ? $0.element * 2 : $0.element }.reduce(0, +)
            Self.expectOnlyCheckPasses(prefix: "1Z", body: String(body), check: (10 - sum % 10) % 10, carrier: "UPS")
        }
    }

    @Test(
        "property: FedEx Express 12-digit numbers (1, 3, 7 mod 11) pass only with their check digit", arguments: 0..<4)
    func fedExExpressProperty(_ seed: Int) {
        var random = SplitMix(seed: UInt64(seed))
        for _ in 0..<250 {
            let body = Self.digits(11, &random)
            let weights = [1, 3, 7]
            let sum = body.reversed().enumerated().map { $0.element * weights[$0.offset % 3] }.reduce(0, +)
            Self.expectOnlyCheckPasses(
                body: body.map(String.init).joined(), check: sum % 11 % 10, carrier: "FedEx")
        }
    }

    @Test("property: FedEx Ground 15 and 96 22-digit, USPS 20 and 22-digit numbers (mod 10)", arguments: 0..<4)
    func mod10Property(_ seed: Int) {
        var random = SplitMix(seed: UInt64(seed))
        for _ in 0..<100 {
            let ground = Self.digits(14, &random)
            Self.expectOnlyCheckPasses(
                body: ground.map(String.init).joined(), check: Self.mod10Check(ground), carrier: "FedEx")
            let serviceCode = Self.digits(5, &random).map(String.init).joined()
            Self.expectOnlyCheckPasses(
                prefix: "96" + serviceCode, body: ground.map(String.init).joined(), check: Self.mod10Check(ground),
                carrier: "FedEx")
            let twenty = Self.digits(19, &random)
            Self.expectOnlyCheckPasses(
                body: twenty.map(String.init).joined(), check: Self.mod10Check(twenty), carrier: "USPS")
            let impb = [9] + Self.digits(20, &random)
            Self.expectOnlyCheckPasses(
                body: impb.map(String.init).joined(), check: Self.mod10Check(impb), carrier: "USPS")
        }
    }

    @Test(
        "property: USPS S10 numbers (8, 6, 4, 2, 3, 5, 9, 7 mod 11) pass only with their check digit", arguments: 0..<4)
    func s10Property(_ seed: Int) {
        var random = SplitMix(seed: UInt64(seed))
        for _ in 0..<250 {
            let serial = Self.digits(8, &random)
            let sum = zip(serial, [8, 6, 4, 2, 3, 5, 9, 7]).map(*).reduce(0, +)
            let check = 11 - sum % 11
            Self.expectOnlyCheckPasses(
                prefix: "EC", body: serial.map(String.init).joined(), check: check == 10 ? 0 : check == 11 ? 5 : check,
                suffix: "US", carrier: "USPS")
        }
    }
}
