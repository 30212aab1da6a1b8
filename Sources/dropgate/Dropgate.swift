import ArgumentParser

@main
struct Dropgate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dropgate",
        abstract: "Dropship compliance gateway: check, route and answer retailer purchase orders.",
        version: "0.1.0",
        subcommands: [
            DemoCommand.self, RouteCommand.self, ProfilesCommand.self, X12Command.self, XMLCommand.self,
        ]
    )
}
