public import Foundation
public import Profiles
import Synchronization

/// Where the gateway puts what it produces, one folder per kind so that a person (or a transport) finds it:
/// `acks/` functional acknowledgements, `answers/` 855s and cXML confirmations, `pick-tickets/<DC>/`,
/// `decisions/` explanations.
///
/// It never overwrites, appends to or removes a file it did not write: every file it writes is first listed in the
/// folder's marker file (`.dropgate-output`), and a file already at a path that the marker does not list is refused
/// with `FileProblem.foreignFile`. `prepare` is how a command takes a folder: a new or empty one, or an earlier
/// output of ours, from which it removes only the files the marker lists.
public struct OutputFolder: Sendable {
    public let root: URL
    private let manifest: Manifest

    /// A folder to write into; the files an earlier run listed in its marker count as ours.
    public init(root: URL) {
        self.root = root
        manifest = Manifest(marker: root.appendingPathComponent(OutputMarker.name))
    }

    public enum Area: String, Sendable, CaseIterable {
        case acknowledgements = "acks"
        case answers
        case pickTickets = "pick-tickets"
        case decisions
        case feeds
    }

    /// Takes `root` for a run: creates it when it is missing, and refuses it when it holds files of someone else's
    /// (no marker) or is a file. An earlier output of ours is emptied of what the marker lists, unless
    /// `keepingPrevious`; files someone else put in it stay.
    public static func prepare(root: URL, keepingPrevious: Bool, expected: String) throws(FileProblem) -> OutputFolder {
        let path = root.path
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw FileProblem(.fileNotFolder, path: path, expected: expected) }
            let entries = try LocalFile.folderEntries(path, expected: expected)
            if !entries.isEmpty, !entries.contains(OutputMarker.name) {
                throw FileProblem(.foreignFolder(entries: entries), path: path, expected: expected)
            }
        } else {
            do {
                try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            } catch {
                throw FileProblem(
                    .inaccessible(LocalFile.reason(error, reading: false)), path: path, expected: expected)
            }
        }
        let folder = OutputFolder(root: root)
        if !keepingPrevious { try folder.removeEarlierOutput() }
        try folder.manifest.start(expected: expected)
        return folder
    }

    /// Writes `bytes` at `area/subfolder/name`, creating folders, and returns the path written.
    @discardableResult
    public func write(_ bytes: [UInt8], to area: Area, _ subfolder: String? = nil, name: String) throws(FileProblem)
        -> URL
    {
        let relative = [area.rawValue, subfolder, name].compactMap { $0 }.joined(separator: "/")
        let url = try claim(relative)
        do {
            try Data(bytes).write(to: url, options: .atomic)
        } catch {
            throw FileProblem(
                .inaccessible(LocalFile.reason(error, reading: false)), path: url.path, expected: relative)
        }
        return url
    }

    /// Appends lines to a CSV file, writing `header` first when the file is new.
    public func appendCSV(_ rows: [String], header: String, to area: Area, name: String) throws(FileProblem) {
        let relative = "\(area.rawValue)/\(name)"
        let url = try claim(relative)
        do {
            if !FileManager.default.fileExists(atPath: url.path) {
                try Data((header + "\n").utf8).write(to: url)
            }
            let handle = try FileHandle(forWritingTo: url)
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(rows.map { $0 + "\n" }.joined().utf8))
        } catch {
            throw FileProblem(
                .inaccessible(LocalFile.reason(error, reading: false)), path: url.path, expected: relative)
        }
    }

    /// The URL of `relative` (slash-separated, inside the folder) for a file of ours, its folders created, and the
    /// path listed in the marker before anything is written there. A file already there that the marker does not
    /// list is someone else's: refused.
    public func claim(_ relative: String) throws(FileProblem) -> URL {
        let url = root.appendingPathComponent(relative)
        if Self.somethingIs(at: url), !manifest.contains(relative) {
            throw FileProblem(.foreignFile, path: url.path, expected: relative)
        }
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw FileProblem(
                .inaccessible(LocalFile.reason(error, reading: false)), path: url.deletingLastPathComponent().path,
                expected: relative)
        }
        try manifest.add(relative)
        return url
    }

    /// Whether anything is at `url`, a link that leads nowhere included (`fileExists` follows links).
    private static func somethingIs(at url: URL) -> Bool {
        (try? FileManager.default.attributesOfItem(atPath: url.path)) != nil
    }

    /// Removes every file the marker lists, then the folders that held them when they are left empty, and starts a
    /// new list. Nothing the marker does not list is touched.
    private func removeEarlierOutput() throws(FileProblem) {
        var folders: Set<String> = []
        let inside = root.resolvingSymlinksInPath().path + "/"
        for relative in manifest.entries where !relative.split(separator: "/").contains("..") {
            let url = root.appendingPathComponent(relative)
            // Only a plain file inside the folder: never a folder, nor anything a link leads out to.
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue,
                url.deletingLastPathComponent().resolvingSymlinksInPath().path.appending("/").hasPrefix(inside),
                (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) == nil
            else { continue }
            do {
                try FileManager.default.removeItem(at: url)
            } catch {
                throw FileProblem(
                    .inaccessible("cannot be removed: \(LocalFile.reason(error, reading: false))"), path: url.path,
                    expected: "a file of an earlier run")
            }
            var parts = relative.split(separator: "/").dropLast()
            while !parts.isEmpty {
                folders.insert(parts.joined(separator: "/"))
                parts = parts.dropLast()
            }
        }
        // Deepest first, so that a folder emptied by removing its subfolders goes too.
        for folder in folders.sorted(by: { $0.count > $1.count }) {
            let url = root.appendingPathComponent(folder)
            if (try? FileManager.default.contentsOfDirectory(atPath: url.path))?.isEmpty == true {
                try? FileManager.default.removeItem(at: url)
            }
        }
        manifest.clear()
    }
}

/// The files of ours in an output folder, as listed in its marker file (one relative path a line after a comment
/// line), read once and kept in step with the file as paths are added.
private final class Manifest: Sendable {
    let marker: URL
    private let paths: Mutex<Set<String>>

    static let heading = "# Files dropgate wrote in this folder: the only ones it will replace or remove."

    init(marker: URL) {
        self.marker = marker
        let text = (try? String(contentsOf: marker, encoding: .utf8)) ?? ""
        let listed = text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init)
        paths = Mutex(Set(listed))
    }

    var entries: [String] { paths.withLock { $0.sorted() } }

    func contains(_ relative: String) -> Bool { paths.withLock { $0.contains(relative) } }

    /// Writes the marker with what is listed now (a new folder gets one with only the heading).
    func start(expected: String) throws(FileProblem) {
        let lines = [Self.heading] + entries
        do {
            try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: marker, options: .atomic)
        } catch {
            throw FileProblem(
                .inaccessible(LocalFile.reason(error, reading: false)), path: marker.path, expected: expected)
        }
    }

    func clear() { paths.withLock { $0.removeAll() } }

    /// Lists `relative` in the marker (appending a line; creating the marker when there is none yet). Under the
    /// lock, so that lines written from several tasks never interleave.
    func add(_ relative: String) throws(FileProblem) {
        let marker = marker
        try paths.withLock { (paths: inout Set<String>) throws(FileProblem) in
            guard !paths.contains(relative) else { return }
            do {
                if !FileManager.default.fileExists(atPath: marker.path) {
                    try Data((Self.heading + "\n").utf8).write(to: marker)
                }
                let handle = try FileHandle(forWritingTo: marker)
                defer { try? handle.close() }
                try handle.seekToEnd()
                try handle.write(contentsOf: Data((relative + "\n").utf8))
            } catch {
                throw FileProblem(
                    .inaccessible(LocalFile.reason(error, reading: false)), path: marker.path,
                    expected: "the list of files dropgate wrote")
            }
            paths.insert(relative)
        }
    }
}
