import Foundation
import Orders

extension StoreJSON {
    /// Reads back what `encode` wrote.
    static func decode<Value: Decodable>(_ type: Value.Type, from text: String, operation: String)
        throws(StoreError) -> Value
    {
        do {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .secondsSince1970
            return try decoder.decode(type, from: Data(text.utf8))
        } catch {
            throw StoreError(operation, underlying: error)
        }
    }

    /// Reads back what `encode` wrote, by the value's own reader: what it reads is what `JSONDecoder` reads
    /// (`JSONReadingTests`), without its containers.
    static func decode<Value: Decodable & JSONReadable>(_ type: Value.Type, from text: String, operation: String)
        throws(StoreError) -> Value
    {
        var reader = JSONByteReader(text)
        do {
            let value = try Value(json: &reader)
            try reader.end()
            return value
        } catch {
            throw StoreError(operation, code: .corrupt, reason: "its JSON does not read as \(Value.self): \(error)")
        }
    }
}
