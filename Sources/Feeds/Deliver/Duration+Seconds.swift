import Foundation

extension Duration {
    /// In seconds, with the fraction.
    var inSeconds: Double {
        let (whole, attoseconds) = components
        return Double(whole) + Double(attoseconds) / 1e18
    }

    var timeInterval: TimeInterval { inSeconds }

    /// From `now` until `instant`, never negative.
    static func wait(until instant: Date, from now: Date) -> Duration {
        .milliseconds(Int64((max(0, instant.timeIntervalSince(now)) * 1000).rounded(.up)))
    }
}
