import Foundation
import Gateway
import Store
import Testing

@testable import Server

@Suite("the queue of kept documents the service decides in batches")
struct KeptQueueTests {
    static func job(_ id: Int64) -> KeptInput {
        KeptInput(id: DocumentID(id), bytes: [], origin: "test", receivedAt: Date(timeIntervalSince1970: 0))
    }

    @Test("a taker gets everything waiting, oldest first, up to its limit")
    func batches() async {
        let queue = KeptQueue()
        for id: Int64 in 1...5 { #expect(queue.push(Self.job(id))) }
        #expect(await queue.take(upTo: 3).map(\.id.rawValue) == [1, 2, 3])
        #expect(await queue.take(upTo: 3).map(\.id.rawValue) == [4, 5])
    }

    @Test("a taker waits for the next document; once finished, takers drain what is left and then get nothing")
    func waitsAndDrains() async {
        let queue = KeptQueue()
        async let waiting = queue.take(upTo: 10)
        try? await Task.sleep(for: .milliseconds(50))
        #expect(queue.push(Self.job(7)))
        #expect(await waiting.map(\.id.rawValue) == [7])
        #expect(queue.push(Self.job(8)))
        queue.finish()
        #expect(!queue.push(Self.job(9)), "a finished queue lets nothing in")
        #expect(await queue.take(upTo: 10).map(\.id.rawValue) == [8])
        #expect(await queue.take(upTo: 10).isEmpty)
    }

    @Test("several takers share the documents: each taken once, none lost")
    func severalTakers() async {
        let queue = KeptQueue()
        let taken = await withTaskGroup(of: [Int64].self) { group in
            for _ in 0..<3 {
                group.addTask {
                    var mine: [Int64] = []
                    while true {
                        let jobs = await queue.take(upTo: 7)
                        if jobs.isEmpty { return mine }
                        mine += jobs.map(\.id.rawValue)
                    }
                }
            }
            for id in 1...1_000 { _ = queue.push(Self.job(Int64(id))) }
            queue.finish()
            var all: [Int64] = []
            for await part in group { all += part }
            return all
        }
        #expect(taken.sorted() == Array(1...1_000))
    }
}
