/// Builds TA1, 997 and 999 answers for a received document. The answer goes back in the inbound GS08 version with
/// sender and receiver swapped from the inbound ISA/GS, never from fixed values.
public struct X12Acknowledgement: Sendable {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case functional997 = "997"
        case implementation999 = "999"
    }

    /// When the answer is made: ISA09/ISA10 and GS04/GS05 (the caller reads the clock, not this type).
    public struct Timestamp: Hashable, Sendable {
        /// CCYYMMDD.
        public var date: String
        /// HHMM.
        public var time: String

        public init(date: String, time: String) {
            self.date = date
            self.time = time
        }
    }

    /// The received interchanges, by file-wide index: every one of a document, or the one a stream just read.
    public let interchanges: [Int: X12Interchange]
    public let report: X12ValidationReport
    public let timestamp: Timestamp

    public init(document: X12Document, report: X12ValidationReport, timestamp: Timestamp) {
        var interchanges: [Int: X12Interchange] = [:]
        for (index, interchange) in document.interchanges.enumerated() { interchanges[index] = interchange }
        self.interchanges = interchanges
        self.report = report
        self.timestamp = timestamp
    }

    /// Answers one interchange read from a stream (`X12StreamReader` with `keepsSetOutline`): `report` holds its
    /// errors, as `X12StreamValidation.report(interchange:)` gives them.
    public init(interchange: X12StreamInterchange, report: X12ValidationReport, timestamp: Timestamp) {
        self.interchanges = [interchange.index: interchange.interchange]
        self.report = report
        self.timestamp = timestamp
    }

    /// A TA1 for the interchange when it has interchange-level errors or ISA14 asks for one; nil otherwise.
    /// TA104 is R on any error (the interchange was not processed), A otherwise.
    public func ta1(interchange index: Int) -> X12OutgoingSegment? {
        guard let interchange = interchanges[index] else { return nil }
        let found = report.errors(interchange: index)
        guard !found.isEmpty || interchange.header.acknowledgmentRequested == "1" else { return nil }
        let header = interchange.header
        let code = found.first?.ta1Code ?? "000"
        return X12OutgoingSegment(
            "TA1", header.controlNumber, header.date, header.time, found.isEmpty ? "A" : "R", code)
    }

    /// The answering interchange for `index`: a TA1 alone when the interchange is rejected, otherwise one 997 or
    /// 999 per received group (preceded by a TA1 when ISA14 asked for one). Control numbers are left empty for
    /// `assignControlNumbers(from:)`.
    ///
    /// Each group is answered in its own GS08 release, as the 997/999 conventions say, unless `version` pins one
    /// (a partner that wants every reply in 004010); ISA12 follows the first group's answer (the inbound ISA12 for a
    /// TA1 alone). A 999 is always 005010X231A1.
    ///
    /// `skippingAcknowledgements` leaves out the groups that are themselves acknowledgements (GS01 `FA`: 997s and
    /// 999s), which X12 never acknowledges: an interchange of them alone is then answered by nothing but the TA1
    /// its envelope calls for, if any (`answersNothing`).
    public func reply(
        to index: Int, kind: Kind, version: X12Version? = nil, skippingAcknowledgements: Bool = false
    ) -> X12OutgoingInterchange {
        let interchange = interchanges[index] ?? Self.unknownInterchange
        let inbound = interchange.header
        let groups = interchange.groups.enumerated().compactMap { groupIndex, group -> X12OutgoingGroup? in
            if skippingAcknowledgements && group.functionalID == Self.acknowledgementFunctionalID { return nil }
            return self.group(answering: group, at: groupIndex, interchange: index, kind: kind, version: version)
        }
        let interchangeVersion =
            groups.first.flatMap { X12Version($0.version).interchangeVersion }
            ?? version?.interchangeVersion ?? inbound.version
        let header = ISAHeader(
            senderQualifier: inbound.receiverQualifier, senderID: inbound.receiverID,
            receiverQualifier: inbound.senderQualifier, receiverID: inbound.senderID,
            date: String(timestamp.date.suffix(6)), time: timestamp.time, version: interchangeVersion,
            controlNumber: "", acknowledgmentRequested: "0", usage: inbound.usage)
        let ta1 = ta1(interchange: index)
        if report.status(interchange: index) == .rejected {
            return X12OutgoingInterchange(header: header, looseSegments: ta1.map { [$0] } ?? [], groups: [])
        }
        return X12OutgoingInterchange(header: header, looseSegments: ta1.map { [$0] } ?? [], groups: groups)
    }

    /// GS01 of a group of 997s or 999s.
    public static let acknowledgementFunctionalID = "FA"

    /// What `reply(to:kind:)` answers for an index it was not given: an interchange with no groups.
    private static let unknownInterchange = X12Interchange(
        delimiters: .standard,
        header: ISAHeader(
            senderQualifier: "", senderID: "", receiverQualifier: "", receiverID: "", date: "", time: "",
            controlNumber: ""),
        groups: [], segments: 0..<0, trailerIndex: nil, looseSegments: [], byteRange: 0..<0)

    private func group(
        answering group: X12FunctionalGroup, at groupIndex: Int, interchange: Int, kind: Kind,
        version pinned: X12Version?
    ) -> X12OutgoingGroup {
        let version = kind == .implementation999 ? X12Version("005010X231A1") : pinned ?? group.version
        let is5010 = version.isAtLeast5010
        var body: [X12OutgoingSegment] = []
        body.append(
            X12OutgoingSegment(
                "AK1",
                simpleElements: [group.functionalID, group.controlNumber] + (is5010 ? [group.version.rawValue] : [])))
        var accepted = 0
        for (setIndex, set) in group.sets.enumerated() {
            body.append(
                X12OutgoingSegment(
                    "AK2", simpleElements: [set.id, set.controlNumber] + (is5010 ? [set.implementationReference] : [])))
            let found = report.errors(interchange: interchange, group: groupIndex, set: setIndex)
            body += detail(for: found, kind: kind)
            let status = report.status(interchange: interchange, group: groupIndex, set: setIndex)
            if status != .rejected { accepted += 1 }
            var codes: [String] = []
            for error in found where error.level == .set {
                if let code = kind == .functional997 ? error.setCode997 : error.setCode999, !codes.contains(code) {
                    codes.append(code)
                }
            }
            if codes.isEmpty, found.contains(where: { $0.level != .set }), status != .accepted { codes.append("5") }
            body.append(
                X12OutgoingSegment(
                    kind == .functional997 ? "AK5" : "IK5",
                    simpleElements: [status.rawValue] + codes.prefix(5).map { $0 }))
        }
        let groupStatus = report.status(interchange: interchange, group: groupIndex, setCount: group.sets.count)
        var groupCodes: [String] = []
        for error in report.errors(interchange: interchange, group: groupIndex) {
            if let code = error.groupCode, !groupCodes.contains(code) { groupCodes.append(code) }
        }
        body.append(
            X12OutgoingSegment(
                "AK9",
                simpleElements: [
                    groupStatus.rawValue, String(group.sets.count), String(group.sets.count), String(accepted),
                ] + groupCodes.prefix(5).map { $0 }))
        let implementation = kind == .implementation999 ? "005010X231A1" : nil
        return X12OutgoingGroup(
            functionalID: "FA", senderCode: group.receiverCode, receiverCode: group.senderCode, date: timestamp.date,
            time: timestamp.time, version: version.rawValue,
            sets: [X12OutgoingSet(id: kind.rawValue, implementationReference: implementation, body: body)])
    }

    /// AK3/AK4 (997) or IK3/IK4 (999) for each segment with errors, in input order.
    private func detail(for errors: [X12Error], kind: Kind) -> [X12OutgoingSegment] {
        var segments: [X12OutgoingSegment] = []
        var bySegment: [(position: Int, id: String, errors: [X12Error])] = []
        for error in errors where error.level == .segment || error.level == .element {
            let position = error.location.segmentPosition ?? 0
            if let index = bySegment.firstIndex(where: { $0.position == position }) {
                bySegment[index].errors.append(error)
            } else {
                bySegment.append((position, error.location.segmentID ?? "", [error]))
            }
        }
        for entry in bySegment.sorted(by: { $0.position < $1.position }) {
            let segmentError = entry.errors.first { $0.level == .segment }
            let code: String? =
                segmentError.flatMap { kind == .functional997 ? $0.segmentCode997 : $0.segmentCode999 } ?? "8"
            // AK301 must itself be a valid ID: keep upper-case letters and digits of what was read.
            let cleaned = entry.id.uppercased().unicodeScalars.filter {
                ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9")
            }
            let id = cleaned.isEmpty ? "ZZZ" : String(String.UnicodeScalarView(cleaned.prefix(3)))
            segments.append(
                X12OutgoingSegment(
                    kind == .functional997 ? "AK3" : "IK3", id, String(max(entry.position, 1)), nil, code))
            for error in entry.errors where error.level == .element {
                let element = error.location.elementPosition ?? 1
                var position: [String] = [String(element)]
                if let component = error.location.componentPosition { position.append(String(component)) }
                let elementCode = kind == .functional997 ? error.elementCode997 : error.elementCode999
                segments.append(
                    X12OutgoingSegment(
                        kind == .functional997 ? "AK4" : "IK4", elements: [[position], [[""]], [[elementCode ?? "6"]]]))
            }
        }
        return segments
    }
}
