import ArgumentParser
import Foundation
import Orders
import Profiles
import Store

/// `dropgate partners`: the API keys trading partners present to `dropgate serve`.
struct PartnersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partners",
        abstract: "Issue, rotate, revoke or list trading partners' API keys in the store.",
        discussion: """
            A partner's key lets it post its own documents to `dropgate serve` and read what became of them. The \
            token is printed once, when it is issued: the store keeps only a salted SHA-256 of its secret. A partner \
            may hold several keys at once (to change keys without a gap); `rotate` issues a new one and revokes the \
            others.

            Examples:
              dropgate partners add walmart --db orders.sqlite
              dropgate partners rotate walmart --db orders.sqlite
              dropgate partners revoke walmart --key 3fa2c1d9e0b4 --db orders.sqlite
              dropgate partners list --db orders.sqlite

            Exit status: 0 done; 1 nothing to rotate or revoke (the partner has no active key); 2 an unknown \
            retailer, or a store that cannot be opened.
            """,
        subcommands: [Add.self, Rotate.self, Revoke.self, List.self], defaultSubcommand: List.self)

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Issue a new key for a retailer; its other keys stay valid.")

        @Argument(help: "The retailer's profile id (the name of its file in the profiles folder).") var id: String
        @OptionGroup var world: ProfileOptions
        @OptionGroup var store: StoreOption

        func run() async throws {
            let profiles = try world.load()
            guard profiles[RetailerID(id)] != nil else {
                let known = profiles.sortedProfiles.map(\.id.rawValue).joined(separator: ", ")
                printError("\(world.profiles): no retailer profile '\(id)' (the profiles are \(known))")
                throw ExitCode(2)
            }
            try await KeyCommands.issue(for: .partner(id), rotating: false, store: store)
        }
    }

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate", abstract: "Issue a new key for a partner and revoke its other keys, at once.")

        @Argument(help: "The retailer's profile id.") var id: String
        @OptionGroup var store: StoreOption

        func run() async throws { try await KeyCommands.issue(for: .partner(id), rotating: true, store: store) }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "revoke", abstract: "Revoke a partner's keys (every active one, or only --key).")

        @Argument(help: "The retailer's profile id.") var id: String
        @Option(help: "Only this key (its id, as `list` shows it).") var key: String?
        @OptionGroup var store: StoreOption

        func run() async throws { try await KeyCommands.revoke(.partner(id), keyID: key, store: store) }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "Partners' keys, active and revoked, oldest first (never their secrets).")

        @OptionGroup var store: StoreOption
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let keys = try await KeyCommands.credentials(
                where: { if case .partner = $0 { true } else { false } }, store: store)
            try KeyCommands.show(keys, json: json, headers: ["partner"]) { principal in
                if case .partner(let id) = principal { return [id] }
                return [principal.description]
            }
        }
    }
}
