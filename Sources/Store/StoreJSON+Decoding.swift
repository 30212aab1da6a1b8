import Foundation

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
}
