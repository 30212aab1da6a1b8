public import Foundation

/// A value that writes its JSON itself, member by member, instead of through `encode(to:)`: the members its
/// `encode(to:)` writes (nils left out, empty arrays kept), in the UTF-8 order of their keys, as `JSONEncoder`'s
/// `.sortedKeys` writes them. The one writer serves both layouts: the store's compact records and the pretty text
/// the commands print, which its tests hold byte for byte to `JSONEncoder`'s `[.prettyPrinted, .sortedKeys]`.
/// Without Codable's containers, boxes and casts, and without `JSONEncoder`'s tree of every value and sorting of
/// every object's keys, which were most of the work of printing an order. Reading back stays `Decodable`.
public protocol JSONWritable: Encodable {
    func writeJSON(to writer: JSONByteWriter) throws
}

extension JSONByteWriter {
    /// An object whose members `body` writes with `member`.
    public func object(_ body: () throws -> Void) rethrows {
        beginObject()
        try body()
        endObject()
    }

    /// Opens an object whose members are written one at a time, up to `endObject()`: for an object written as its
    /// members become known.
    public func beginObject() {
        buffer.append(UInt8(ascii: "{"))
        needsComma = false
        depth += 1
    }

    /// Closes an open object.
    public func endObject() {
        depth -= 1
        if isPretty { closeLine() }
        buffer.append(UInt8(ascii: "}"))
        needsComma = true
    }

    /// A member whose value is `null` (members whose value is nil are otherwise left out).
    public func nullMember(_ key: StaticString) {
        self.key(key)
        buffer.append("null")
        needsComma = true
    }

    /// An array of `items`, each written by `element`.
    @inlinable
    public func array<Items: Sequence>(_ items: Items, _ element: (Items.Element) throws -> Void) rethrows {
        beginArray()
        for item in items {
            beginElement()
            try element(item)
            needsComma = true
        }
        endArray()
    }

    /// Opens an array whose elements are written one at a time, each after `beginElement()`, up to `endArray()`:
    /// for a list written as it is made.
    public func beginArray() {
        buffer.append(UInt8(ascii: "["))
        needsComma = false
        depth += 1
    }

    /// Starts the next element of an open array: the separator after the one before, and its line in pretty text.
    public func beginElement() {
        if needsComma { buffer.append(UInt8(ascii: ",")) }
        if isPretty { newLine() }
    }

    /// Closes an open array.
    public func endArray() {
        depth -= 1
        if isPretty { closeLine() }
        buffer.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// Before the bracket that closes an object or array in pretty text: its own line, after an empty one when the
    /// container holds nothing (as `JSONEncoder` writes `[\n\n]`).
    private func closeLine() {
        if !needsComma { buffer.append(0x0A) }
        newLine()
    }

    /// A value that writes itself, at the top level (not in an open array or object).
    public func value(_ value: some JSONWritable) throws {
        try write(value)
        needsComma = true
    }

    /// An element of an open array: a value that writes itself, in this writer's layout.
    @inlinable
    public func element(_ value: some JSONWritable) throws {
        beginElement()
        try write(value)
        needsComma = true
    }

    /// Begins the member `key`: a comma after the one before, the key, a colon (in pretty text on a line of its
    /// own, and ` : `). Keys are plain names: no escapes.
    public func key(_ key: StaticString) {
        buffer.appendKey(key, comma: needsComma, pretty: isPretty, indent: 2 * depth)
        needsComma = false
    }

    @inlinable
    public func member(_ key: StaticString, _ value: (some JSONWritable)?) throws {
        guard let value else { return }
        self.key(key)
        try write(value)
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
        value.appendPlainText(to: &buffer)
        needsComma = true
    }

    /// An array member (written when empty too, as `encode(_:forKey:)` writes it).
    @inlinable
    public func member<Element: JSONWritable>(_ key: StaticString, _ values: [Element]) throws {
        self.key(key)
        try array(values) { try write($0) }
    }

    /// An instant, in the writer's date format.
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

    /// A time zone as its `encode(to:)` writes it: its identifier, and whether it is the autoupdating current zone.
    public func member(_ key: StaticString, _ zone: TimeZone) {
        self.key(key)
        object {
            if zone == TimeZone.autoupdatingCurrent { member("autoupdating", true) }
            member("identifier", zone.identifier)
        }
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

extension JSONWritable where Self: RawRepresentable, RawValue == String {
    /// A string enum or identifier, as its raw value (as their `encode(to:)` writes them).
    public func writeJSON(to writer: JSONByteWriter) { writer.string(rawValue) }
}
