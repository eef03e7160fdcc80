/// A position in an original source file, printed compiler-style as `path:line:col`.
///
/// Lines and columns are 1-based; a column of 0 means "the whole line".
public struct SourceLocation: Hashable, Sendable, Codable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int

    public init(path: String, line: Int, column: Int = 0) {
        self.path = path
        self.line = line
        self.column = column
    }

    public var description: String {
        column > 0 ? "\(path):\(line):\(column)" : "\(path):\(line)"
    }
}
