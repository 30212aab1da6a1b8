/// Limits for hostile input. Real segments are short; anything past these is an attack or a wrong file.
public struct X12ReadOptions: Hashable, Sendable {
    /// Longest segment in bytes (the standard's longest element is 80,000 bytes of BIN in 5010 102 segments).
    public var maximumSegmentLength: Int
    /// How far to look for the 16 ISA element separators before calling the input "not an interchange".
    public var maximumISALength: Int

    public init(maximumSegmentLength: Int = 1 << 20, maximumISALength: Int = 256) {
        self.maximumSegmentLength = maximumSegmentLength
        self.maximumISALength = maximumISALength
    }
}
