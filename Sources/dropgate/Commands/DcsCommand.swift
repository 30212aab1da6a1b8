import ArgumentParser
import Foundation
import Orders
import Profiles
import Store

struct DcsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dcs",
        abstract: "List or set node switches in the store (on/off, closed windows).",
        discussion: """
            A switch in the store overrides the network file's `enabled` and adds closed windows; every gateway \
            process reads the switches at its next decision, and the decision explains them.

            Examples:
              dropgate dcs --db orders.sqlite
              dropgate dcs set EWR1 --off --reason "flooded dock" --db orders.sqlite
              dropgate dcs set ORD1 --closed-from 2026-11-27T00:00:00-06:00 --closed-until 2026-11-28T00:00:00-06:00
            """,
        subcommands: [List.self, Switch.self], defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "The switches in the store.")

        @OptionGroup var store: StoreOption
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let store = try await self.store.open(creating: false)
            let switches: [NodeSwitch]
            do { switches = try await store.nodeSwitches() } catch {
                printError("\(self.store.location): \(error)")
                throw ExitCode(2)
            }
            await store.close()
            if json {
                print(try DcsCommand.json(switches))
                return
            }
            let iso = ISO8601DateFormatter()
            var table = TextTable("DC", "switch", "closed", "set at", "by", "reason")
            for change in switches {
                table.append([
                    change.node.rawValue, change.enabled.map { $0 ? "on" : "off" } ?? "-",
                    change.closedWindows.isEmpty
                        ? "-"
                        : change.closedWindows.map { "\(iso.string(from: $0.from))…\(iso.string(from: $0.until))" }
                            .joined(separator: ", "),
                    iso.string(from: change.setAt), change.setBy, change.reason ?? "-",
                ])
            }
            print(table.rendered)
        }
    }

    struct Switch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set", abstract: "Switch a node on or off, or close it for a window.")

        @Argument(help: "The node's id in the network file.") var node: String
        @Flag(help: "Switch the node on (overrides the network file).") var on = false
        @Flag(help: "Switch the node off: it is no candidate for any decision.") var off = false
        @Option(help: "Start of a closed window (ISO 8601 instant).", transform: ClockOption.parse)
        var closedFrom: Date?
        @Option(help: "End of the closed window (ISO 8601 instant, exclusive).", transform: ClockOption.parse)
        var closedUntil: Date?
        @Flag(help: "Drop the closed windows set before.") var clearWindows = false
        @Option(help: "Why, for the decisions' explanations.") var reason: String?
        @Option(help: "Who sets it (default: $USER).") var by: String?
        @OptionGroup var world: ProfileOptions
        @OptionGroup var store: StoreOption
        @OptionGroup var clock: ClockOption

        func validate() throws {
            if on && off { throw ValidationError("--on and --off contradict each other; give one") }
            if (closedFrom == nil) != (closedUntil == nil) {
                throw ValidationError("a closed window needs both --closed-from and --closed-until")
            }
            if let from = closedFrom, let until = closedUntil, until <= from {
                throw ValidationError("--closed-until must be after --closed-from")
            }
            if !on && !off && closedFrom == nil && !clearWindows {
                throw ValidationError("nothing to set: give --on, --off, a closed window or --clear-windows")
            }
        }

        func run() async throws {
            let profiles = try world.load()
            guard profiles.network.node(DCID(node)) != nil else {
                let known = profiles.network.nodes.map(\.id.rawValue).joined(separator: ", ")
                printError("\(world.network): no node '\(node)' (the network has \(known))")
                throw ExitCode(2)
            }
            let window = closedFrom.flatMap { from in
                closedUntil.map { ClosedWindow(from: from, until: $0, reason: reason) }
            }
            let change = NodeSwitchChange(
                node: DCID(node), enabled: on ? true : off ? false : nil, closedWindow: window,
                clearsWindows: clearWindows, at: clock.instant(default: Date()),
                by: by ?? ProcessInfo.processInfo.environment["USER"] ?? "cli", reason: reason)
            let store = try await self.store.open()
            let updated: NodeSwitch
            do { updated = try await store.switchNode(change) } catch {
                printError("\(self.store.location): \(error)")
                await store.close()
                throw ExitCode(2)
            }
            await store.close()
            let state = updated.enabled.map { $0 ? "on" : "off" } ?? "as the network file says"
            print(
                "\(updated.node): \(state), \(updated.closedWindows.count) closed window(s), set by \(updated.setBy) "
                    + "in \(self.store.location)")
        }
    }

    static func json(_ switches: [NodeSwitch]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(switches), as: UTF8.self)
    }
}
