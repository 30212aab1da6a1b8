public import Foundation
public import Orders

/// One kept document: what it is and what became of it (not its bytes).
public struct DocumentRecord: Hashable, Sendable {
    /// The id `keep` gave it.
    public var id: DocumentID
    /// When it arrived, as the caller of `keep` said.
    public var receivedAt: Date
    /// File name or request id it came from.
    public var origin: String
    /// What it was kept as (X12, cXML, …), before it was read.
    public var format: DocumentFormat
    /// The trading partner whose key posted it; nil for one read from a folder or posted by staff.
    public var partner: String?
    /// `received` until it is finished.
    public var status: DocumentStatus
    /// What was wrong with it, one problem a line, as `finish` recorded them.
    public var problems: [String]
    /// Whether reading it ended (a document kept by a process that stopped stays unfinished until another run).
    public var finished: Bool
    /// Its size as received.
    public var byteCount: Int

    public init(
        id: DocumentID, receivedAt: Date, origin: String, format: DocumentFormat, partner: String?,
        status: DocumentStatus, problems: [String], finished: Bool, byteCount: Int
    ) {
        self.id = id
        self.receivedAt = receivedAt
        self.origin = origin
        self.format = format
        self.partner = partner
        self.status = status
        self.problems = problems
        self.finished = finished
        self.byteCount = byteCount
    }

    /// The `problems` column as `finish` writes it: one problem a line, '' for none.
    static func problems(stored text: String) -> [String] {
        text.isEmpty ? [] : text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
}

extension DocumentStatus: StoredCode {
    static var storedName: String { "document status" }
}
