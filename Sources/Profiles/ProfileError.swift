/// A problem in a profile or network file, with the place it is at.
public struct ProfileError: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `FILE:LINE:COLUMN: message`, as compilers print it, so editors can jump to it.
    public var description: String { "\(file):\(line):\(column): \(message)" }
}
