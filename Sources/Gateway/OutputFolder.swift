public import Foundation

/// Where the gateway puts what it produces, one folder per kind so that a person (or a transport) finds it:
/// `acks/` functional acknowledgements, `answers/` 855s and cXML confirmations, `pick-tickets/<DC>/`,
/// `decisions/` explanations.
public struct OutputFolder: Sendable {
    public let root: URL

    public init(root: URL) { self.root = root }

    public enum Area: String, Sendable {
        case acknowledgements = "acks"
        case answers
        case pickTickets = "pick-tickets"
        case decisions
        case feeds
    }

    /// Writes `bytes` at `area/subfolder/name`, creating folders, and returns the path written.
    @discardableResult
    public func write(_ bytes: [UInt8], to area: Area, _ subfolder: String? = nil, name: String) throws -> URL {
        var folder = root.appendingPathComponent(area.rawValue, isDirectory: true)
        if let subfolder { folder.appendPathComponent(subfolder, isDirectory: true) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url, options: .atomic)
        return url
    }

    /// Appends lines to a CSV file, writing `header` first when the file is new.
    public func appendCSV(_ rows: [String], header: String, to area: Area, name: String) throws {
        let folder = root.appendingPathComponent(area.rawValue, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        if !FileManager.default.fileExists(atPath: url.path) {
            try Data((header + "\n").utf8).write(to: url)
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(rows.map { $0 + "\n" }.joined().utf8))
    }
}
