/// A position in an original source file, printed compiler-style as `path:line:col`.
///
/// Lines and columns are 1-based; a problem with a whole line or file is at its column 1.
public struct SourceLocation: Hashable, Sendable, Codable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int

    public init(path: String, line: Int, column: Int) {
        self.path = path
        self.line = line
        self.column = column
    }

    public var description: String {
        column > 0 ? "\(path):\(line):\(column)" : "\(path):\(line)"
    }
}
