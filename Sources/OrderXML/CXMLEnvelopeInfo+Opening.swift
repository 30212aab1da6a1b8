extension CXMLEnvelopeInfo {
    /// The envelope of the cXML document `bytes` open with, read from its `Header` alone (nothing after it), or nil
    /// when they are no cXML with a header: a cheap look at who sent a document before it is kept.
    public init?(opening bytes: [UInt8], limits: XMLReader.Limits = XMLReader.Limits()) {
        guard XMLDocumentKind(of: bytes, limits: limits) != .notXML,
            let reader = try? XMLReader(bytes: bytes, limits: limits)
        else { return nil }
        var info = CXMLEnvelopeInfo()
        var cXMLDepth: Int?
        do {
            while try reader.read() {
                guard reader.kind == .element else { continue }
                let depth = reader.depth
                if reader.localName == "cXML", depth <= 1 {
                    cXMLDepth = depth
                    info.payloadID = reader.attribute("payloadID")
                    continue
                }
                guard let cXMLDepth, depth == cXMLDepth + 1 else {
                    if depth >= 1 { return nil }
                    continue
                }
                guard reader.localName == "Header" else { return nil }
                info.readHeader(LocatedElement(try reader.readElementTree(path: "/cXML/Header")))
                self = info
                return
            }
        } catch {
            return nil
        }
        return nil
    }
}
