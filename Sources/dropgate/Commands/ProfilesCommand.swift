import ArgumentParser
import Foundation
import Gateway
import Orders
import Profiles

struct ProfilesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profiles",
        abstract: "Check, show and describe retailer profiles and the DC network.",
        discussion: """
            Examples:
              dropgate profiles check
              dropgate profiles check retailer-profiles/walmart.yaml \\
                  --network fixtures/network.yaml
              dropgate profiles show amazon
              dropgate profiles schema --kind network > network.schema.json
            """,
        subcommands: [Check.self, Show.self, Schema.self]
    )

    /// Where the world's files are; the defaults are the sample world's.
    struct Locations: ParsableArguments {
        @Option(help: "The DC network file.")
        var network = "fixtures/network.yaml"

        @Option(help: "The item catalog (items.csv); skipped with a note when it does not exist.")
        var catalog = "fixtures/items.csv"

        /// Profile files named by `paths` (files, or folders whose *.yaml files are read); the profiles folder when
        /// none is given.
        func profileFiles(_ paths: [String]) throws -> [SourceFile] {
            var files: [SourceFile] = []
            for path in paths.isEmpty ? ["retailer-profiles"] : paths {
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                    printError("\(path): no such file or folder")
                    throw ExitCode(2)
                }
                let names =
                    isFolder.boolValue
                    ? try entries(path).filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.map { "\(path)/\($0)" }
                    : [path]
                for name in names {
                    files.append(SourceFile(name: name, text: try read(name, expected: "a retailer profile (YAML)")))
                }
            }
            return files
        }

        /// Loads and checks everything; prints every problem and exits 1 when there are any.
        func load(_ paths: [String]) throws -> ProfileSet {
            let catalogFile: SourceFile
            if FileManager.default.fileExists(atPath: catalog) {
                catalogFile = SourceFile(name: catalog, text: try read(catalog, expected: "the item catalog (CSV)"))
            } else {
                printError("note: \(catalog) does not exist; checking without an item catalog")
                catalogFile = SourceFile(
                    name: catalog,
                    text:
                        "sku,upc,description,weight_lb,length_in,width_in,height_in,oversize,hazmat,gift_wrap,unit_cost\n"
                )
            }
            // The catalog's kits, from the kits.csv beside it when there is one.
            let kitsPath = ((catalog as NSString).deletingLastPathComponent as NSString)
                .appendingPathComponent(ProfileSet.kitsFileName)
            let kitsFile =
                FileManager.default.fileExists(atPath: kitsPath)
                ? SourceFile(name: kitsPath, text: try read(kitsPath, expected: "the kits of the item catalog (CSV)"))
                : nil
            let profiles = try profileFiles(paths)
            let networkFile = SourceFile(name: network, text: try read(network, expected: "the DC network file (YAML)"))
            do {
                return try ProfileSet.load(
                    profiles: profiles, network: networkFile, catalog: catalogFile, kits: kitsFile,
                    rules: ProfileRule.answerWriters)
            } catch {
                for problem in error.errors { printError(problem.description) }
                printError("\(error.errors.count) problem\(error.errors.count == 1 ? "" : "s") found")
                throw ExitCode(1)
            }
        }
    }
}

/// The UTF-8 text of a file, or ends the command with exit code 2, saying what is wrong with it.
private func read(_ path: String, expected: String) throws -> String {
    do {
        return try LocalFile.text(path, expected: expected)
    } catch {
        printError("\(error)")
        throw ExitCode(2)
    }
}

/// The names in a folder of profiles, or ends the command with exit code 2, saying what is wrong with it.
private func entries(_ path: String) throws -> [String] {
    do {
        return try LocalFile.folderEntries(path, expected: "a folder of retailer profiles")
    } catch {
        printError("\(error)")
        throw ExitCode(2)
    }
}

extension ProfilesCommand {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check profiles and the network together; print every problem as FILE:LINE:COLUMN: message.",
            discussion: """
                Checks unknown and duplicate keys (with the nearest known key suggested), wrong types, impossible \
                values (a cutoff of 25:00, negative fees, unknown time zones, alternates that are not in the \
                network, two profiles claiming the same X12 or cXML identity, a feed schedule faster than its \
                destination allows) and the item catalog (UPC/GTIN length and check digit).

                Exit status: 0 clean, 1 problems found, 2 a file cannot be read.
                """)

        @Argument(help: "Profile files or folders (default: retailer-profiles).")
        var paths: [String] = []

        @OptionGroup var locations: Locations

        func run() throws {
            let world = try locations.load(paths)
            let ids = world.sortedProfiles.map(\.id.rawValue)
            print(
                "ok: \(ids.count) profile\(ids.count == 1 ? "" : "s") (\(ids.joined(separator: ", "))), "
                    + "\(world.network.nodes.count) nodes, \(world.catalog.items.count) items")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a retailer's effective profile, every default filled in.")

        @Argument(help: "The retailer id (walmart, amazon, …).")
        var retailer: String

        @Option(help: "The profiles folder.")
        var profiles = "retailer-profiles"

        @OptionGroup var locations: Locations

        func run() throws {
            let world = try locations.load([profiles])
            guard let profile = world[RetailerID(retailer)] else {
                let known = world.sortedProfiles.map(\.id.rawValue).joined(separator: ", ")
                printError("no profile '\(retailer)'; known: \(known)")
                throw ExitCode(1)
            }
            print(try profile.fileYAML(), terminator: "")
        }
    }

    struct Schema: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the JSON Schema of retailer profile files or of the network file, for editors.")

        @Option(help: "Which file's schema: profile or network.")
        var kind: SchemaKind = .profile

        func run() {
            print(ProfileSchema.json(for: kind == .profile ? .profile : .network))
        }
    }

    enum SchemaKind: String, ExpressibleByArgument, CaseIterable {
        case profile, network
    }
}
