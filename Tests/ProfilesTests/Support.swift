import Foundation
import Orders
import Profiles

/// The repository root, found from this file's path, so tests read the committed sample files.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

func sampleText(_ path: String) throws -> String {
    try String(contentsOf: repositoryRoot.appendingPathComponent(path), encoding: .utf8)
}

/// A small catalog in the `items.csv` format, so these tests do not depend on the generated fixture.
let smallCatalog = SourceFile(
    name: "items.csv",
    text: """
        sku,upc,description,weight_lb,length_in,width_in,height_in,oversize,hazmat,gift_wrap,unit_cost
        HP-10001,084512100014,"Linen throw, oat",1.2,12,10,3,false,false,true,18.40
        HP-10002,084512100021,Wool rug 8x10,42,96,14,14,true,false,false,210.00

        """)

func sampleProfiles() throws -> [SourceFile] {
    try ["walmart", "amazon", "homedepot", "bestbuy"].map {
        SourceFile(name: "retailer-profiles/\($0).yaml", text: try sampleText("retailer-profiles/\($0).yaml"))
    }
}

func sampleNetwork() throws -> SourceFile {
    SourceFile(name: "fixtures/network.yaml", text: try sampleText("fixtures/network.yaml"))
}

/// Loads `profile` against the sample network and returns the error lines, or [] when it loads.
func problems(profile text: String, name: String = "p.yaml") throws -> [String] {
    do {
        _ = try ProfileSet.load(
            profiles: [SourceFile(name: name, text: text)], network: try sampleNetwork(),
            catalog: smallCatalog)
        return []
    } catch let error as ProfileErrors {
        return error.errors.map(\.description)
    }
}

/// The error lines loading these files gives, or [] when they load.
func loadErrors(profiles: [SourceFile], network: SourceFile, catalog: SourceFile = smallCatalog) -> [String] {
    do {
        _ = try ProfileSet.load(profiles: profiles, network: network, catalog: catalog)
        return []
    } catch {
        return error.errors.map(\.description)
    }
}
