import Testing

@testable import X12

/// The envelope walk's duplicate check must answer exactly as `Set<String>.insert` does.
@Suite("Control number sets")
struct ControlNumberSetTests {
    @Test("inserting answers as a set of strings, packed or not, across a reset")
    func answersAsASetOfStrings() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [String] = ["0", "1", "2", "9", "A", "K", "\u{212A}", "É", "E\u{301}", "\0", " "]
        for _ in 0..<200 {
            var fast = X12ControlNumberSet()
            var slow = Set<String>()
            for step in 0..<300 {
                if step % 97 == 96 {
                    fast.removeAll()
                    slow.removeAll()
                }
                let length = Int.random(in: 0...9, using: &generator)
                let asciiOnly = Int.random(in: 0..<10, using: &generator) < 9
                let letters = asciiOnly ? Array(alphabet.prefix(6)) + ["\0", " "] : alphabet
                let number = (0..<length).map { _ in letters.randomElement(using: &generator) ?? "0" }.joined()
                let inserted = fast.insert(number)
                #expect(inserted == slow.insert(number).inserted, "\(Array(number.utf8))")
            }
        }
    }

    @Test("numbers counting up, then one repeated or lower, answer as a set of strings, across a reset")
    func countingUpThenNot() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<100 {
            var fast = X12ControlNumberSet()
            var slow = Set<String>()
            var next = Int.random(in: 0..<50, using: &generator)
            for step in 0..<400 {
                if step % 151 == 150 {
                    fast.removeAll()
                    slow.removeAll()
                }
                // Mostly counting up (as senders number their sets), sometimes back, sometimes a long number.
                let roll = Int.random(in: 0..<40, using: &generator)
                let value = roll == 0 ? Int.random(in: 0...next, using: &generator) : next
                next += roll == 1 ? 0 : Int.random(in: 1...3, using: &generator)
                let width = roll == 2 ? 9 : 4
                let text = String(value)
                let number = String(repeating: "0", count: max(0, width - text.count)) + text
                #expect(fast.insert(number) == slow.insert(number).inserted, "\(number) at step \(step)")
            }
        }
    }

    @Test("a KELVIN SIGN control number is the same as one with K, as strings are")
    func canonicalEquivalence() {
        var set = X12ControlNumberSet()
        let answers = [set.insert("12K"), set.insert("12\u{212A}"), set.insert("12345678"), set.insert("12K")]
        #expect(answers == [true, false, true, false])
    }
}
