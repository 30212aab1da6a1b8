import Orders
public import Profiles
public import X12

extension X12ReplyFormat {
    /// The format of a document to a partner: the release its profile pins, else the inbound's (the 997/999
    /// conventions: answer in the version received); the profile's separators and line ending, else the inbound's
    /// separators, one segment a line.
    public init(replyingTo inbound: X12Version, delimiters inboundDelimiters: X12Delimiters, profile: RetailerProfile?)
    {
        let identity = profile?.identity
        self.init(
            version: identity?.x12ReplyVersion.map(X12Version.init) ?? inbound,
            delimiters: identity?.delimiters.flatMap(X12Delimiters.init(profile:)) ?? inboundDelimiters,
            lineBreak: identity?.delimiters?.lineEnding.bytes ?? [0x0A])
    }
}

extension X12Delimiters {
    /// The delimiters a profile asks for, when each is one byte.
    init?(profile delimiters: Profiles.Delimiters) {
        guard let element = delimiters.element.utf8.first, delimiters.element.utf8.count == 1,
            let component = delimiters.component.utf8.first, delimiters.component.utf8.count == 1,
            let segment = delimiters.segment.utf8.first, delimiters.segment.utf8.count == 1
        else { return nil }
        self.init(
            element: element, component: component, segment: segment,
            repetition: delimiters.repetition.flatMap { $0.utf8.count == 1 ? $0.utf8.first : nil })
    }
}
