/// Small interchanges built in code, so each delimiter choice and each envelope fault has its own case.
enum Sample {
    /// A valid 850 interchange with the given delimiters (one byte each) and an optional line break after each
    /// terminator.
    static func purchaseOrder(
        element: String = "*", component: String = ">", segment: String = "~", repetition: String = "U",
        version: String = "00401", lineBreak: String = "", controlNumber: String = "000000905"
    ) -> String {
        let e = element
        let isa = [
            "ISA", "00", "          ", "00", "          ", "ZZ", "WALMART        ", "ZZ", "HARBORPINE     ",
            "261124", "1000", repetition, version, controlNumber, "0", "P", component,
        ].joined(separator: e)
        let body = [
            "GS\(e)PO\(e)925485US00\(e)HARBORPINE\(e)20261124\(e)1000\(e)7\(e)X\(e)004010",
            "ST\(e)850\(e)0001",
            "BEG\(e)00\(e)DS\(e)PO1001\(e)\(e)20261124",
            "PO1\(e)1\(e)2\(e)EA\(e)12.5\(e)\(e)VN\(e)HP-10001\(e)UP\(e)084512000017",
            "CTT\(e)1",
            "SE\(e)5\(e)0001",
            "GE\(e)1\(e)7",
            "IEA\(e)1\(e)\(controlNumber)",
        ]
        return ([isa] + body).map { $0 + segment + lineBreak }.joined()
    }
}
