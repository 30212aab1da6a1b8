extension X12Error {
    /// The one-line form every tool prints, compiler style so editors can jump to it:
    /// `FILE:byte OFFSET: segment N (ID) element M[.C]: CODE message`.
    public func diagnosticLine(file: String) -> String {
        var text = "\(file):byte \(location.byteOffset):"
        if let position = location.segmentPosition ?? location.segmentIndex.map({ $0 + 1 }) {
            text += " segment \(position)"
            if let id = location.segmentID { text += " (\(id))" }
        }
        if let element = location.elementPosition { text += " element \(element)" }
        if let component = location.componentPosition { text += ".\(component)" }
        return text + ": \(code) \(description)"
    }
}
