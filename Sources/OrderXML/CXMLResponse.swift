public import Foundation

/// The cXML `Response` that answers a document a buyer posted (an `OrderRequest`): a status code of cXML's HTTP-like
/// codes (200 OK, 400 Bad Request, …), its standard text, and in the `Status` element's content what was wrong.
/// It carries no `Header`: a response goes back on the request's own connection, or is fetched by the sender.
public struct CXMLResponse: Hashable, Sendable {
    public var code: Int
    public var text: String
    /// Said in the `Status` element's content: the problems of a rejected document.
    public var detail: String?

    public init(code: Int, text: String, detail: String? = nil) {
        self.code = code
        self.text = text
        self.detail = detail
    }

    /// The document was taken and its orders processed.
    public static let ok = CXMLResponse(code: 200, text: "OK")

    /// The document cannot be processed as sent; `problems` say why.
    public static func badRequest(_ problems: [String]) -> CXMLResponse {
        CXMLResponse(code: 400, text: "Bad Request", detail: problems.isEmpty ? nil : problems.joined(separator: "\n"))
    }
}

extension CXMLWriter {
    /// A cXML `Response` document, valid against the cXML DTD of `version`, under our own `payloadID`.
    public func makeResponse(_ response: CXMLResponse, payloadID: String, timestamp: Date, timeZone: TimeZone)
        -> String
    {
        var writer = XMLTextWriter(
            doctype: "<!DOCTYPE cXML SYSTEM \"http://xml.cxml.org/schemas/cXML/\(version)/cXML.dtd\">")
        writer.start(
            "cXML",
            [
                ("version", version), ("payloadID", payloadID),
                ("timestamp", XMLTextWriter.timestamp(timestamp, in: timeZone)), ("xml:lang", "en-US"),
            ])
        writer.start("Response")
        writer.element("Status", [("code", String(response.code)), ("text", response.text)], text: response.detail)
        writer.end()
        writer.end()
        return writer.text
    }
}
