/// The qualifier codes the 850 mapper tells apart, packed as `X12SegmentFields.qualifier` packs them. Literals, as
/// `X12SegmentCode` (the tests check them against the texts).
enum X12QualifierCode {
    // DTM01 date/time qualifiers.
    static let q001: UInt32 = 0x303031  // 001 cancel after
    static let q002: UInt32 = 0x303032  // 002 delivery requested
    static let q010: UInt32 = 0x303130  // 010 requested ship
    static let q038: UInt32 = 0x303338  // 038 ship no later
    static let q067: UInt32 = 0x303637  // 067 current schedule delivery
    static let q106: UInt32 = 0x313036  // 106 required by
    // PER communication number qualifiers.
    static let te: UInt32 = 0x5445  // TE
    static let hp: UInt32 = 0x4850  // HP
    static let wp: UInt32 = 0x5750  // WP
    static let cp: UInt32 = 0x4350  // CP
    static let em: UInt32 = 0x454D  // EM
    // PO1 product ID qualifiers.
    static let vn: UInt32 = 0x564E  // VN
    static let vp: UInt32 = 0x5650  // VP
    static let va: UInt32 = 0x5641  // VA
    static let `in`: UInt32 = 0x494E  // IN
    static let bp: UInt32 = 0x4250  // BP
    static let sk: UInt32 = 0x534B  // SK
    static let cb: UInt32 = 0x4342  // CB
    static let pi: UInt32 = 0x5049  // PI
    static let up: UInt32 = 0x5550  // UP
    static let en: UInt32 = 0x454E  // EN
    static let uk: UInt32 = 0x554B  // UK
    static let ua: UInt32 = 0x5541  // UA
    static let ui: UInt32 = 0x5549  // UI

    /// The text of a packed product ID qualifier this mapper keeps (a literal: no allocation per line).
    static func productQualifierText(_ code: UInt32) -> String {
        switch code {
        case vn: "VN"
        case vp: "VP"
        case va: "VA"
        case `in`: "IN"
        case bp: "BP"
        case sk: "SK"
        case cb: "CB"
        case pi: "PI"
        case up: "UP"
        case en: "EN"
        case uk: "UK"
        case ua: "UA"
        default: "UI"
        }
    }

    /// A PO1 product ID qualifier that does not pack, as the code of the one it equals as a `String` (canonical
    /// equivalence: `S` with a KELVIN SIGN is `SK`); 0 for none.
    static func productQualifier(_ text: String?) -> UInt32 {
        let codes: [(String, UInt32)] = [
            ("VN", vn), ("VP", vp), ("VA", va), ("IN", `in`), ("BP", bp), ("SK", sk), ("CB", cb), ("PI", pi),
            ("UP", up), ("EN", en), ("UK", uk), ("UA", ua), ("UI", ui),
        ]
        return codes.first { $0.0 == text }?.1 ?? 0
    }
}
