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
        output.reserveCapacity(256)
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
                try append(
                    X12OutgoingSegment(
                        "ST", simpleElements: [set.id, control] + (set.implementationReference.map { [$0] } ?? [])),
                    to: &output)
                for segment in set.body { try append(segment, to: &output) }
                try append(X12OutgoingSegment("SE", String(set.body.count + 2), control), to: &output)
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
        let isaValues = [
            header.authorizationQualifier, header.authorization, header.securityQualifier, header.security,
            header.senderQualifier, header.senderID, header.receiverQualifier, header.receiverID, header.date,
            header.time, repetition, header.version, header.controlNumber, header.acknowledgmentRequested,
            header.usage,
        ]
        output.append(contentsOf: Array("ISA".utf8))
        for (offset, value) in isaValues.enumerated() {
            var bytes = Array(value.utf8)
            let width = Self.isaWidths[offset]
            guard bytes.count <= width else {
                throw X12Error(
                    .isaElement(position: offset + 1, reason: "is longer than \(width) characters"), at: output.count)
            }
            try check(bytes, at: output.count, allowing: offset == 10 ? [delimiters.repetition ?? 0] : [])
            bytes += Array(repeating: 0x20, count: width - bytes.count)
            output.append(delimiters.element)
            output.append(contentsOf: bytes)
        }
        output.append(delimiters.element)
        output.append(delimiters.component)
        endSegment(&output)
    }

    private func endSegment(_ output: inout [UInt8]) {
        output.append(delimiters.segment)
        if delimiters.segment != 0x0A { output.append(contentsOf: lineBreak) }
    }

    /// Appends one segment, its trailing empty elements dropped, refusing a value that holds a delimiter. The
    /// values' UTF-8 is checked and copied where it lies: no array per value, which an ASN of 30 segments paid for
    /// a hundred times.
    public func append(_ segment: X12OutgoingSegment, to output: inout [UInt8]) throws(X12Error) {
        try check(segment.id.utf8, at: output.count, allowing: [])
        output.append(contentsOf: segment.id.utf8)
        let elements = segment.elements
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
                    let component = components[componentIndex]
                    try check(component.utf8, at: output.count, allowing: [])
                    output.append(contentsOf: component.utf8)
                }
            }
        }
        endSegment(&output)
    }

    /// Data may not contain a delimiter: X12 has no escape.
    private func check(_ bytes: some Sequence<UInt8>, at offset: Int, allowing allowed: [UInt8]) throws(X12Error) {
        for byte in bytes where !allowed.contains(byte) {
            if byte == delimiters.element || byte == delimiters.component || byte == delimiters.segment
                || byte == delimiters.repetition
            {
                throw X12Error(.invalidCharacter, at: offset)
            }
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
