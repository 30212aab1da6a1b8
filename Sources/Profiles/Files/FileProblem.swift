public import Foundation

/// What is wrong with a file or folder the product was pointed at, said in words: which path, what is there instead
/// of what was expected. Every command and loader reports file trouble through this type, never through a raw
/// Foundation error (whose text names a domain and a code, not the problem).
public struct FileProblem: Error, Hashable, Sendable, CustomStringConvertible {
    public var path: String
    public var kind: Kind
    /// What the path should hold, for the message: "the DC network file", "the inbox folder".
    public var expected: String

    public enum Kind: Hashable, Sendable {
        case noSuchFile
        case noSuchFolder
        /// A folder where a file was expected.
        case folderNotFile
        /// A file where a folder was expected.
        case fileNotFolder
        /// It is there but cannot be read (or written): the reason in words, e.g. "permission denied".
        case inaccessible(String)
        /// The first byte that is not UTF-8, with its place (1-based line and column in characters).
        case notUTF8(byte: UInt8, offset: Int, line: Int, column: Int)
        /// A folder that holds files of someone else's where a new or empty folder (or one of ours) was expected.
        case foreignFolder(entries: [String])
        /// A file of someone else's where the product would write one of its own.
        case foreignFile
    }

    public init(_ kind: Kind, path: String, expected: String) {
        self.kind = kind
        self.path = path
        self.expected = expected
    }

    /// `PATH: what is wrong` (or `PATH:LINE:COLUMN: …` when there is a place in the file).
    public var description: String {
        switch kind {
        case .notUTF8(_, _, let line, let column): "\(path):\(line):\(column): \(message)"
        default: "\(path): \(message)"
        }
    }

    /// What is wrong, without the path.
    public var message: String {
        switch kind {
        case .noSuchFile: "no such file (expected \(expected))"
        case .noSuchFolder: "no such folder (expected \(expected))"
        case .folderNotFile: "is a folder; expected a file (\(expected))"
        case .fileNotFolder: "is a file; expected a folder (\(expected))"
        case .inaccessible(let reason): "\(reason) (\(expected))"
        case .notUTF8(let byte, let offset, _, _):
            "not UTF-8 text: byte 0x\(String(byte, radix: 16, uppercase: true)) at byte offset \(offset)"
        case .foreignFolder(let entries):
            "is not empty and is not an output folder of dropgate's (it has no \(OutputMarker.name)); "
                + "it holds \(entries.prefix(5).joined(separator: ", "))\(entries.count > 5 ? ", …" : ""). "
                + "Name a new or empty folder for \(expected); nothing was changed"
        case .foreignFile:
            "a file dropgate did not write is already there; it is left as it is and \(expected) is not written"
        }
    }
}

/// The name of the file that marks a folder as an output folder of dropgate's; it lists, one a line, the files
/// dropgate wrote there, which are the only ones it will ever replace or remove.
public enum OutputMarker {
    public static let name = ".dropgate-output"
}

/// Reading files and folders with every failure turned into a `FileProblem`.
public enum LocalFile {
    /// The bytes of the file at `path`.
    public static func bytes(_ path: String, expected: String) throws(FileProblem) -> [UInt8] {
        try checkFile(path, expected: expected)
        do {
            return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw FileProblem(.inaccessible(reason(error, reading: true)), path: path, expected: expected)
        }
    }

    /// The text of the file at `path`, which must be UTF-8 (a byte order mark is dropped).
    public static func text(_ path: String, expected: String) throws(FileProblem) -> String {
        let data = try bytes(path, expected: expected)
        return try utf8Text(data, path: path, expected: expected)
    }

    /// `bytes` as UTF-8 text, or the first bad byte's place.
    public static func utf8Text(_ bytes: [UInt8], path: String, expected: String) throws(FileProblem) -> String {
        if let text = String(validating: bytes, as: UTF8.self) {
            return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        }
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        var line = 1
        var column = 1
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                if encoded.count == 1, encoded.first == 0x0A {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
                offset += encoded.count
            case .error:
                throw FileProblem(
                    .notUTF8(byte: bytes[offset], offset: offset, line: line, column: column), path: path,
                    expected: expected)
            case .emptyInput:
                return String(decoding: bytes, as: UTF8.self)
            }
        }
    }

    /// Throws unless `path` is a readable file (not a folder, not missing). For readers that open the file
    /// themselves, so that what is wrong is said before they try.
    public static func checkFile(_ path: String, expected: String) throws(FileProblem) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw FileProblem(.noSuchFile, path: path, expected: expected)
        }
        if isFolder.boolValue { throw FileProblem(.folderNotFile, path: path, expected: expected) }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw FileProblem(.inaccessible("cannot be read: permission denied"), path: path, expected: expected)
        }
    }

    /// The names in the folder at `path`, sorted.
    public static func folderEntries(_ path: String, expected: String) throws(FileProblem) -> [String] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw FileProblem(.noSuchFolder, path: path, expected: expected)
        }
        guard isFolder.boolValue else { throw FileProblem(.fileNotFolder, path: path, expected: expected) }
        do {
            return try FileManager.default.contentsOfDirectory(atPath: path).sorted()
        } catch {
            throw FileProblem(.inaccessible(reason(error, reading: true)), path: path, expected: expected)
        }
    }

    /// A Foundation file error in words: "cannot be read: permission denied".
    public static func reason(_ error: any Error, reading: Bool) -> String {
        let verb = reading ? "cannot be read" : "cannot be written"
        if let cocoa = error as? CocoaError {
            switch cocoa.code {
            case .fileNoSuchFile, .fileReadNoSuchFile: return "\(verb): no such file or folder"
            case .fileReadNoPermission, .fileWriteNoPermission: return "\(verb): permission denied"
            case .fileWriteOutOfSpace: return "\(verb): the disk is full"
            case .fileWriteVolumeReadOnly: return "\(verb): the volume is read-only"
            case .fileWriteFileExists: return "\(verb): a file is already there"
            default:
                if let posix = cocoa.userInfo[NSUnderlyingErrorKey] as? NSError, posix.domain == NSPOSIXErrorDomain {
                    return "\(verb): \(String(cString: strerror(Int32(posix.code))))"
                }
                return "\(verb) (file error \(cocoa.code.rawValue))"
            }
        }
        if let posix = error as? POSIXError { return "\(verb): \(String(cString: strerror(posix.code.rawValue)))" }
        return "\(verb)"
    }
}
