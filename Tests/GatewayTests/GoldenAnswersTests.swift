import Foundation
import Testing

/// What we send each sample retailer, kept byte for byte beside the tests: 997s, 855s, cXML confirmations and pick
/// tickets (JSON and CSV). A change to any of them shows up here as a diff to review. Re-record with
/// `DROPGATE_RECORD_GOLDEN=1 swift test --filter GoldenAnswersTests`; a recording run fails, so that it is never
/// mistaken for a pass.
@Suite("Golden files of what we send each sample retailer")
struct GoldenAnswersTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static let areas = ["acks", "answers", "pick-tickets"]

    /// Every file under `folder`, by path relative to it.
    static func files(under folder: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        else { return result }
        for case let url as URL in walker {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1))
            result[relative] = try? Data(contentsOf: url)
        }
        return result
    }

    @Test("the sample run writes exactly the golden files, byte for byte")
    func matchesGolden() async throws {
        let run = try await SampleRun()
        var produced: [String: Data] = [:]
        for area in Self.areas {
            for (path, data) in Self.files(under: run.world.folder.appendingPathComponent(area)) {
                produced["\(area)/\(path)"] = data
            }
        }
        if ProcessInfo.processInfo.environment["DROPGATE_RECORD_GOLDEN"] == "1" {
            for area in Self.areas {
                try? FileManager.default.removeItem(at: Self.golden.appendingPathComponent(area))
            }
            for (path, data) in produced {
                let url = Self.golden.appendingPathComponent(path)
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url)
            }
            Issue.record("recorded \(produced.count) golden files in \(Self.golden.path); run again without the switch")
            return
        }
        let expected = Self.files(under: Self.golden)
        #expect(!expected.isEmpty, "no golden files in \(Self.golden.path)")
        #expect(Set(produced.keys) == Set(expected.keys), "written files differ from the golden ones")
        for (path, data) in expected.sorted(by: { $0.key < $1.key }) {
            guard let actual = produced[path] else { continue }
            #expect(
                actual == data,
                """
                \(path) differs from its golden file:
                expected: \(String(decoding: data, as: UTF8.self))
                actual:   \(String(decoding: actual, as: UTF8.self))
                """)
        }
    }
}
