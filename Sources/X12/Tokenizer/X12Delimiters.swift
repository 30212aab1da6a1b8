/// The four separators an interchange declares in its ISA. They are bytes, never characters: real files use
/// control bytes (0x15, 0x1C, 0x7F) as often as `*` and `~`.
public struct X12Delimiters: Hashable, Sendable, Codable {
    /// ISA byte 4.
    public var element: UInt8
    /// ISA16.
    public var component: UInt8
    /// The byte right after ISA16.
    public var segment: UInt8
    /// ISA11 from version 00402 on, unless it is `U` (then nil: no repetition).
    public var repetition: UInt8?

    public init(element: UInt8, component: UInt8, segment: UInt8, repetition: UInt8? = nil) {
        self.element = element
        self.component = component
        self.segment = segment
        self.repetition = repetition
    }

    /// `*` `:` `~` with `^` for repetition: the common 005010 choice.
    public static let standard = X12Delimiters(
        element: UInt8(ascii: "*"), component: UInt8(ascii: ":"), segment: UInt8(ascii: "~"),
        repetition: UInt8(ascii: "^"))

    /// True when no two separators share a byte and none is a letter or digit (which would split data).
    public var areDistinct: Bool {
        // Asked once for every interchange written: compared in place, with no collection made.
        guard element != component, element != segment, component != segment else { return false }
        if let repetition, repetition == element || repetition == component || repetition == segment {
            return false
        }
        return !Self.isAlphanumeric(element) && !Self.isAlphanumeric(component) && !Self.isAlphanumeric(segment)
            && !(repetition.map(Self.isAlphanumeric) ?? false)
    }

    /// Whether `byte` is one of the separators, which data may not hold (X12 has no escape).
    func isDelimiter(_ byte: UInt8) -> Bool {
        byte == element || byte == component || byte == segment || byte == repetition
    }

    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }
}
