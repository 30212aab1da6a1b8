public import Foundation

/// A value that writes its compact JSON itself, member by member, instead of through `encode(to:)`: the same text
/// `CompactJSONEncoder` writes from its `Encodable` conformance (same keys in the same order, nils left out), which
/// its tests hold it to, without Codable's containers, boxes and casts. For the records the store writes with every
/// order, where the containers were most of a durable ingest's work. `CompactJSONEncoder` uses it wherever such a
/// value occurs, at the top or nested in a Codable one; reading back stays `Decodable`.
public protocol CompactJSONWritable: Encodable {
    func writeCompactJSON(to writer: CompactJSONWriter) throws
}

extension CompactJSONWriter {
    /// An object whose members `body` writes with `member`.
    public func object(_ body: () throws -> Void) rethrows {
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
        try body()
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    /// An array of `items`, each written by `element`.
    public func array<Items: Sequence>(_ items: Items, _ element: (Items.Element) throws -> Void) rethrows {
        bytes.append(UInt8(ascii: "["))
        needsComma = false
        for item in items {
            if needsComma { bytes.append(UInt8(ascii: ",")) }
            try element(item)
            needsComma = true
        }
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// Begins the member `key`: a comma after the one before, the key, a colon. Keys are plain names: no escapes.
    public func key(_ key: StaticString) {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        needsComma = false
    }

    public func member(_ key: StaticString, _ value: (some CompactJSONWritable)?) throws {
        guard let value else { return }
        self.key(key)
        try value.writeCompactJSON(to: self)
        needsComma = true
    }

    public func member(_ key: StaticString, _ value: String?) {
        guard let value else { return }
        self.key(key)
        write(value)
        needsComma = true
    }

    public func member(_ key: StaticString, _ value: Int?) {
        guard let value else { return }
        self.key(key)
        write(value)
        needsComma = true
    }

    public func member(_ key: StaticString, _ value: Bool?) {
        guard let value else { return }
        self.key(key)
        write(value)
        needsComma = true
    }

    public func member(_ key: StaticString, _ value: Decimal?) {
        guard let value else { return }
        self.key(key)
        bytes.append(contentsOf: value.description.utf8)
        needsComma = true
    }

    /// An array member (written when empty too, as `encode(_:forKey:)` writes it).
    public func member<Element: CompactJSONWritable>(_ key: StaticString, _ values: [Element]) throws {
        self.key(key)
        try array(values) { try $0.writeCompactJSON(to: self) }
    }

    /// An instant, in the encoder's date format.
    public func member(_ key: StaticString, _ value: Date?) {
        guard let value else { return }
        self.key(key)
        write(value)
        needsComma = true
    }

    /// A number; throws for one JSON cannot hold (NaN, infinity), as the encoder does.
    public func member(_ key: StaticString, _ value: Double?) throws {
        guard let value else { return }
        self.key(key)
        try write(value, codingPath: [])
        needsComma = true
    }

    /// A value of a type that does not write itself (a `TimeZone`), through its `encode(to:)`.
    public func member(_ key: StaticString, encoding value: some Encodable) throws {
        self.key(key)
        try write(value, parent: nil, key: nil)
        needsComma = true
    }

    public func member(_ key: StaticString, _ values: [String]) {
        self.key(key)
        array(values) { write($0) }
    }

    /// A string with the JSON escapes; for values written by hand.
    public func string(_ value: String) {
        write(value)
        needsComma = true
    }
}

extension CompactJSONWritable where Self: RawRepresentable, RawValue == String {
    /// A string enum or identifier, as its raw value (as their `encode(to:)` writes them).
    public func writeCompactJSON(to writer: CompactJSONWriter) { writer.string(rawValue) }
}
