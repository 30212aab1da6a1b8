import Foundation
import Orders
import Store
import Testing

/// Each PO's first decision with what it read (`original_decision`), read back in the order decisions were made:
/// what replay and the scorecard start from. The same contract on both backends.
@Suite("Order store: recorded first decisions")
struct StoreHistoryTests {
    func original(_ figures: String) -> OriginalDecision {
        OriginalDecision(
            units: 3, cancelledUnits: 1, feesAvoided: Money(5, .usd), feesIncurred: nil, figures: figures,
            digest: String(repeating: "ab", count: 32), inputs: "s\tEWR1\tA\t4\t10\t1\t4\nu\tEWR1\t2\t5\n")
    }

    func commit(_ po: String, retailer: RetailerID = "walmart", at: Date, original: OriginalDecision?)
        -> OrderCommit
    {
        var commit = orderCommit(po, retailer: retailer, at: at)
        commit.original = original
        return commit
    }

    @Test("kept as written, a page at a time, in the order decided, within the window", arguments: Backend.allCases)
    func pages(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            for (index, po) in ["PO-1", "PO-2", "PO-3", "PO-4"].enumerated() {
                _ = try await store.commit(
                    commit(
                        po, retailer: index == 2 ? "amazon" : "walmart", at: t0 + Double(index) * 3600,
                        original: original("figures of \(po)")))
            }
            // A PO committed without a record of its inputs is not one to replay.
            _ = try await store.commit(commit("PO-5", at: t0 + 5 * 3600, original: nil))
            var seen: [RecordedDecision] = []
            try await store.forEachOriginalDecision(DecisionWindow(from: t0), pageSize: 3) { page in
                #expect(page.count <= 3)
                seen += page
            }
            #expect(seen.map(\.order.poNumber) == ["PO-1", "PO-2", "PO-3", "PO-4"])
            #expect(seen.map(\.id.rawValue) == seen.map(\.id.rawValue).sorted())
            let first = try #require(seen.first)
            #expect(first.original == original("figures of PO-1"))
            #expect(first.retailer == "walmart")
            #expect(first.outcome == .ship)
            #expect(first.receivedAt == t0)
            #expect(first.decidedAt == t0 + 1)
            let window = try await store.originalDecisions(
                DecisionWindow(from: t0 + 3600, until: t0 + 3 * 3600), after: nil, limit: 10)
            #expect(window.map(\.order.poNumber) == ["PO-2", "PO-3"])
            let amazon = try await store.originalDecisions(
                DecisionWindow(from: t0, retailer: "amazon"), after: nil, limit: 10)
            #expect(amazon.map(\.order.poNumber) == ["PO-3"])
            let after = try await store.originalDecisions(DecisionWindow(from: t0), after: seen[1].id, limit: 10)
            #expect(after.map(\.order.poNumber) == ["PO-3", "PO-4"])
        }
    }

    @Test("a PO replaced since is read as first received, with its first decision", arguments: Backend.allCases)
    func firstVersion(backend: Backend) async throws {
        try await withStore(backend) { store, _ async throws in
            let kept = try await store.keep(document("ISA*PO"))
            var first = commit("PO-1", at: t0, original: original("first"))
            first.documentID = kept.id
            let id = try #require(try await store.commit(first).orderID)
            let again = try await store.keep(document("ISA*PO*AGAIN", at: t0 + 600))
            var second = commit("PO-1", at: t0 + 600, original: nil)
            second.documentID = again.id
            second.order.lines = [OrderLine(lineNumber: "9", sku: "B", quantity: 7)]
            let result = try await store.replace(
                OrderReplacement(replacing: id, version: 1, position: 0, commit: second, released: []))
            guard case .replaced = result else {
                Issue.record("not replaced: \(result)")
                return
            }
            let recorded = try await store.originalDecisions(DecisionWindow(from: t0), after: nil, limit: 10)
            #expect(recorded.count == 1)
            #expect(recorded.first?.order.lines == first.order.lines)
            #expect(recorded.first?.original.figures == "first")
        }
    }
}
