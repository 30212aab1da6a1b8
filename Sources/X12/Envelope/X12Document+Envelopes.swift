extension X12Document {
    /// Which transaction sets belong in a group with a given GS01 (functional identifier code, element 479).
    static let functionalIDs: [String: String] = [
        "850": "PO", "855": "PR", "856": "SH", "810": "IN", "846": "IB", "860": "PC", "865": "CA", "997": "FA",
        "999": "FA", "820": "RA", "832": "SC", "852": "PD", "875": "OG", "880": "GP", "753": "OW", "754": "OW",
        "940": "OW", "945": "SW", "204": "SM", "214": "QM", "990": "GF", "824": "AG", "864": "TX", "816": "OR",
        "830": "PS", "862": "SS", "870": "RS", "869": "RS", "180": "AN", "812": "CD", "861": "RC", "943": "AR",
        "944": "RE", "947": "AW", "846X": "IB",
    ]
}
