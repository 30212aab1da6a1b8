import Orders
import Testing

/// The bin a node keeps a SKU in: what a location may be written as, and the order a pick walk takes them in.
@Suite("Bin locations")
struct BinLocationTests {
    @Test(
        "a location of letters, digits, spaces inside and - . / _ #, up to 32 characters, checks",
        arguments: ["A-12-03", "MEZZ/4.2", "Z_9", "DOCK #2", "aisle 7 bay 3", String(repeating: "A", count: 32)])
    func checks(text: String) {
        #expect(BinLocation(checking: text)?.rawValue == text)
    }

    @Test(
        "an empty, too long or otherwise written location does not",
        arguments: ["", " A-1", "A-1 ", "A;1", "A,1", "A\t1", "Ä-1", "<b>", String(repeating: "A", count: 33)])
    func refuses(text: String) {
        #expect(BinLocation(checking: text) == nil)
    }

    @Test("a pick walk takes numbers by their value and letters regardless of case")
    func walkOrder() throws {
        let written = ["A-10", "b-1", "A-2", "A-02-1", "A-2-10", "A-2-9", "10", "9", "B-1-A"]
        let sorted = try written.map { try #require(BinLocation(checking: $0)) }.sorted().map(\.rawValue)
        #expect(sorted == ["9", "10", "A-2", "A-02-1", "A-2-9", "A-2-10", "A-10", "b-1", "B-1-A"])
    }
}
