public import Foundation

/// What became of one file a watcher took from its inbox.
public struct InboxOutcome: Sendable {
    /// The file's name as the sender dropped it (also the document's origin in the store and the report).
    public var file: String
    /// Where the file is now: in `processed/` or `failed/`, under its name or that name with a suffix; in
    /// `.processing/` only when it could not be moved (the reason is logged).
    public var movedTo: URL
    public var report: DocumentReport

    public init(file: String, movedTo: URL, report: DocumentReport) {
        self.file = file
        self.movedTo = movedTo
        self.report = report
    }
}
