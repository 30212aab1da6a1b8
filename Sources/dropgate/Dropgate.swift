import ArgumentParser

@main
struct Dropgate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dropgate",
        abstract: "Dropship compliance gateway: check, route and answer retailer purchase orders.",
        version: "0.1.0",
        subcommands: [ProfilesCommand.self]
    )
}
