import Testing

@testable import OrderX12

/// Free text is clipped to its element's maximum without trailing spaces; text that fits and ends in no space is
/// kept as it is without walking its characters, and must come out as the character walk makes it.
@Suite("X12 free text clipped")
struct X12TextClippingTests {
    /// The character walk `clipped` skips for text that fits.
    static func walked(_ text: String, _ maximum: Int) -> String {
        var result = String(text.prefix(maximum))
        while result.last == " " { result.removeLast() }
        return result
    }

    @Test(
        "clipped text is the first characters up to the maximum, without trailing spaces",
        arguments: [
            "", " ", "PITTSBURGH", "PITTSBURGH ", " 5612 PHILLIPS AVE", "ÉCOLE NATIONALE", "日本橋 1-1", "🚚🚚🚚🚚",
            "e\u{301}e\u{301}e\u{301}", "a \u{301}", "THIRTY CHARACTERS EXACTLY ABCD",
            "THIRTY ONE CHARACTERS EXACTLY A",
            "TRAILING SPACES    ", "  ", "a\u{00A0}",
        ])
    func clipped(text: String) {
        for maximum in [0, 1, 3, 10, 29, 30, 31, 60] {
            #expect(X12Text.clipped(text, maximum) == Self.walked(text, maximum), "\(text) at \(maximum)")
        }
    }
}
