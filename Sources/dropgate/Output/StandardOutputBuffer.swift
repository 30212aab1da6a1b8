import Foundation

/// What a command prints on standard output, gathered into one write per 64 KB instead of one per record. On a
/// terminal every `flushIfFull()` writes, so that records show as they are made and keep their order with the
/// diagnostics on standard error.
struct StandardOutputBuffer {
    private(set) var pending: [UInt8] = []
    static let size = 1 << 16
    static let isTerminal = isatty(STDOUT_FILENO) == 1

    init() {
        pending.reserveCapacity(Self.size * 2)
    }

    mutating func append(_ text: String) {
        pending.append(contentsOf: text.utf8)
    }

    /// Writes what is pending once it holds a buffer's worth (at once on a terminal).
    mutating func flushIfFull() {
        if pending.count >= Self.size || Self.isTerminal { flush() }
    }

    mutating func flush() {
        guard !pending.isEmpty else { return }
        Self.write(pending)
        pending.removeAll(keepingCapacity: true)
    }

    static func write(_ bytes: [UInt8]) {
        FileHandle.standardOutput.write(Data(bytes))
    }

    static func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        FileHandle.standardOutput.write(Data(buffer: bytes))
    }
}
