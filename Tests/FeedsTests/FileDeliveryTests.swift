import Foundation
import Synchronization
import Testing

@testable import Feeds

/// file:// drop folders: a reader never sees half a file, and no file is ever replaced.
@Suite("Delivery to a drop folder")
struct FileDeliveryTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dropgate-drop-\(UUID())")

    @Test("the file appears complete under its name, with no temporary file left behind")
    func writesThenRenames() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let body = (0..<300_000).map { UInt8($0 % 251) }
        let target = folder.appendingPathComponent("tickets/EWR1/ticket-1.json")
        let response = try TransferClient().perform(
            TransferRequest(url: target.absoluteString, method: .put, body: body))
        #expect(response.status == 0)
        #expect(response.bytesSent == body.count)
        #expect(FileManager.default.contents(atPath: target.path).map(Array.init) == body)
        let names = try FileManager.default.contentsOfDirectory(atPath: target.deletingLastPathComponent().path)
        #expect(names == ["ticket-1.json"])
    }

    @Test("while the transfer runs the body is written under a hidden temporary name in the same folder")
    func temporaryName() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let drop = folder.appendingPathComponent("slow")
        try FileManager.default.createDirectory(at: drop, withIntermediateDirectories: true)
        let body = [UInt8](repeating: 65, count: 64 << 20)
        let target = drop.appendingPathComponent("feed.csv")
        let watching = Flag()
        let watcher = Task.detached { () -> Set<String> in
            var seen: Set<String> = []
            let deadline = Date() + 20
            while Date() < deadline {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: drop.path)) ?? []
                watching.raise()
                seen.formUnion(names)
                if names.contains("feed.csv") { break }
            }
            return seen
        }
        // The transfer starts once the folder is being watched.
        while !watching.isRaised { try await Task.sleep(for: .milliseconds(1)) }
        _ = try await TransferClient().send(TransferRequest(url: target.absoluteString, method: .put, body: body))
        let seen = await watcher.value
        #expect(seen.contains { $0.hasPrefix(".feed.csv.") && $0.hasSuffix(".partial") }, "\(seen)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: drop.path) == ["feed.csv"])
    }

    @Test("an existing file of the same name is never overwritten")
    func neverOverwrites() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let target = folder.appendingPathComponent("855-PO1.x12")
        FileManager.default.createFile(atPath: target.path, contents: Data("first".utf8))
        #expect {
            try TransferClient().perform(
                TransferRequest(url: target.absoluteString, method: .put, body: Array("second".utf8)))
        } throws: { error in
            (error as? FeedError)?.kind == .exists
        }
        #expect(FileManager.default.contents(atPath: target.path) == Data("first".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["855-PO1.x12"])
    }
}

/// Set once by one task, read by another.
final class Flag: Sendable {
    private let raised = Mutex(false)
    func raise() { raised.withLock { $0 = true } }
    var isRaised: Bool { raised.withLock { $0 } }
}
