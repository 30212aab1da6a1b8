import X12

/// The segment IDs the 850 and 860 mappers read. Computed from literals, so that reading one costs no lazy
/// initialisation (the tests check them against their texts).
extension X12SegmentCode {
    @inline(__always) static var beg: X12SegmentCode { .init(rawValue: 0x424547) }  // BEG
    @inline(__always) static var cur: X12SegmentCode { .init(rawValue: 0x435552) }  // CUR
    @inline(__always) static var ref: X12SegmentCode { .init(rawValue: 0x524546) }  // REF
    @inline(__always) static var dtm: X12SegmentCode { .init(rawValue: 0x44544D) }  // DTM
    @inline(__always) static var td5: X12SegmentCode { .init(rawValue: 0x544435) }  // TD5
    @inline(__always) static var n1: X12SegmentCode { .init(rawValue: 0x4E31) }  // N1
    @inline(__always) static var n2: X12SegmentCode { .init(rawValue: 0x4E32) }  // N2
    @inline(__always) static var n3: X12SegmentCode { .init(rawValue: 0x4E33) }  // N3
    @inline(__always) static var n4: X12SegmentCode { .init(rawValue: 0x4E34) }  // N4
    @inline(__always) static var per: X12SegmentCode { .init(rawValue: 0x504552) }  // PER
    @inline(__always) static var po1: X12SegmentCode { .init(rawValue: 0x504F31) }  // PO1
    @inline(__always) static var pid: X12SegmentCode { .init(rawValue: 0x504944) }  // PID
    @inline(__always) static var msg: X12SegmentCode { .init(rawValue: 0x4D5347) }  // MSG
    @inline(__always) static var nte: X12SegmentCode { .init(rawValue: 0x4E5445) }  // NTE
    @inline(__always) static var n9: X12SegmentCode { .init(rawValue: 0x4E39) }  // N9
    @inline(__always) static var sac: X12SegmentCode { .init(rawValue: 0x534143) }  // SAC
    @inline(__always) static var ctt: X12SegmentCode { .init(rawValue: 0x435454) }  // CTT
    @inline(__always) static var amt: X12SegmentCode { .init(rawValue: 0x414D54) }  // AMT
    @inline(__always) static var tds: X12SegmentCode { .init(rawValue: 0x544453) }  // TDS
    @inline(__always) static var se: X12SegmentCode { .init(rawValue: 0x5345) }  // SE
}

/// The segment IDs the 860 mapper reads besides the 850's.
extension X12SegmentCode {
    @inline(__always) static var bch: X12SegmentCode { .init(rawValue: 0x424348) }  // BCH
    @inline(__always) static var poc: X12SegmentCode { .init(rawValue: 0x504F43) }  // POC
}
