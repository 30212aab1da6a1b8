import Foundation
import Testing
@testable import X12

@Test("scratch: print corpus envelope errors")
func scratch() throws {
    print("== dir \(Corpus.directory.path) \(Corpus.files.count)")
    for name in Corpus.files {
        do {
            let document = try X12Document(bytes: try Corpus.bytes(name))
            let sets = document.interchanges.flatMap { $0.groups.flatMap(\.sets) }
            print("== \(name): \(document.interchanges.count) ic, \(sets.map(\.id)) errors: \(document.envelopeErrors.map { "\($0.code) \($0)" })")
        } catch {
            print("== \(name): THROWS \(error)")
        }
    }
}
