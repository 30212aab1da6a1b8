import Orders
import X12

extension PurchaseOrder {
    /// A complete interchange carrying `set` in answer to this order's source envelope, as every document we send
    /// about a PO is (855, 856, 810): ISA and GS identities swapped from the inbound ones, ISA15 as the inbound's,
    /// one group of `functionalID` (`PR`, `SH`, `IN`) in the release `format` names, control numbers from `counter`.
    /// The set's free text (names, addresses, routings) is written with the partner's delimiters made spaces.
    func replyInterchange(
        functionalID: String, set: X12OutgoingSet, timestamp: X12Acknowledgement.Timestamp, format: X12ReplyFormat,
        counter: inout some X12ControlNumberSource
    ) throws(X12Error) -> [UInt8] {
        let sender = source.receiverID ?? PartnerIdentity(qualifier: "ZZ", id: "")
        let receiver = source.senderID ?? PartnerIdentity(qualifier: "ZZ", id: "")
        var header = ISAHeader(
            senderQualifier: sender.qualifier, senderID: sender.id, receiverQualifier: receiver.qualifier,
            receiverID: receiver.id, date: String(timestamp.date.suffix(6)), time: timestamp.time,
            version: format.version.interchangeVersion ?? "00401", controlNumber: "", usage: source.usage ?? "P")
        header.repetitionOrStandards = format.repetitionOrStandards
        let group = X12OutgoingGroup(
            functionalID: functionalID, senderCode: source.receiverGroupID ?? sender.id,
            receiverCode: source.senderGroupID ?? receiver.id, date: timestamp.date, time: timestamp.time,
            version: format.version.rawValue, sets: [X12Text.cleaningFreeText(set, delimiters: format.delimiters)])
        var interchange = X12OutgoingInterchange(header: header, groups: [group])
        interchange.assignControlNumbers(from: &counter)
        return try format.writer.write(interchange)
    }
}
