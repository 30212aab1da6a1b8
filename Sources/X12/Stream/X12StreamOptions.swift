/// How a stream reads: chunk size, and the limits that keep memory bounded on hostile input.
public struct X12StreamOptions: Hashable, Sendable {
    /// Segment and ISA limits, as for a whole document.
    public var read: X12ReadOptions
    /// Bytes asked of the source at a time.
    public var chunkSize: Int
    /// Longest transaction set in bytes, ST through SE: the reader holds one set at a time, so this (plus a chunk)
    /// bounds its memory. A longer set ends the read with `limitExceeded`.
    public var maximumSetLength: Int
    /// Keep every set's envelope values (ID, control numbers) in the interchange handed out when it ends, as an
    /// acknowledgement needs: a few dozen bytes a set. Off, the interchange carries its groups only.
    public var keepsSetOutline: Bool

    public init(
        read: X12ReadOptions = X12ReadOptions(), chunkSize: Int = 1 << 16, maximumSetLength: Int = 32 << 20,
        keepsSetOutline: Bool = false
    ) {
        self.read = read
        self.chunkSize = max(1, chunkSize)
        self.maximumSetLength = maximumSetLength
        self.keepsSetOutline = keepsSetOutline
    }
}
