/// libFuzzer entry point: arbitrary bytes through reading, validation and 997/999/TA1 generation and writing.
/// Any trap (index out of range, overflow) is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let document = try? X12Document(bytes: bytes) else { return 0 }
    let report = X12Validator().validate(document)
    let builder = X12Acknowledgement(
        document: document, report: report, timestamp: .init(date: "20261125", time: "1200"))
    var counter = X12ControlNumberCounter()
    for index in document.interchanges.indices {
        for kind in X12Acknowledgement.Kind.allCases {
            var reply = builder.reply(to: index, kind: kind)
            reply.assignControlNumbers(from: &counter)
            if let written = try? X12Writer(delimiters: .standard).write(reply) {
                _ = try? X12Document(bytes: written)
            }
        }
        _ = builder.ta1(interchange: index)
        _ = try? X12Writer(delimiters: document.interchanges[index].delimiters).write(document.outgoing(interchange: index))
    }
    for error in report.errors { _ = error.description + error.code }
    return 0
}
