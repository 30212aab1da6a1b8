import Foundation

/// Timing and memory helpers. Every figure is the best of several runs (the least disturbed by the other core).
enum Measure {
    /// How many times `bestSeconds` runs its body by default.
    static let runs = 5

    /// Best wall time of `runs` runs of `body`, in seconds.
    static func bestSeconds(runs: Int = Self.runs, _ body: () throws -> Void) rethrows -> Double {
        var best = Double.infinity
        for _ in 0..<runs {
            let start = ContinuousClock.now
            try body()
            let elapsed = ContinuousClock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            best = min(best, seconds)
        }
        return best
    }

    /// The process's peak resident set so far (VmHWM), in MB.
    static var peakResidentMB: Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = Double(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        else { return .nan }
        return kilobytes / 1024
    }

    /// Runs a program and returns its best wall time over `runs`, or nil when it is missing or fails.
    static func bestProcessSeconds(_ arguments: [String], runs: Int = 3) -> Double? {
        var best = Double.infinity
        for _ in 0..<runs {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            let start = ContinuousClock.now
            guard (try? process.run()) != nil else { return nil }
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { return nil }
            let elapsed = ContinuousClock.now - start
            best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
        return best
    }

    static func megabytes(_ count: Int) -> Double { Double(count) / 1_000_000 }
}
