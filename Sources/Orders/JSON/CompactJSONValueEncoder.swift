/// The `Encoder` one value of a `CompactJSONEncoder` run writes itself through. It opens its object or array on the
/// first container asked for and closes it in `close()`; a nested container (or super encoder) is a child encoder,
/// closed before its parent writes its next element, so nothing is held but the bytes.
final class CompactJSONValueEncoder: Encoder {
    let writer: JSONByteWriter
    /// The encoder this value is an element of, and its key there: the coding path, worked out only when asked.
    let parent: CompactJSONValueEncoder?
    let key: (any CodingKey)?
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    private enum State {
        case empty, object, array, single
    }
    private var state = State.empty
    /// Elements written so far (keys of an object, items of an array).
    fileprivate(set) var count = 0
    /// A nested container or super encoder still open.
    private var child: CompactJSONValueEncoder?

    init(writer: JSONByteWriter, parent: CompactJSONValueEncoder?, key: (any CodingKey)?) {
        self.writer = writer
        self.parent = parent
        self.key = key
    }

    var codingPath: [any CodingKey] { Self.path(parent, key) }

    /// The coding path of element `key` of `parent`.
    static func path(_ parent: CompactJSONValueEncoder?, _ key: (any CodingKey)?) -> [any CodingKey] {
        var path: [any CodingKey] = key.map { [$0] } ?? []
        var encoder = parent
        while let current = encoder {
            if let key = current.key { path.append(key) }
            encoder = current.parent
        }
        return path.reversed()
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if state == .empty {
            writer.buffer.append(UInt8(ascii: "{"))
            state = .object
        }
        return KeyedEncodingContainer(CompactJSONKeyedContainer<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if state == .empty {
            writer.buffer.append(UInt8(ascii: "["))
            state = .array
        }
        return CompactJSONUnkeyedContainer(encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        CompactJSONSingleValueContainer(encoder: self)
    }

    /// Ends the value: closes its object or array (an encoder that wrote nothing is an empty object, as with
    /// `JSONEncoder`).
    func close() {
        closeChild()
        switch state {
        case .empty: writer.buffer.append("{}" as StaticString)
        case .object: writer.buffer.append(UInt8(ascii: "}"))
        case .array: writer.buffer.append(UInt8(ascii: "]"))
        case .single: break
        }
    }

    /// Starts an object's next member: its key and the colon.
    func beginMember(_ key: String) {
        beginElement()
        writer.write(key)
        writer.buffer.append(UInt8(ascii: ":"))
    }

    /// Starts an array's next item (or an object's next member, before its key).
    func beginElement() {
        closeChild()
        if count > 0 { writer.buffer.append(UInt8(ascii: ",")) }
        count += 1
    }

    /// Marks a single value as written.
    func beginSingleValue() {
        state = .single
    }

    /// An encoder for an element that is a container of its own, open until this encoder's next element.
    func openChild(key: any CodingKey) -> CompactJSONValueEncoder {
        let encoder = CompactJSONValueEncoder(writer: writer, parent: self, key: key)
        child = encoder
        return encoder
    }

    /// Writes `value` as the element just begun.
    func write<T: Encodable>(_ value: T, key: any CodingKey) throws {
        try writer.write(value, parent: self, key: key)
    }

    private func closeChild() {
        if let child {
            child.close()
            self.child = nil
        }
    }
}

/// An index in an array, as a coding key.
struct CompactJSONIndex: CodingKey {
    let intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }

    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}

struct CompactJSONKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: CompactJSONValueEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil(forKey key: Key) throws {
        encoder.beginMember(key.stringValue)
        encoder.writer.writeNull()
    }

    mutating func encode(_ value: Bool, forKey key: Key) throws {
        encoder.beginMember(key.stringValue)
        encoder.writer.write(value)
    }

    mutating func encode(_ value: String, forKey key: Key) throws {
        encoder.beginMember(key.stringValue)
        encoder.writer.write(value)
    }

    mutating func encode(_ value: Double, forKey key: Key) throws {
        encoder.beginMember(key.stringValue)
        try encoder.writer.write(value, codingPath: codingPath + [key])
    }

    mutating func encode(_ value: Float, forKey key: Key) throws {
        encoder.beginMember(key.stringValue)
        try encoder.writer.write(value, codingPath: codingPath + [key])
    }

    mutating func encode(_ value: Int, forKey key: Key) throws {
        encoder.beginMember(key.stringValue)
        encoder.writer.write(value)
    }

    mutating func encode(_ value: Int64, forKey key: Key) throws {
        encoder.beginMember(key.stringValue)
        encoder.writer.write(value)
    }

    mutating func encode(_ value: UInt64, forKey key: Key) throws {
        encoder.beginMember(key.stringValue)
        encoder.writer.write(value)
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        encoder.beginMember(key.stringValue)
        try encoder.write(value, key: key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        encoder.beginMember(key.stringValue)
        return encoder.openChild(key: key).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        encoder.beginMember(key.stringValue)
        return encoder.openChild(key: key).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        encoder.beginMember("super")
        return encoder.openChild(key: CompactJSONSuperKey())
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        encoder.beginMember(key.stringValue)
        return encoder.openChild(key: key)
    }
}

/// The key `superEncoder()` writes under.
struct CompactJSONSuperKey: CodingKey {
    var stringValue: String { "super" }
    var intValue: Int? { nil }
    init() {}
    init?(stringValue: String) { nil }
    init?(intValue: Int) { nil }
}

struct CompactJSONUnkeyedContainer: UnkeyedEncodingContainer {
    let encoder: CompactJSONValueEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }
    var count: Int { encoder.count }

    mutating func encodeNil() throws {
        encoder.beginElement()
        encoder.writer.writeNull()
    }

    mutating func encode(_ value: Bool) throws {
        encoder.beginElement()
        encoder.writer.write(value)
    }

    mutating func encode(_ value: String) throws {
        encoder.beginElement()
        encoder.writer.write(value)
    }

    mutating func encode(_ value: Double) throws {
        let index = CompactJSONIndex(count)
        encoder.beginElement()
        try encoder.writer.write(value, codingPath: codingPath + [index])
    }

    mutating func encode(_ value: Int) throws {
        encoder.beginElement()
        encoder.writer.write(value)
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let index = CompactJSONIndex(count)
        encoder.beginElement()
        try encoder.write(value, key: index)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        let index = CompactJSONIndex(count)
        encoder.beginElement()
        return encoder.openChild(key: index).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let index = CompactJSONIndex(count)
        encoder.beginElement()
        return encoder.openChild(key: index).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        let index = CompactJSONIndex(count)
        encoder.beginElement()
        return encoder.openChild(key: index)
    }
}

struct CompactJSONSingleValueContainer: SingleValueEncodingContainer {
    let encoder: CompactJSONValueEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil() throws {
        encoder.beginSingleValue()
        encoder.writer.writeNull()
    }

    mutating func encode(_ value: Bool) throws {
        encoder.beginSingleValue()
        encoder.writer.write(value)
    }

    mutating func encode(_ value: String) throws {
        encoder.beginSingleValue()
        encoder.writer.write(value)
    }

    mutating func encode(_ value: Double) throws {
        encoder.beginSingleValue()
        try encoder.writer.write(value, codingPath: codingPath)
    }

    mutating func encode(_ value: Int) throws {
        encoder.beginSingleValue()
        encoder.writer.write(value)
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        encoder.beginSingleValue()
        // The same value, one level down in the text but not in the coding path (as `JSONEncoder` does).
        try encoder.writer.write(value, parent: encoder.parent, key: encoder.key)
    }
}
