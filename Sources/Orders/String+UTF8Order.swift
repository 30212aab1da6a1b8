public import Foundation

extension String {
    /// Whether `self` sorts before `other` byte by byte in UTF-8: the order of SQL's `BINARY` collation and of
    /// `sort` under `LC_ALL=C`, the same on every machine and locale (a feed sorted by it is byte-identical
    /// wherever it is made). One `memcmp`, not a walk of two UTF-8 views.
    public func precedesInUTF8(_ other: String) -> Bool {
        var left = self
        var right = other
        return left.withUTF8 { left in
            right.withUTF8 { right in
                let common = Swift.min(left.count, right.count)
                if common > 0, let a = left.baseAddress, let b = right.baseAddress {
                    let order = memcmp(a, b, common)
                    if order != 0 { return order < 0 }
                }
                return left.count < right.count
            }
        }
    }
}
