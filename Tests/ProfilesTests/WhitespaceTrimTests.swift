import Foundation
import Testing

@testable import Profiles

/// Claiming an X12 order trims its sender ID as `trimmingCharacters(in: .whitespaces)` does, without Foundation.
@Suite("sender IDs are trimmed as Foundation trims them")
struct WhitespaceTrimTests {
    static let texts = [
        "", " ", "   ", "WALMART", "925485US00     ", "  AMAZON", " A B ", "\tID\t", "ID\n", "\nID", "\u{A0}ID\u{3000}",
        "ID\u{2003}", "é ", " 日本", "🚚", "\u{200B}ID",
    ]

    @Test("each text trims to what trimmingCharacters(in: .whitespaces) gives", arguments: texts)
    func trims(_ text: String) {
        #expect(ProfileSet.trimmingWhitespace(text) == text.trimmingCharacters(in: .whitespaces))
    }
}
