import Foundation
import Logging
import Orders
import Store
import Synchronization
import TestSupport
import Testing

@testable import Gateway

@Suite("the watched inbox")
struct InboxWatcherTests {
    static let walmart = "walmart-20261124-0600.x12"
    static let walmartPOs: Set<String> = ["4792183650", "4792190417", "4792201188", "4792215503"]

    @Test("a complete file is taken on the second look, not the first, processed and moved to processed/")
    func completeFileIsTakenOnSecondLook() async throws {
        let inbox = try await InboxWorld()
        try inbox.drop(try InboxWorld.fixture(Self.walmart), as: Self.walmart)
        let watcher = inbox.watcher()

        #expect(await watcher.scan().isEmpty)
        #expect(inbox.waiting() == [Self.walmart])
        #expect(try inbox.keptDocuments() == 0)

        let outcomes = await watcher.scan()
        #expect(outcomes.map(\.file) == [Self.walmart])
        #expect(outcomes.first?.movedTo.path == inbox.inbox.appendingPathComponent("processed/\(Self.walmart)").path)
        #expect(outcomes.first?.report.origin == Self.walmart)
        #expect(outcomes.first?.report.orders.count == 4)
        #expect(try inbox.contents("processed/\(Self.walmart)") == InboxWorld.fixture(Self.walmart))
        let orders = try await inbox.world.store.orders(.all)
        #expect(Set(orders.map(\.poNumber.rawValue)) == Self.walmartPOs)
        #expect(orders.allSatisfy { $0.receivedAt == SampleWorld.clock })
        #expect(inbox.waiting().isEmpty)
        #expect(inbox.names(in: ".processing").isEmpty)
        #expect(await watcher.scan().isEmpty)
    }

    /// The Walmart fixture's interchange with its four POs repeated under new PO and set numbers until it is over
    /// `bytes` long.
    static func largeInterchange(over bytes: Int) throws -> [UInt8] {
        let text = String(decoding: try InboxWorld.fixture(walmart), as: UTF8.self)
        let segments = text.split(separator: "~", omittingEmptySubsequences: true).map {
            $0.trimmingCharacters(in: .whitespacesAndNewlines)
        }.filter { !$0.isEmpty }
        let header = segments.prefix(2)
        var sets: [[String]] = []
        for segment in segments where segment.hasPrefix("ST*") || !sets.isEmpty && !segment.hasPrefix("GE*") {
            if segment.hasPrefix("IEA*") { break }
            if segment.hasPrefix("ST*") { sets.append([]) }
            sets[sets.count - 1].append(segment)
        }
        var body = ""
        var count = 0
        while body.utf8.count < bytes {
            for set in sets {
                count += 1
                let control = String(format: "%04d", count % 10_000)
                body += set.map { segment -> String in
                    var fields = segment.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
                    switch fields[0] {
                    case "ST": fields[2] = control
                    case "SE": fields[2] = control
                    case "BEG": fields[3] = "9\(String(format: "%07d", count))"
                    default: break
                    }
                    return fields.joined(separator: "*") + "~\n"
                }.joined()
            }
        }
        let group = header.map { $0 + "~\n" }.joined() + body + "GE*\(count)*18233~\nIEA*1*000018233~\n"
        return Array(group.utf8)
    }

    @Test("a file larger than a part of the store is kept in parts, read from the inbox, and filed")
    func largeFileKeptInParts() async throws {
        let inbox = try await InboxWorld()
        let bytes = try Self.largeInterchange(over: DocumentParts.size + 100_000)
        try inbox.drop(bytes, as: "large.x12")
        let watcher = inbox.watcher()
        #expect(await watcher.scan().isEmpty)
        let outcomes = await watcher.scan()
        #expect(outcomes.map(\.file) == ["large.x12"])
        let report = try #require(outcomes.first?.report)
        #expect(report.status == .accepted, "\(report.problems.prefix(3))")
        #expect(outcomes.first?.movedTo.path == inbox.inbox.appendingPathComponent("processed/large.x12").path)
        #expect(try inbox.contents("processed/large.x12") == bytes)
        let document = try #require(report.documentID)
        #expect(try await inbox.world.store.document(document)?.byteCount == bytes.count)
        let kept = try ChildProcess.run([
            "/usr/bin/sqlite3", inbox.world.folder.appendingPathComponent("store.sqlite").path,
            "SELECT parts FROM inbound_document WHERE id = \(document.rawValue)",
        ])
        #expect(kept.text.trimmingCharacters(in: .whitespacesAndNewlines) == "2", "kept in two parts")
        let sets = bytes.split(separator: UInt8(ascii: "\n")).filter { $0.starts(with: Array("ST*850*".utf8)) }.count
        #expect(report.orders.count == sets)
        #expect(try await inbox.world.store.orders(.all).count == sets)
    }

    @Test("a file still growing between looks is not taken until it looks the same twice")
    func growingFileWaits() async throws {
        let inbox = try await InboxWorld()
        let bytes = try InboxWorld.fixture(Self.walmart)
        let url = try inbox.drop(Array(bytes.prefix(300)), as: Self.walmart)
        let watcher = inbox.watcher()

        #expect(await watcher.scan().isEmpty)
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(bytes.dropFirst(300)))
        try handle.close()
        #expect(await watcher.scan().isEmpty, "taken while it grew")
        #expect(inbox.waiting() == [Self.walmart])

        let outcomes = await watcher.scan()
        #expect(outcomes.map(\.report.status) == [.accepted])
        #expect(try inbox.contents("processed/\(Self.walmart)") == bytes)
    }

    @Test("a file is not taken before it has looked the same for `settle`")
    func settleIsWaitedFor() async throws {
        let inbox = try await InboxWorld()
        try inbox.drop(try InboxWorld.fixture(Self.walmart), as: Self.walmart)
        let watcher = inbox.watcher(settle: .seconds(3600))
        #expect(await watcher.scan().isEmpty)
        #expect(await watcher.scan().isEmpty)
        #expect(inbox.waiting() == [Self.walmart])
    }

    @Test("uploads in progress, hidden files, folders and links are never taken")
    func inProgressFilesAreNeverTaken() async throws {
        let inbox = try await InboxWorld()
        let bytes = try InboxWorld.fixture(Self.walmart)
        let left = ["walmart.x12.part", "walmart.x12.tmp", "walmart.x12.filepart", ".walmart.x12"]
        for name in left { try inbox.drop(bytes, as: name) }
        try inbox.drop(bytes, as: "nested.x12", in: "sub")
        try FileManager.default.createSymbolicLink(
            at: inbox.inbox.appendingPathComponent("link.x12"),
            withDestinationURL: inbox.inbox.appendingPathComponent("sub/nested.x12"))
        let watcher = inbox.watcher()
        for _ in 0..<3 { #expect(await watcher.scan().isEmpty) }
        #expect(inbox.waiting() == (left + ["link.x12"]).sorted())
        #expect(inbox.names(in: "sub") == ["nested.x12"])
        #expect(try inbox.keptDocuments() == 0)
    }

    @Test("a file that is not a document goes to failed/ with a report saying why")
    func garbageGoesToFailed() async throws {
        let inbox = try await InboxWorld()
        try inbox.drop(Array("not an order\n".utf8), as: "garbage.txt")
        let watcher = inbox.watcher()
        _ = await watcher.scan()
        let outcomes = await watcher.scan()
        #expect(outcomes.map(\.report.status) == [.unreadable])
        #expect(outcomes.first?.movedTo.path == inbox.inbox.appendingPathComponent("failed/garbage.txt").path)
        #expect(inbox.names(in: "failed") == ["garbage.txt", "garbage.txt.report.txt"])
        let report = String(decoding: try inbox.contents("failed/garbage.txt.report.txt"), as: UTF8.self)
        #expect(report.hasPrefix("garbage.txt: unreadable\ndocument: 1\nproblems:\n- "), "\(report)")
        #expect(report.contains("neither an X12 interchange"), "\(report)")
        #expect(inbox.names(in: "processed").isEmpty)
    }

    @Test("a file of the same name already in processed/ or failed/ is never overwritten")
    func sameNamesAreNotOverwritten() async throws {
        let inbox = try await InboxWorld()
        let theirs = Array("theirs".utf8)
        try inbox.drop(theirs, as: Self.walmart, in: "processed")
        try inbox.drop(theirs, as: "\(Self.walmart).1", in: "processed")
        try inbox.drop(theirs, as: "garbage.txt", in: "failed")
        try inbox.drop(theirs, as: "garbage.txt.1.report.txt", in: "failed")
        try inbox.drop(try InboxWorld.fixture(Self.walmart), as: Self.walmart)
        try inbox.drop(Array("not an order\n".utf8), as: "garbage.txt")
        let watcher = inbox.watcher()
        _ = await watcher.scan()
        let outcomes = await watcher.scan()

        #expect(outcomes.map(\.movedTo.lastPathComponent) == ["garbage.txt.1", "\(Self.walmart).2"])
        #expect(try inbox.contents("processed/\(Self.walmart)") == theirs)
        #expect(try inbox.contents("processed/\(Self.walmart).1") == theirs)
        #expect(try inbox.contents("processed/\(Self.walmart).2") == InboxWorld.fixture(Self.walmart))
        #expect(try inbox.contents("failed/garbage.txt") == theirs)
        #expect(try inbox.contents("failed/garbage.txt.1") == Array("not an order\n".utf8))
        #expect(try inbox.contents("failed/garbage.txt.1.report.txt") == theirs)
        #expect(
            inbox.names(in: "failed") == [
                "garbage.txt", "garbage.txt.1", "garbage.txt.1.report.txt", "garbage.txt.1.report.txt.1",
            ])
    }

    @Test("a missing folder and a file gone before its claim are logged and skipped, never a crash")
    func troubleIsSkipped() async throws {
        let inbox = try await InboxWorld()
        let missing = InboxWatcher(
            folder: inbox.inbox.appendingPathComponent("nowhere"), gateway: inbox.gateway, settle: .zero,
            logger: InboxWorld.quiet)
        #expect(await missing.scan().isEmpty)
        #expect(await missing.scan().isEmpty)

        let url = try inbox.drop(try InboxWorld.fixture(Self.walmart), as: Self.walmart)
        let watcher = inbox.watcher()
        _ = await watcher.scan()
        // Taken by someone else (or removed by its sender) after the look that found it complete.
        try FileManager.default.removeItem(at: url)
        #expect(await watcher.scan().isEmpty)
        #expect(try inbox.keptDocuments() == 0)
    }

    @Test("a claimed file that cannot be read goes to failed/ with the reason, and the rest goes on")
    func unreadableClaimGoesToFailed() async throws {
        let inbox = try await InboxWorld()
        // A folder where a dead process's claimed file should be: it cannot be read as a document.
        let claim = InboxWorld.deadClaim(of: "odd.x12", pid: try InboxWorld.deadPID())
        try FileManager.default.createDirectory(
            at: inbox.inbox.appendingPathComponent(".processing/\(claim)"), withIntermediateDirectories: true)
        try inbox.drop(try InboxWorld.fixture(Self.walmart), as: Self.walmart)
        let watcher = inbox.watcher()
        var outcomes = await watcher.scan()
        outcomes += await watcher.scan()

        #expect(outcomes.map(\.file) == ["odd.x12", Self.walmart])
        #expect(outcomes.map(\.report.status) == [.unreadable, .accepted])
        #expect(inbox.names(in: "failed") == ["odd.x12", "odd.x12.report.txt"])
        let report = String(decoding: try inbox.contents("failed/odd.x12.report.txt"), as: UTF8.self)
        #expect(report.contains("odd.x12: not read, nothing promised: is a folder"), "\(report)")
        #expect(inbox.names(in: ".processing").isEmpty)
        #expect(try inbox.keptDocuments() == 1)
    }

    @Test("two watchers, each with its own store connection, take every one of many files exactly once")
    func twoWatchersTakeEachFileOnce() async throws {
        let inbox = try await InboxWorld()
        let count = 24
        let names = (0..<count).map { "walmart-copy-\($0).x12" }
        for (index, name) in names.enumerated() { try inbox.drop(try InboxWorld.walmartCopy(index), as: name) }
        let other = try SQLiteStore(path: inbox.world.folder.appendingPathComponent("store.sqlite").path)
        let first = inbox.watcher()
        let second = inbox.watcher(
            gateway: Gateway(profiles: inbox.world.profiles, store: other, logger: InboxWorld.quiet))

        var outcomes: [InboxOutcome] = []
        var taken = (0, 0)
        for _ in 0..<4 {
            async let one = first.scan()
            async let two = second.scan()
            let (mine, theirs) = await (one, two)
            taken.0 += mine.count
            taken.1 += theirs.count
            outcomes += mine + theirs
        }

        #expect(taken.0 > 0 && taken.1 > 0, "one watcher took every file: they did not race")
        #expect(outcomes.count == count)
        #expect(outcomes.map(\.file).sorted() == names.sorted())
        #expect(try inbox.keptDocuments() == count)
        #expect(Set(outcomes.compactMap(\.report.documentID)).count == count)
        #expect((inbox.names(in: "processed") + inbox.names(in: "failed")).sorted() == names.sorted())
        #expect(inbox.waiting().isEmpty)
        #expect(inbox.names(in: ".processing").isEmpty)
        let orders = try await inbox.world.store.orders(.all)
        #expect(orders.count == 4 * count)
        #expect(Set(orders.map(\.poNumber)).count == orders.count)
        #expect(try await inbox.world.store.pendingDocuments().isEmpty)
    }

    @Test("a file a dead process claimed before its document was kept is processed once")
    func recoversAClaimNeverKept() async throws {
        let inbox = try await InboxWorld()
        let bytes = try InboxWorld.fixture(Self.walmart)
        let claim = InboxWorld.deadClaim(of: Self.walmart, pid: try InboxWorld.deadPID())
        try inbox.drop(bytes, as: claim, in: ".processing")
        // A claim of a live process (this one, the test's) is left alone.
        let live = "other.x12.\(InboxOwner.current.host)-\(getpid())-\(InboxOwner.current.run)-999999"
        try inbox.drop(bytes, as: live, in: ".processing")

        let outcomes = await inbox.watcher().scan()
        #expect(outcomes.map(\.file) == [Self.walmart])
        #expect(outcomes.first?.report.status == .accepted)
        #expect(try inbox.contents("processed/\(Self.walmart)") == bytes)
        #expect(inbox.names(in: ".processing") == [live])
        #expect(try inbox.keptDocuments() == 1)
        let orders = try await inbox.world.store.orders(.all)
        #expect(orders.count == 4)
        #expect(Set(orders.map(\.poNumber.rawValue)) == Self.walmartPOs)
    }

    @Test(
        "a file a dead process left pending in the store is finished from where it stopped: kept once, each PO decided once, nothing answered twice",
        arguments: [true, false])
    func recoversAPendingDocument(noted: Bool) async throws {
        let inbox = try await InboxWorld()
        let bytes = try InboxWorld.fixture(Self.walmart)
        // The dead process kept the document and committed its POs, and stopped before finishing it.
        let stopping = StoppingStore(inbox.world.store, stopsBeforeFinish: true)
        let stopped = await Gateway(profiles: inbox.world.profiles, store: stopping, logger: InboxWorld.quiet)
            .process(bytes, origin: Self.walmart, receivedAt: SampleWorld.clock)
        let document = try #require(stopped.documentID)
        let decided = stopped.orders.filter { if case .decided = $0.result { true } else { false } }
        #expect(decided.count == 4)
        let outbox = try await inbox.world.store.outbox(state: nil)
        let claim = InboxWorld.deadClaim(
            of: Self.walmart, pid: try InboxWorld.deadPID(), document: noted ? document : nil)
        try inbox.drop(bytes, as: claim, in: ".processing")

        let outcomes = await inbox.watcher().scan()
        #expect(outcomes.map(\.file) == [Self.walmart])
        #expect(outcomes.first?.report.documentID == document)
        #expect(outcomes.first?.report.status == .accepted)
        #expect(
            outcomes.first?.report.orders.allSatisfy { if case .duplicate = $0.result { true } else { false } } == true)
        #expect(try inbox.contents("processed/\(Self.walmart)") == bytes)
        #expect(inbox.names(in: ".processing").isEmpty)
        #expect(try inbox.keptDocuments() == 1)
        #expect(try await inbox.world.store.pendingDocuments().isEmpty)
        let orders = try await inbox.world.store.orders(.all)
        #expect(orders.count == 4)
        #expect(Set(orders.map(\.poNumber.rawValue)) == Self.walmartPOs)
        #expect(try await inbox.world.store.outbox(state: nil).map(\.id) == outbox.map(\.id), "something sent twice")
    }

    @Test("a file whose document a dead process finished before moving it is not read again and goes to failed/")
    func recoversAFinishedDocument() async throws {
        let inbox = try await InboxWorld()
        let bytes = try InboxWorld.fixture(Self.walmart)
        let finished = await inbox.gateway.process(bytes, origin: Self.walmart, receivedAt: SampleWorld.clock)
        let document = try #require(finished.documentID)
        let outbox = try await inbox.world.store.outbox(state: nil)
        let claim = InboxWorld.deadClaim(of: Self.walmart, pid: try InboxWorld.deadPID(), document: document)
        try inbox.drop(bytes, as: claim, in: ".processing")

        let outcomes = await inbox.watcher().scan()
        #expect(outcomes.map(\.file) == [Self.walmart])
        #expect(outcomes.first?.report.documentID == document)
        #expect(try inbox.contents("failed/\(Self.walmart)") == bytes)
        let report = String(decoding: try inbox.contents("failed/\(Self.walmart).report.txt"), as: UTF8.self)
        #expect(report.contains("is no longer pending (finished before the process stopped"), "\(report)")
        #expect(try inbox.keptDocuments() == 1)
        #expect(try await inbox.world.store.orders(.all).count == 4)
        #expect(try await inbox.world.store.outbox(state: nil).map(\.id) == outbox.map(\.id), "something sent twice")
    }

    @Test("when the store cannot say what is pending, a dead process's file keeps its name for a later scan")
    func recoveryWaitsForTheStore() async throws {
        let inbox = try await InboxWorld()
        let claim = InboxWorld.deadClaim(of: Self.walmart, pid: try InboxWorld.deadPID())
        try inbox.drop(try InboxWorld.fixture(Self.walmart), as: claim, in: ".processing")
        let unavailable = Gateway(
            profiles: inbox.world.profiles, store: PendingUnavailableStore(inbox.world.store), logger: InboxWorld.quiet)

        #expect(await inbox.watcher(gateway: unavailable).scan().isEmpty)
        #expect(inbox.names(in: ".processing") == [claim])
        #expect(try inbox.keptDocuments() == 0)

        let outcomes = await inbox.watcher().scan()
        #expect(outcomes.map(\.file) == [Self.walmart])
        #expect(inbox.names(in: "processed") == [Self.walmart])
    }

    @Test("run stops on cancellation after finishing the file in hand")
    func runFinishesTheFileInHand() async throws {
        let inbox = try await InboxWorld()
        let names = (0..<12).map { "walmart-copy-\($0).x12" }
        for (index, name) in names.enumerated() { try inbox.drop(try InboxWorld.walmartCopy(index), as: name) }
        let told = Mutex<[String]>([])
        let watcher = inbox.watcher()
        let running = Task { await watcher.run { outcome in told.withLock { $0.append(outcome.file) } } }

        // Cancelled while a file is claimed, or failing that once the first is done.
        let deadline = ContinuousClock.now + .seconds(30)
        while inbox.names(in: ".processing").isEmpty && told.withLock({ $0.isEmpty }) && .now < deadline {
            try await Task.sleep(for: .microseconds(200))
        }
        running.cancel()
        await running.value

        let done = (inbox.names(in: "processed") + inbox.names(in: "failed")).sorted()
        #expect(!done.isEmpty)
        #expect(done.count < names.count, "every file was taken before the cancellation")
        #expect(done == told.withLock { $0 }.sorted())
        #expect((done + inbox.waiting()).sorted() == names.sorted())
        #expect(inbox.names(in: ".processing").isEmpty, "a file was left half done")
        #expect(try inbox.keptDocuments() == done.count)
        #expect(try await inbox.world.store.pendingDocuments().isEmpty)
    }
}
