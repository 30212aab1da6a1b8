import Orders
import X12

extension OrderSource {
    /// A complete interchange carrying `set` in answer to this source envelope, as every document we send about a PO
    /// or a change of one is (855, 856, 810, 865): ISA and GS identities swapped from the inbound ones, ISA15 as the
    /// inbound's, one group of `functionalID` (`PR`, `SH`, `IN`, `CA`) in the release `format` names, control
    /// numbers from `counter`. The set's free text (names, addresses, routings) is written with the partner's
    /// delimiters made spaces.
    func replyInterchange(
        functionalID: String, set: X12OutgoingSet, timestamp: X12Acknowledgement.Timestamp, format: X12ReplyFormat,
        counter: inout some X12ControlNumberSource
    ) throws(X12Error) -> [UInt8] {
        let sender = receiverID ?? PartnerIdentity(qualifier: "ZZ", id: "")
        let receiver = senderID ?? PartnerIdentity(qualifier: "ZZ", id: "")
        var header = ISAHeader(
            senderQualifier: sender.qualifier, senderID: sender.id, receiverQualifier: receiver.qualifier,
            receiverID: receiver.id, date: String(timestamp.date.suffix(6)), time: timestamp.time,
            version: format.version.interchangeVersion ?? "00401", controlNumber: "", usage: usage ?? "P")
        header.repetitionOrStandards = format.repetitionOrStandards
        let group = X12OutgoingGroup(
            functionalID: functionalID, senderCode: receiverGroupID ?? sender.id,
            receiverCode: senderGroupID ?? receiver.id, date: timestamp.date, time: timestamp.time,
            version: format.version.rawValue, sets: [X12Text.cleaningFreeText(set, delimiters: format.delimiters)])
        var interchange = X12OutgoingInterchange(header: header, groups: [group])
        interchange.assignControlNumbers(from: &counter)
        return try format.writer.write(interchange)
    }
}

extension PurchaseOrder {
    /// `OrderSource.replyInterchange` for this order's source: the 855, 856 and 810 answer the PO's envelope.
    func replyInterchange(
        functionalID: String, set: X12OutgoingSet, timestamp: X12Acknowledgement.Timestamp, format: X12ReplyFormat,
        counter: inout some X12ControlNumberSource
    ) throws(X12Error) -> [UInt8] {
        try source.replyInterchange(
            functionalID: functionalID, set: set, timestamp: timestamp, format: format, counter: &counter)
    }
}
