import Foundation
import Logging
import Store
import TestSupport
import Testing

@testable import Gateway

/// The sample world with a watched inbox beside its store, for the inbox watcher's tests.
struct InboxWorld {
    let world: SampleWorld
    let gateway: Gateway
    let inbox: URL

    init() async throws {
        world = try SampleWorld()
        gateway = try await world.gateway()
        inbox = world.folder.appendingPathComponent("inbox", isDirectory: true)
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
    }

    static let quiet = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    /// A watcher on the inbox that takes a file on the look after the one that first saw it.
    func watcher(gateway: Gateway? = nil, settle: Duration = .zero, pollInterval: Duration = .milliseconds(5))
        -> InboxWatcher
    {
        InboxWatcher(
            folder: inbox, gateway: gateway ?? self.gateway, settle: settle, pollInterval: pollInterval,
            clock: { SampleWorld.clock }, logger: Self.quiet)
    }

    static func fixture(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: SampleWorld.root.appendingPathComponent("fixtures/inbox/\(name)")))
    }

    /// Writes `bytes` as `name` in the inbox, or in one of its folders.
    @discardableResult
    func drop(_ bytes: [UInt8], as name: String, in folder: String? = nil) throws -> URL {
        let place = folder.map { inbox.appendingPathComponent($0, isDirectory: true) } ?? inbox
        try FileManager.default.createDirectory(at: place, withIntermediateDirectories: true)
        let url = place.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }

    /// The names in the inbox (or one of its folders), sorted.
    func names(in folder: String? = nil) -> [String] {
        let place = folder.map { inbox.appendingPathComponent($0, isDirectory: true) } ?? inbox
        return ((try? FileManager.default.contentsOfDirectory(atPath: place.path)) ?? []).sorted()
    }

    /// The regular files at the top level of the inbox.
    func waiting() -> [String] {
        names().filter { name in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(
                atPath: inbox.appendingPathComponent(name).path, isDirectory: &isFolder)
                && !isFolder.boolValue
        }
    }

    func contents(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: inbox.appendingPathComponent(path)))
    }

    /// How many documents the store kept, read with the `sqlite3` shell from the store's file.
    func keptDocuments() throws -> Int {
        let count = try ChildProcess.run([
            "/usr/bin/sqlite3", world.folder.appendingPathComponent("store.sqlite").path,
            "SELECT count(*) FROM inbound_document",
        ])
        return Int(count.text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    /// The PID of a process that has ended.
    static func deadPID() throws -> Int32 {
        let process = try ChildProcess(["/bin/true"])
        process.waitForExit()
        return process.pid
    }

    /// The name a process of this machine with `pid`, now dead, gave `name` when it claimed it.
    static func deadClaim(of name: String, pid: Int32, document: DocumentID? = nil) -> String {
        "\(name).\(InboxOwner.current.host)-\(pid)-1f-7" + (document.map { ".doc\($0)" } ?? "")
    }

    /// The walmart file made into interchange `number` of its own, its POs numbered apart from every other copy's.
    static func walmartCopy(_ number: Int) throws -> [UInt8] {
        let text = String(decoding: try fixture("walmart-20261124-0600.x12"), as: UTF8.self)
        let control = String(600_000 + number)
        let copy =
            text
            .replacingOccurrences(of: "000018233", with: "000" + control)
            .replacingOccurrences(of: "*0600*18233*", with: "*0600*\(control)*")
            .replacingOccurrences(of: "GE*4*18233", with: "GE*4*\(control)")
            .replacingOccurrences(of: "BEG*00*DS*47", with: "BEG*00*DS*\(10 + number)")
        return Array(copy.utf8)
    }
}
