public import Foundation

extension Decimal {
    /// `description`, byte for byte (plain notation: `12.5`, `0.05`, `300`, `-2`), written from the significand's
    /// 64-bit integer when it fits one, as every quantity, price and weight we send does. Foundation writes it a
    /// digit at a time by long division over eight words, into arrays it then reverses: it cost an 855 a third of
    /// its time.
    ///
    /// The significand is read from the value's bytes (unsafe: a layout Foundation does not promise, so it differs
    /// between platforms), then checked against the public `exponent`, `sign` and `significand`: a value read
    /// wrong, or one of more than 64 bits, is written by `description` itself.
    public var plainText: String {
        var bytes: [UInt8] = []
        appendPlainText(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `plainText`'s bytes, appended to `bytes`: a number written straight into a document.
    package func writePlainText(into bytes: inout [UInt8]) {
        appendPlainText(to: &bytes)
    }

    /// `plainText`'s bytes, appended to `sink`.
    func appendPlainText<Sink: ByteSink & ~Copyable>(to sink: inout Sink) {
        let (word, significand) = withUnsafeBytes(of: self) { raw -> (UInt32, UInt64?) in
            guard raw.count >= 12 else { return (0, nil) }
            let word = raw.loadUnaligned(as: UInt32.self)
            // swift-foundation's layout: the exponent's byte, then the length in the next byte's high nibble.
            let length = Int(word >> 12 & 0xF)
            guard length <= 4 else { return (word, nil) }
            var value: UInt64 = 0
            for index in 0..<length {
                value |= UInt64(raw.loadUnaligned(fromByteOffset: 4 + 2 * index, as: UInt16.self)) << (16 * index)
            }
            return (word, value)
        }
        let exponent = Int(Int8(truncatingIfNeeded: word))
        guard let significand, !isNaN, exponent == self.exponent, (word >> 11 & 1 == 1) == (sign == .minus),
            Decimal(significand) == self.significand
        else {
            for byte in description.utf8 { sink.append(byte) }
            return
        }
        if significand == 0 {
            sink.append(UInt8(ascii: "0"))
            return
        }
        if sign == .minus { sink.append(UInt8(ascii: "-")) }
        // The significand's digits, most significant first: `power` is the place of the first.
        var count = 1
        var power: UInt64 = 1
        while significand / power >= 10 {
            power *= 10
            count += 1
        }
        let fraction = -exponent
        var point = -1
        if exponent < 0 {
            if count > fraction {
                point = count - fraction
            } else {
                sink.append(UInt8(ascii: "0"))
                sink.append(UInt8(ascii: "."))
                sink.append(repeating: UInt8(ascii: "0"), count: fraction - count)
            }
        }
        var value = significand
        for index in 0..<count {
            if index == point { sink.append(UInt8(ascii: ".")) }
            sink.append(UInt8(ascii: "0") + UInt8(value / power))
            value %= power
            power /= 10
        }
        if exponent > 0 { sink.append(repeating: UInt8(ascii: "0"), count: exponent) }
    }
}

/// Where text is written a byte at a time: an array, or a writer's buffer.
protocol ByteSink: ~Copyable {
    mutating func append(_ byte: UInt8)
    mutating func append(repeating byte: UInt8, count: Int)
}

extension Array: ByteSink where Element == UInt8 {
    mutating func append(repeating byte: UInt8, count: Int) {
        append(contentsOf: repeatElement(byte, count: count))
    }
}

extension UnsafeByteBuffer: ByteSink {}
