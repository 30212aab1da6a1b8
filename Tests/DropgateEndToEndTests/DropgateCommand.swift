import Foundation

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
        let process = Process()
        process.executableURL = try executable ?? Self.executable
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        process.currentDirectoryURL = directory ?? packageRoot
        // Output goes to files, not pipes, so that a chatty child can never block on a full pipe.
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outURL = folder.appendingPathComponent("stdout")
        let errURL = folder.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin)) }
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dropgate-e2e-\(UUID())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
