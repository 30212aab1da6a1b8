import Foundation

/// Runs this benchmark binary again with a probe argument and reads the peak memory it prints, so a memory
/// figure counts only the work it is about.
enum ChildProbe {
    static func peakMB(_ arguments: [String]) throws -> Double {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return Double(text.split(separator: "\n").last ?? "") ?? .nan
    }
}
