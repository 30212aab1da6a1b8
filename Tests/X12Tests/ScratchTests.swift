import Foundation
import Testing
@testable import X12

@Test("scratch: print corpus validation")
func scratch() throws {
    for name in Corpus.files {
        do {
            let document = try X12Document(bytes: try Corpus.bytes(name))
            let report = X12Validator().validate(document)
            print("== \(name): \(report.errors.map { "\($0.code)@\($0.location.segmentID ?? "-")\($0.location.segmentPosition ?? 0).\($0.location.elementPosition ?? 0) \($0)" })")
        } catch {
            print("== \(name): THROWS \(error)")
        }
    }
}
