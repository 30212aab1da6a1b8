import X12

/// The segment IDs the 850 mapper reads. Computed from literals, so that reading one costs no lazy initialisation
/// (the tests check them against their texts).
extension X12SegmentCode {
    static var beg: X12SegmentCode { .init(rawValue: 0x424547) }  // BEG
    static var cur: X12SegmentCode { .init(rawValue: 0x435552) }  // CUR
    static var ref: X12SegmentCode { .init(rawValue: 0x524546) }  // REF
    static var dtm: X12SegmentCode { .init(rawValue: 0x44544D) }  // DTM
    static var td5: X12SegmentCode { .init(rawValue: 0x544435) }  // TD5
    static var n1: X12SegmentCode { .init(rawValue: 0x4E31) }  // N1
    static var n2: X12SegmentCode { .init(rawValue: 0x4E32) }  // N2
    static var n3: X12SegmentCode { .init(rawValue: 0x4E33) }  // N3
    static var n4: X12SegmentCode { .init(rawValue: 0x4E34) }  // N4
    static var per: X12SegmentCode { .init(rawValue: 0x504552) }  // PER
    static var po1: X12SegmentCode { .init(rawValue: 0x504F31) }  // PO1
    static var pid: X12SegmentCode { .init(rawValue: 0x504944) }  // PID
    static var msg: X12SegmentCode { .init(rawValue: 0x4D5347) }  // MSG
    static var nte: X12SegmentCode { .init(rawValue: 0x4E5445) }  // NTE
    static var n9: X12SegmentCode { .init(rawValue: 0x4E39) }  // N9
    static var sac: X12SegmentCode { .init(rawValue: 0x534143) }  // SAC
    static var ctt: X12SegmentCode { .init(rawValue: 0x435454) }  // CTT
    static var amt: X12SegmentCode { .init(rawValue: 0x414D54) }  // AMT
    static var tds: X12SegmentCode { .init(rawValue: 0x544453) }  // TDS
    static var se: X12SegmentCode { .init(rawValue: 0x5345) }  // SE
}
