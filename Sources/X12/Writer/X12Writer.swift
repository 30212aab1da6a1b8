/// Serializes interchanges with chosen delimiters. Counts (SE01, GE01, IEA01) and trailers are computed here, never
/// taken from the caller; control numbers come from the outgoing values (see `assignControlNumbers(from:)`).
public struct X12Writer: Sendable {
    public var delimiters: X12Delimiters
    /// Bytes written after each segment terminator (`[0x0A]` for LF, `[0x0D, 0x0A]` for CRLF, `[]` for one line).
    public var lineBreak: [UInt8]

    public init(delimiters: X12Delimiters = .standard, lineBreak: [UInt8] = [0x0A]) {
        self.delimiters = delimiters
        self.lineBreak = lineBreak
    }

    private static let isaWidths = [2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1]

    public func write(_ interchange: X12OutgoingInterchange) throws(X12Error) -> [UInt8] {
        var output: [UInt8] = []
        // ISA's 106 bytes, and rarely more than 40 a segment: one allocation for nearly every document.
        var segments = interchange.looseSegments.count + 1
        for group in interchange.groups {
            segments += 2
            for set in group.sets { segments += set.body.count + 2 }
        }
        let written = interchange.groups.reduce(0) { $0 + $1.sets.reduce(0) { $0 + ($1.written?.bytes.count ?? 0) } }
        output.reserveCapacity(128 + 40 * segments + written)
        try appendHeader(interchange.header, to: &output)
        for segment in interchange.looseSegments { try append(segment, to: &output) }
        for group in interchange.groups {
            let groupControl = group.controlNumber ?? ""
            try append(
                X12OutgoingSegment(
                    "GS", group.functionalID, group.senderCode, group.receiverCode, group.date, group.time,
                    groupControl,
                    group.agency, group.version), to: &output)
            for set in group.sets {
                let control = set.controlNumber ?? ""
                try append(X12OutgoingSegment("ST", set.id, control, set.implementationReference), to: &output)
                if let written = set.written {
                    precondition(
                        written.delimiters == delimiters && written.lineBreak == lineBreak,
                        "a set written for other delimiters or another line break")
                    output.append(contentsOf: written.bytes)
                }
                for segment in set.body { try append(segment, to: &output) }
                try append(X12OutgoingSegment("SE", String(set.bodyCount + 2), control), to: &output)
            }
            try append(X12OutgoingSegment("GE", String(group.sets.count), groupControl), to: &output)
        }
        try append(
            X12OutgoingSegment("IEA", String(interchange.groups.count), interchange.header.controlNumber), to: &output)
        return output
    }

    /// Writes ISA with `header`'s values (padded to their fixed widths) and this writer's delimiters: the first
    /// segment of an interchange that is written segment by segment (`append(_:to:)`), as a feed of a million items
    /// is, so that it never has to be held whole.
    public func appendHeader(_ header: ISAHeader, to output: inout [UInt8]) throws(X12Error) {
        guard delimiters.areDistinct else { throw X12Error(.notAnInterchange(.clashingDelimiters), at: 0) }
        // ISA11 is the repetition separator from 00402 on and `U` before it. A document read with `U` under 00402+
        // (seen in real files) writes back as it was; `X12ReplyFormat` keeps what we send from doing so.
        let repetition: String
        if let byte = delimiters.repetition, header.version >= "00402" {
            repetition = String(decoding: [byte], as: UTF8.self)
        } else {
            repetition = "U"
        }
        output.append(contentsOf: "ISA".utf8)
        try appendISAElement(header.authorizationQualifier, position: 1, to: &output)
        try appendISAElement(header.authorization, position: 2, to: &output)
        try appendISAElement(header.securityQualifier, position: 3, to: &output)
        try appendISAElement(header.security, position: 4, to: &output)
        try appendISAElement(header.senderQualifier, position: 5, to: &output)
        try appendISAElement(header.senderID, position: 6, to: &output)
        try appendISAElement(header.receiverQualifier, position: 7, to: &output)
        try appendISAElement(header.receiverID, position: 8, to: &output)
        try appendISAElement(header.date, position: 9, to: &output)
        try appendISAElement(header.time, position: 10, to: &output)
        try appendISAElement(repetition, position: 11, to: &output)
        try appendISAElement(header.version, position: 12, to: &output)
        try appendISAElement(header.controlNumber, position: 13, to: &output)
        try appendISAElement(header.acknowledgmentRequested, position: 14, to: &output)
        try appendISAElement(header.usage, position: 15, to: &output)
        output.append(delimiters.element)
        output.append(delimiters.component)
        endSegment(&output)
    }

    /// One ISA element after its separator, padded with spaces to its width; ISA11 may be the repetition separator.
    private func appendISAElement(_ value: String, position: Int, to output: inout [UInt8]) throws(X12Error) {
        let width = Self.isaWidths[position - 1]
        let count = value.utf8.count
        guard count <= width else {
            throw X12Error(
                .isaElement(position: position, reason: "is longer than \(width) characters"), at: output.count)
        }
        if position == 11, let repetition = delimiters.repetition, value.utf8.elementsEqual(CollectionOfOne(repetition))
        {
            output.append(delimiters.element)
            output.append(repetition)
        } else {
            let offset = output.count
            output.append(delimiters.element)
            guard appendClean(value, to: &output) else {
                output.removeLast()
                throw X12Error(.invalidCharacter, at: offset)
            }
        }
        output.append(contentsOf: repeatElement(0x20, count: width - count))
    }

    private func endSegment(_ output: inout [UInt8]) {
        output.append(delimiters.segment)
        if delimiters.segment != 0x0A { output.append(contentsOf: lineBreak) }
    }

    /// Appends one segment, its trailing empty elements dropped, refusing a value that holds a delimiter. The
    /// values' UTF-8 is checked and copied where it lies: no array per value, which an ASN of 30 segments paid for
    /// a hundred times.
    public func append(_ segment: X12OutgoingSegment, to output: inout [UInt8]) throws(X12Error) {
        try appendChecked(segment.id, to: &output)
        switch segment.values {
        case .simple(let values):
            var count = values.count
            while count > 0, values[count - 1]?.isEmpty ?? true { count -= 1 }
            for index in 0..<count {
                output.append(delimiters.element)
                if let value = values[index] { try appendChecked(value, to: &output) }
            }
        case .nested(let elements):
            var elementCount = elements.count
            while elementCount > 0, elements[elementCount - 1].allSatisfy({ $0.allSatisfy(\.isEmpty) }) {
                elementCount -= 1
            }
            for element in elements[..<elementCount] {
                output.append(delimiters.element)
                var repetitionCount = element.count
                while repetitionCount > 1, element[repetitionCount - 1].allSatisfy(\.isEmpty) { repetitionCount -= 1 }
                if repetitionCount > 1, delimiters.repetition == nil {
                    throw X12Error(.tooManyRepetitions, at: output.count)
                }
                for repetitionIndex in 0..<repetitionCount {
                    if repetitionIndex > 0, let separator = delimiters.repetition { output.append(separator) }
                    let components = element[repetitionIndex]
                    var componentCount = components.count
                    while componentCount > 1, components[componentCount - 1].isEmpty { componentCount -= 1 }
                    for componentIndex in 0..<componentCount {
                        if componentIndex > 0 { output.append(delimiters.component) }
                        try appendChecked(components[componentIndex], to: &output)
                    }
                }
            }
        }
        endSegment(&output)
    }

    /// Appends `text`'s UTF-8, or throws where it would start when it holds a delimiter: data may not (X12 has no
    /// escape).
    private func appendChecked(_ text: String, to output: inout [UInt8]) throws(X12Error) {
        guard appendClean(text, to: &output) else { throw X12Error(.invalidCharacter, at: output.count) }
    }

    /// Appends `text`'s UTF-8 when it holds no delimiter; false, with nothing appended, when it does. The bytes are
    /// read where they lie (a short string's copied to the stack), with no array per value.
    private func appendClean(_ text: String, to output: inout [UInt8]) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            let start = output.count
            for byte in bytes {
                guard !delimiters.isDelimiter(byte) else {
                    output.removeSubrange(start...)
                    return false
                }
                output.append(byte)
            }
            return true
        }
    }
}

extension X12Document {
    /// The interchange as outgoing values, control numbers kept: what a round trip writes back.
    public func outgoing(interchange index: Int) -> X12OutgoingInterchange {
        let interchange = interchanges[index]
        var groups: [X12OutgoingGroup] = []
        for group in interchange.groups {
            let sets = group.sets.map { set in
                let bodyIndices = (set.segments.lowerBound + 1)..<(set.trailerIndex ?? set.segments.upperBound)
                return X12OutgoingSet(
                    id: set.id, controlNumber: set.controlNumber, implementationReference: set.implementationReference,
                    body: bodyIndices.map { X12OutgoingSegment(segment($0)) })
            }
            groups.append(
                X12OutgoingGroup(
                    functionalID: group.functionalID, senderCode: group.senderCode, receiverCode: group.receiverCode,
                    date: group.date, time: group.time, controlNumber: group.controlNumber, agency: group.agency,
                    version: group.version.rawValue, sets: sets))
        }
        return X12OutgoingInterchange(
            header: interchange.header,
            looseSegments: interchange.looseSegments.map { X12OutgoingSegment(segment($0)) },
            groups: groups)
    }
}
