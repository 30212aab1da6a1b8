import Foundation
import TestSupport

/// Runs the built `dropgate` executable the way a user does, capturing what it prints and its exit status.
struct DropgateCommand {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The package's root folder, found from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `dropgate` sits beside the test bundle in the build folder (`swift build --build-tests` builds both).
    static var executable: URL {
        get throws {
            let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            for candidate in [beside, beside.deletingLastPathComponent()] {
                let url = candidate.appendingPathComponent("dropgate")
                if FileManager.default.isExecutableFile(atPath: url.path) { return url }
            }
            throw Missing(
                description:
                    "the dropgate executable was not built beside \(beside.path); run `swift build --build-tests` first"
            )
        }
    }

    /// The sample world's options by absolute paths, so that commands can run in any folder.
    static let sampleWorld = [
        "--profiles", "\(packageRoot.path)/retailer-profiles", "--network", "\(packageRoot.path)/fixtures/network.yaml",
        "--items", "\(packageRoot.path)/fixtures/items.csv", "--inventory",
        "\(packageRoot.path)/fixtures/inventory.csv",
    ]

    struct Missing: Error, CustomStringConvertible { var description: String }

    static func run(
        _ arguments: String..., in directory: URL? = nil, stdin: [UInt8]? = nil, environment: [String: String] = [:]
    ) throws -> Result {
        try run(arguments, in: directory, stdin: stdin, environment: environment)
    }

    /// `environment` is added to this process's environment (`COLUMNS` sets the width help is wrapped to);
    /// `executable` runs another build of `dropgate` than this one.
    static func run(
        _ arguments: [String], in directory: URL? = nil, stdin: [UInt8]? = nil, environment: [String: String] = [:],
        executable: URL? = nil
    ) throws -> Result {
        let program = try executable ?? Self.executable
        let result = try ChildProcess.run(
            [program.path] + arguments, input: stdin, environment: environment,
            directory: (directory ?? packageRoot).path)
        return Result(status: result.status, stdout: result.text, stderr: result.errorText)
    }

    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dropgate-e2e-\(UUID())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
