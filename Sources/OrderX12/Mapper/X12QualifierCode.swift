import X12

/// The qualifier codes the 850 mapper tells apart, packed as segment IDs are (`X12SegmentCode`). Computed from
/// literals, so that reading one costs no lazy initialisation (the tests check them against their texts).
enum X12QualifierCode {
    // DTM01 date/time qualifiers.
    @inline(__always) static var q001: X12SegmentCode { .init(rawValue: 0x303031) }  // 001 cancel after
    @inline(__always) static var q002: X12SegmentCode { .init(rawValue: 0x303032) }  // 002 delivery requested
    @inline(__always) static var q010: X12SegmentCode { .init(rawValue: 0x303130) }  // 010 requested ship
    @inline(__always) static var q038: X12SegmentCode { .init(rawValue: 0x303338) }  // 038 ship no later
    @inline(__always) static var q067: X12SegmentCode { .init(rawValue: 0x303637) }  // 067 current schedule delivery
    @inline(__always) static var q106: X12SegmentCode { .init(rawValue: 0x313036) }  // 106 required by
    // PER communication number qualifiers.
    @inline(__always) static var te: X12SegmentCode { .init(rawValue: 0x5445) }  // TE
    @inline(__always) static var hp: X12SegmentCode { .init(rawValue: 0x4850) }  // HP
    @inline(__always) static var wp: X12SegmentCode { .init(rawValue: 0x5750) }  // WP
    @inline(__always) static var cp: X12SegmentCode { .init(rawValue: 0x4350) }  // CP
    @inline(__always) static var em: X12SegmentCode { .init(rawValue: 0x454D) }  // EM
    // PO1 product ID qualifiers.
    @inline(__always) static var vn: X12SegmentCode { .init(rawValue: 0x564E) }  // VN
    @inline(__always) static var vp: X12SegmentCode { .init(rawValue: 0x5650) }  // VP
    @inline(__always) static var va: X12SegmentCode { .init(rawValue: 0x5641) }  // VA
    @inline(__always) static var `in`: X12SegmentCode { .init(rawValue: 0x494E) }  // IN
    @inline(__always) static var bp: X12SegmentCode { .init(rawValue: 0x4250) }  // BP
    @inline(__always) static var sk: X12SegmentCode { .init(rawValue: 0x534B) }  // SK
    @inline(__always) static var cb: X12SegmentCode { .init(rawValue: 0x4342) }  // CB
    @inline(__always) static var pi: X12SegmentCode { .init(rawValue: 0x5049) }  // PI
    @inline(__always) static var up: X12SegmentCode { .init(rawValue: 0x5550) }  // UP
    @inline(__always) static var en: X12SegmentCode { .init(rawValue: 0x454E) }  // EN
    @inline(__always) static var uk: X12SegmentCode { .init(rawValue: 0x554B) }  // UK
    @inline(__always) static var ua: X12SegmentCode { .init(rawValue: 0x5541) }  // UA
    @inline(__always) static var ui: X12SegmentCode { .init(rawValue: 0x5549) }  // UI
    // PO103 unit of measure: each, nearly every line's.
    @inline(__always) static var ea: X12SegmentCode { .init(rawValue: 0x4541) }  // EA

    /// The text of a packed product ID qualifier this mapper keeps (a literal: no allocation per line).
    static func productQualifierText(_ code: X12SegmentCode) -> String {
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
    static func productQualifier(_ text: String?) -> X12SegmentCode {
        let codes: [(String, X12SegmentCode)] = [
            ("VN", vn), ("VP", vp), ("VA", va), ("IN", `in`), ("BP", bp), ("SK", sk), ("CB", cb), ("PI", pi),
            ("UP", up), ("EN", en), ("UK", uk), ("UA", ua), ("UI", ui),
        ]
        return codes.first { $0.0 == text }?.1 ?? .init(rawValue: 0)
    }
}
