import Foundation
import Testing

/// `dropgate serve`'s settings from options, the environment and a config file, and what a bad one says.
@Suite("serve: settings from options, environment and a config file")
struct ServeConfigurationTests {
    @Test("a bad port from the environment, a bad value or unknown key in the file: exit 2, saying where")
    func badSettings() throws {
        let world = try IngestWorld()
        defer { world.remove() }
        let database = world.folder.appendingPathComponent("unused.sqlite").path
        let fromEnvironment = try DropgateCommand.run(
            ["serve", "--db", database], environment: ["DROPGATE_PORT": "eighty"])
        #expect(fromEnvironment.status == 2)
        #expect(fromEnvironment.stderr.contains("$DROPGATE_PORT: 'eighty' is not a whole number"))

        let file = world.folder.appendingPathComponent("serve.yaml")
        try "port: 8080\nworkers: 0\n".write(to: file, atomically: true, encoding: .utf8)
        let badValue = try DropgateCommand.run(["serve", "--db", database, "--config", file.path])
        #expect(badValue.status == 2)
        #expect(
            badValue.stderr.contains("serve.yaml: workers: '0' is not a whole number in 1...1024"), "\(badValue.stderr)")

        try "port: 8080\nprofile: x\n".write(to: file, atomically: true, encoding: .utf8)
        let unknown = try DropgateCommand.run(["serve", "--db", database, "--config", file.path])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("serve.yaml:2: unknown setting 'profile'"), "\(unknown.stderr)")
        // The option wins over the environment: a good --port hides a bad $DROPGATE_PORT (and a missing inbox
        // folder is what stops it then).
        let optionWins = try DropgateCommand.run(
            ["serve", "--db", database, "--port", "0", "--inbox", world.folder.appendingPathComponent("nope").path],
            environment: ["DROPGATE_PORT": "eighty"])
        #expect(optionWins.status == 2)
        #expect(optionWins.stderr.contains("nope: no such folder"), "\(optionWins.stderr)")
        #expect(!FileManager.default.fileExists(atPath: database), "a refused start made a store")
    }
}
