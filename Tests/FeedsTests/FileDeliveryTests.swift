import Foundation
import Glibc
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
        let body = [UInt8](repeating: 65, count: 1 << 20)
        let target = drop.appendingPathComponent("feed.csv")
        // The kernel queues every name created in the folder (inotify), so nothing depends on who runs when.
        let events = inotify_init1(Int32(IN_NONBLOCK))
        try #require(events >= 0, "inotify is unavailable")
        defer { close(events) }
        try #require(inotify_add_watch(events, drop.path, UInt32(IN_CREATE)) >= 0)
        _ = try await TransferClient().send(TransferRequest(url: target.absoluteString, method: .put, body: body))
        let seen = Self.createdNames(events)
        #expect(seen.count == 2, "\(seen)")
        #expect(seen.first.map { $0.hasPrefix(".feed.csv.") && $0.hasSuffix(".partial") } == true, "\(seen)")
        #expect(seen.last == "feed.csv", "\(seen)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: drop.path) == ["feed.csv"])
    }

    /// The names of the files created, in order, as the inotify descriptor `events` queued them.
    static func createdNames(_ events: Int32) -> [String] {
        var names: [String] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(events, $0.baseAddress, $0.count) }
            guard count > 0 else { return names }
            var offset = 0
            // struct inotify_event: wd, mask, cookie, len (4 bytes each), then `len` bytes of NUL-padded name.
            while offset + 16 <= count {
                let length = buffer[(offset + 12)..<(offset + 16)].reversed().reduce(0) { $0 << 8 | Int($1) }
                let name = buffer[(offset + 16)..<(offset + 16 + length)].prefix { $0 != 0 }
                names.append(String(decoding: name, as: UTF8.self))
                offset += 16 + length
            }
        }
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
