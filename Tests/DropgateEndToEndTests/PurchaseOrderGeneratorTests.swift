import Foundation
import Testing

@Suite("the 850 generator the durable-pipeline tests feed dropgate with")
struct PurchaseOrderGeneratorTests {
    @Test("the same seed gives the same bytes; every PO number and every ISA13 per sender is unique")
    func deterministicAndUnique() throws {
        let catalog = try SampleCatalog.load()
        var first = PurchaseOrderGenerator(seed: 7, catalog: catalog)
        var second = PurchaseOrderGenerator(seed: 7, catalog: catalog)
        let files = first.files(6, interchangesPerFile: 4, ordersPerInterchange: 25)
        #expect(files.map(\.bytes) == second.files(6, interchangesPerFile: 4, ordersPerInterchange: 25).map(\.bytes))
        let orders = files.flatMap(\.orders)
        #expect(orders.count == 600)
        #expect(Set(orders.map { "\($0.retailer) \($0.poNumber)" }).count == orders.count)
        let interchanges = files.flatMap(\.interchanges)
        #expect(Set(interchanges.map { "\($0.retailer) \($0.controlNumber)" }).count == interchanges.count)
        #expect(Set(interchanges.map(\.retailer)).count == 3)
        let scarce = Set(catalog.scarceItems(atMost: 30).map(\.sku))
        let scarceLines = orders.flatMap(\.lines).filter { scarce.contains($0.sku) }.count
        #expect(scarceLines > 50, "some POs ask for SKUs that run out")
    }

    @Test("every generated interchange is valid X12 and every PO maps to an order of a sample retailer")
    func generatedInterchangesAreValid() throws {
        let world = try IngestWorld()
        defer { world.remove() }
        var generator = PurchaseOrderGenerator(seed: 11, catalog: try SampleCatalog.load())
        let files = try world.write(generator.files(3, interchangesPerFile: 3, ordersPerInterchange: 20), into: "in")
        for file in files {
            let validation = try DropgateCommand.run("x12", "validate", file.path)
            #expect(validation.status == 0, "\(file.lastPathComponent): \(validation.stdout)\(validation.stderr)")
        }
        let route = try DropgateCommand.run(
            ["route"] + files.map(\.path) + DropgateCommand.sampleWorld + ["--at", IngestWorld.at])
        // One verdict per PO: routed, with every outcome a run against stock shows.
        var verdicts: [String: Int] = [:]
        for line in route.stdout.split(separator: "\n") where line.hasPrefix("PO ") {
            verdicts[String(line.split(separator: ": ").last ?? ""), default: 0] += 1
        }
        #expect(verdicts.values.reduce(0, +) == 180, "\(verdicts)")
        for outcome in ["SHIP", "REROUTE", "CANCEL"] {
            #expect(verdicts[outcome, default: 0] > 0, "no \(outcome) in \(verdicts)")
        }
    }
}
