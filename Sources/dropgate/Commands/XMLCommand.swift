import ArgumentParser
import Foundation
import OrderXML
import Orders
import Profiles

/// `dropgate xml …`: XML purchase orders (cXML and mapped retailer XML) on the command line.
struct XMLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xml",
        abstract: "Read XML purchase orders: cXML OrderRequests, or any retailer XML through a mapping file.",
        subcommands: [PurchaseOrders.self, MappingFields.self]
    )

    struct PurchaseOrders: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "po",
            abstract: "Print the canonical purchase orders in XML files as JSON.",
            discussion: """
                Each FILE is a cXML OrderRequest, a batch of them (any root wrapping many cXML documents or \
                OrderRequest elements), or, with --mapping, a retailer's own XML described by a mapping file. \
                Files are streamed: a batch of any size reads in bounded memory. Orders that cannot be read are \
                reported on standard error with line, column, element path and canonical field; the others are \
                still printed.

                Input is untrusted: no network, no DTD loading, no entity expansion; depth, size and length \
                limits apply.

                Exit status: 0 every order read; 1 any document or order rejected; 2 any file unreadable.

                Examples:
                  dropgate xml po inbox/bestbuy-0001.xml
                  dropgate xml po --mapping fixtures/xml-mappings/marketplace-order.mapping \\
                      fixtures/xml-mappings/marketplace-orders.xml
                """
        )

        @Option(name: .long, help: ArgumentHelp("A mapping file for a retailer's own XML format.", valueName: "FILE"))
        var mapping: String?

        @Flag(name: .long, help: "One JSON object per line instead of a pretty-printed array.")
        var lines = false

        @Argument(help: ArgumentHelp("XML files to read.", valueName: "FILE"))
        var files: [String]

        func validate() throws {
            if files.isEmpty { throw ValidationError("Name at least one XML file.") }
        }

        func run() throws {
            var decoder = OrderXMLDecoder()
            if let mapping {
                do {
                    try LocalFile.checkFile(mapping, expected: "an XML mapping file")
                } catch {
                    printError("\(error)")
                    throw ExitCode(2)
                }
                do {
                    decoder.mapping = try XMLOrderMapping(contentsOfFile: mapping)
                } catch {
                    report(mapping, error)
                    throw ExitCode(2)
                }
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting =
                lines
                ? [.sortedKeys, .withoutEscapingSlashes] : [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            var rejected = false
            var unreadable = false
            var printed = 0
            if !lines { print("[", terminator: "") }
            for file in files {
                let stream: XMLOrderStream
                do {
                    try LocalFile.checkFile(file, expected: "an XML purchase order file")
                } catch {
                    printError("\(error)")
                    unreadable = true
                    continue
                }
                do {
                    stream = try decoder.orders(inFile: file)
                } catch {
                    report(file, error)
                    unreadable = true
                    continue
                }
                for result in stream {
                    switch result {
                    case .success(let order):
                        let json = String(decoding: try encoder.encode(order), as: UTF8.self)
                        if lines {
                            print(json)
                        } else {
                            print(printed == 0 ? "\n" : ",\n", terminator: "")
                            print(json, terminator: "")
                        }
                        printed += 1
                    case .failure(let error):
                        if case .unreadable = error.kind { unreadable = true } else { rejected = true }
                        report(file, error)
                    }
                }
            }
            if !lines { print(printed == 0 ? "]" : "\n]") }
            if unreadable { throw ExitCode(2) }
            if rejected { throw ExitCode(1) }
        }

        private func report(_ file: String, _ error: OrderXMLError) {
            FileHandle.standardError.write(Data("\(file): \(error)\n".utf8))
        }
    }
}
