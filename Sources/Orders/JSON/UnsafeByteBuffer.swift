/// Bytes appended a few at a time (a bracket, a key, a number) into memory this buffer allocates, grows by doubling
/// and frees: the text `JSONByteWriter` writes. `[UInt8].append` checks the array's uniqueness and capacity through
/// generic code on every call, and copying a short run went through the general sequence path; with the JSON of
/// every printed order written a few bytes at a time, that was a fifth of `dropgate x12 po`. Unsafe inside only:
/// no pointer leaves it except for the length of a `withBytes` call, and it cannot be copied.
struct UnsafeByteBuffer: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    var isEmpty: Bool { count == 0 }

    /// Room for `extra` more bytes.
    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    private mutating func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    mutating func append(contentsOf bytes: UnsafeRawBufferPointer) {
        append(contentsOf: bytes.assumingMemoryBound(to: UInt8.self))
    }

    mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { append(contentsOf: $0) }
    }

    /// Any other run of bytes (a `description`'s UTF-8, a few literal bytes).
    mutating func append(contentsOf bytes: some Sequence<UInt8>) {
        let copied: Void? = bytes.withContiguousStorageIfAvailable { append(contentsOf: $0) }
        if copied == nil { for byte in bytes { append(byte) } }
    }

    mutating func append(repeating byte: UInt8, count extra: Int) {
        guard extra > 0 else { return }
        reserve(extra)
        (base + count).initialize(repeating: byte, count: extra)
        count += extra
    }

    /// A JSON member's start, with one check for room: `,` when `comma`; when `pretty`, a line break and `indent`
    /// spaces; then `"key"` and the colon (` : ` when `pretty`). Keys are plain names: no escapes.
    mutating func appendKey(_ key: StaticString, comma: Bool, pretty: Bool, indent: Int) {
        guard key.hasPointerRepresentation else {
            if comma { append(UInt8(ascii: ",")) }
            if pretty {
                append(0x0A)
                append(repeating: UInt8(ascii: " "), count: indent)
            }
            append(UInt8(ascii: "\""))
            append(key)
            if pretty { append("\" : " as StaticString) } else { append("\":" as StaticString) }
            return
        }
        let length = key.utf8CodeUnitCount
        reserve(length + indent + 7)
        var at = base + count
        if comma {
            at.initialize(to: UInt8(ascii: ","))
            at += 1
        }
        if pretty {
            at.initialize(to: 0x0A)
            (at + 1).initialize(repeating: UInt8(ascii: " "), count: indent)
            at += 1 + indent
        }
        at.initialize(to: UInt8(ascii: "\""))
        (at + 1).update(from: key.utf8Start, count: length)
        at += 1 + length
        at.initialize(to: UInt8(ascii: "\""))
        if pretty {
            (at + 1).initialize(to: UInt8(ascii: " "))
            (at + 2).initialize(to: UInt8(ascii: ":"))
            (at + 3).initialize(to: UInt8(ascii: " "))
            at += 4
        } else {
            (at + 1).initialize(to: UInt8(ascii: ":"))
            at += 2
        }
        count = at - base
    }

    /// `bytes` between double quotes, with one check for room (the caller checked they need no escape).
    mutating func appendQuoted(_ bytes: UnsafeBufferPointer<UInt8>) {
        reserve(bytes.count + 2)
        let at = base + count
        at.initialize(to: UInt8(ascii: "\""))
        if let source = bytes.baseAddress { (at + 1).update(from: source, count: bytes.count) }
        (at + 1 + bytes.count).initialize(to: UInt8(ascii: "\""))
        count += bytes.count + 2
    }

    /// Reverses the bytes from `start` to the end (digits written least significant first).
    mutating func reverse(from start: Int) {
        var digits = UnsafeMutableBufferPointer(start: base + start, count: count - start)
        digits.reverse()
    }

    /// Empties it, keeping the memory.
    mutating func removeAll() { count = 0 }

    /// A copy of the bytes.
    var array: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// `body` with the bytes, valid only during the call.
    func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try body(UnsafeBufferPointer(start: base, count: count))
    }
}
