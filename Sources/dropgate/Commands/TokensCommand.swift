import ArgumentParser
import Foundation
import Store

/// `dropgate tokens`: the tokens staff present to `dropgate serve`, each for a role and a name.
struct TokensCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens",
        abstract: "Issue, rotate, revoke or list staff tokens (warehouse, admin) in the store.",
        discussion: """
            A token stands for a role and a person's name, which the audit trail records: `warehouse` reads \
            orders and pick tickets and moves orders on, `admin` may do everything. The token is printed once, \
            when it is issued: the store keeps only a salted SHA-256 of its secret.

            Examples:
              dropgate tokens add warehouse --name "Dock 3 tablet" --db orders.sqlite
              dropgate tokens rotate admin --name alice --db orders.sqlite
              dropgate tokens revoke admin --name alice --db orders.sqlite
              dropgate tokens list --json --db orders.sqlite

            Exit status: 0 done; 1 nothing to rotate or revoke (no active token for the role and name); 2 a store \
            that cannot be opened.
            """,
        subcommands: [Add.self, Rotate.self, Revoke.self, List.self], defaultSubcommand: List.self)

    /// The role and name every subcommand but `list` names a token's holder by.
    struct Holder: ParsableArguments {
        @Argument(help: "The role: \(Role.allCases.map(\.rawValue).joined(separator: " or ")).") var role: Role
        @Option(help: "Who holds it, for the audit trail.") var name: String

        func validate() throws {
            if name.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--name must not be empty") }
        }

        var principal: Principal { .staff(role, name: name) }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Issue a new token for a role and name; its other tokens stay valid.")

        @OptionGroup var holder: Holder
        @OptionGroup var store: StoreOption

        func run() async throws { try await KeyCommands.issue(for: holder.principal, rotating: false, store: store) }
    }

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate", abstract: "Issue a new token for a role and name and revoke its others, at once.")

        @OptionGroup var holder: Holder
        @OptionGroup var store: StoreOption

        func run() async throws { try await KeyCommands.issue(for: holder.principal, rotating: true, store: store) }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "revoke", abstract: "Revoke the tokens of a role and name (every active one, or only --key).")

        @OptionGroup var holder: Holder
        @Option(help: "Only this token (its key id, as `list` shows it).") var key: String?
        @OptionGroup var store: StoreOption

        func run() async throws { try await KeyCommands.revoke(holder.principal, keyID: key, store: store) }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "Staff tokens, active and revoked, oldest first (never their secrets).")

        @OptionGroup var store: StoreOption
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let keys = try await KeyCommands.credentials(
                where: { if case .staff = $0 { true } else { false } }, store: store)
            try KeyCommands.show(keys, json: json, headers: ["role", "name"]) { principal in
                if case .staff(let role, let name) = principal { return [role.rawValue, name] }
                return ["-", principal.description]
            }
        }
    }
}
