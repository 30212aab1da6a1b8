import ArgumentParser

@main
struct Dropgate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dropgate",
        abstract: "Dropship compliance gateway: check, route and answer retailer purchase orders.",
        version: "0.1.0",
        subcommands: [
            DemoCommand.self, IngestCommand.self, RouteCommand.self, OrdersCommand.self, OutboxCommand.self,
            InventoryCommand.self, DcsCommand.self, FeedCommand.self, PartnersCommand.self, TokensCommand.self,
            ProfilesCommand.self, X12Command.self, XMLCommand.self, ServeCommand.self, ShipCommand.self,
            CancelLinesCommand.self, ReplayCommand.self, ReportCommand.self,
        ]
    )
}
