// libFuzzer harness for the profile and network loader (`ProfileSet.load` and the YAML readers under it): an input is
// a network file, a retailer profile and an item catalog, split at lines of `#%%`. Whatever the bytes, loading either
// gives a set or says what is wrong where; a profile that loads, written back in its own format
// (`RetailerProfile.fileYAML`), must load again as the same profile. Built by run.sh with swiftc
// -sanitize=fuzzer,address.
import Foundation
import Orders
import Profiles

/// The catalog used when an input has no third part: a few lines of the sample catalog.
let defaultCatalog = """
    sku,upc,description,weight_lb,length_in,width_in,height_in,oversize,hazmat,gift_wrap,unit_cost
    HP-10001,084512100014,Turkish Cotton Bath Towel 30 x 56 in White,1.6,14,11,3,false,false,true,9.40
    HP-10002,084512100021,Turkish Cotton Bath Towel 30 x 56 in Ivory,1.6,14,11,3,false,false,true,9.40
    """

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let parts = text.components(separatedBy: "\n#%%\n")
    let network = SourceFile(name: "network.yaml", text: parts[0])
    let profile = SourceFile(name: "fuzz.yaml", text: parts.count > 1 ? parts[1] : "")
    let catalog = SourceFile(name: "items.csv", text: parts.count > 2 ? parts[2] : defaultCatalog)
    let set: ProfileSet
    do {
        set = try ProfileSet.load(profiles: [profile], network: network, catalog: catalog)
    } catch {
        for problem in error.errors { _ = problem.description }
        return 0
    }
    for loaded in set.sortedProfiles {
        let written: String
        do { written = try loaded.fileYAML() } catch { fatalError("a loaded profile does not write: \(error)") }
        do {
            let again = try ProfileSet.load(
                profiles: [SourceFile(name: "fuzz.yaml", text: written)], network: network, catalog: catalog)
            precondition(
                again.profiles[loaded.id] == loaded, "the profile written back reads differently:\n\(written)")
        } catch {
            fatalError("the profile written back does not load: \(error)\n\(written)")
        }
    }
    return 0
}
