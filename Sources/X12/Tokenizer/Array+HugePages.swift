#if canImport(Glibc)
    import Glibc
#endif

extension Array {
    /// Asks the kernel to back the array's reserved storage with 2 MB pages (`madvise(MADV_HUGEPAGE)`, which
    /// Linux's default transparent-huge-page setting waits for) when it is at least 4 MB: filling a large array
    /// then takes one page fault per 2 MB instead of one per 4 KB. Call it right after `reserveCapacity`, before
    /// the storage is written; it changes no element. A hint only: elsewhere than Linux, or when the kernel declines,
    /// nothing happens.
    package mutating func adviseHugePages() {
        #if canImport(Glibc)
            let hugePage = 2 << 20
            let byteCount = capacity * MemoryLayout<Element>.stride
            guard byteCount >= 2 * hugePage else { return }
            withUnsafeMutableBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                // Only the whole huge pages inside the storage.
                let start = (Int(bitPattern: base) + hugePage - 1) & ~(hugePage - 1)
                let end = (Int(bitPattern: base) + byteCount) & ~(hugePage - 1)
                guard end > start, let pointer = UnsafeMutableRawPointer(bitPattern: start) else { return }
                _ = madvise(pointer, end - start, MADV_HUGEPAGE)
            }
        #endif
    }
}
