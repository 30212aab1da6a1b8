import ArgumentParser
import Foundation
import OrderXML

extension XMLCommand {
    /// `dropgate xml mapping-fields`: every key a mapping file may have, what it fills, and how paths read.
    struct MappingFields: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "mapping-fields",
            abstract: "List the canonical fields a mapping file can fill, and how its paths and fallbacks read.",
            discussion: """
                A mapping file turns a retailer's own XML into canonical purchase orders (`xml po --mapping`, \
                `route --mapping`, or a profile's `identity.xml` claim). Fields marked * take every match.

                Example:
                  dropgate xml mapping-fields
                """)

        func run() {
            print(XMLOrderMapping.pathHelp)
            print("")
            let width = XMLOrderMapping.fieldHelp.map(\.key.count).max() ?? 0
            for field in XMLOrderMapping.fieldHelp {
                let key = field.key + (field.isManyValued ? " *" : "")
                print("  " + key.padding(toLength: width + 3, withPad: " ", startingAt: 0) + field.fills)
            }
        }
    }
}
