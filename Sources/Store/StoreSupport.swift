public import Foundation
public import Orders

/// A cheap fingerprint of a document's bytes (64-bit FNV-1a and the length) that narrows the search for the same
/// bytes received before; the bytes themselves decide.
struct StoreFingerprint {
    let text: String

    init(_ bytes: [UInt8]) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        text = String(hash, radix: 16) + "-" + String(bytes.count)
    }
}

/// JSON as the store keeps it: compact, keys in the order the value writes them, so that the same value is the same
/// text in any process; instants as seconds since 1970.
enum StoreJSON {
    static func encode(_ value: some Encodable, operation: String) throws(StoreError) -> String {
        do {
            return String(decoding: try CompactJSONEncoder(dates: .secondsSince1970).encode(value), as: UTF8.self)
        } catch {
            throw StoreError(operation, underlying: error)
        }
    }

    /// Each order's JSON, in order, encoded on as many tasks as there are cores (the largest part of a batch's
    /// work outside the database).
    static func encodeOrders(_ orders: [PurchaseOrder]) async throws(StoreError) -> [String] {
        let lanes = max(1, min(ProcessInfo.processInfo.activeProcessorCount, orders.count / 16))
        let size = (orders.count + lanes - 1) / lanes
        let parts = await withTaskGroup(of: (Int, Result<[String], StoreError>).self) { group in
            for lane in 0..<lanes {
                let slice = Array(orders[min(lane * size, orders.count)..<min((lane + 1) * size, orders.count)])
                group.addTask {
                    do throws(StoreError) {
                        return (
                            lane,
                            .success(
                                try slice.map { order throws(StoreError) in
                                    try encode(order, operation: "encode order")
                                })
                        )
                    } catch {
                        return (lane, .failure(error))
                    }
                }
            }
            var parts = Array(repeating: Result<[String], StoreError>.success([]), count: lanes)
            for await (lane, part) in group { parts[lane] = part }
            return parts
        }
        var result: [String] = []
        for part in parts { result += try part.get() }
        return result
    }
}

extension Date {
    /// The instant as both stores keep it, seconds since 1970 in a `Double`: a `Date` holds seconds since 2001, and
    /// the conversion can round, so a row a write returns would differ by a few ulps from the same row read back.
    var asStored: Date { Date(timeIntervalSince1970: timeIntervalSince1970) }
}
