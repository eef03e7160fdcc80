/// Where each line of a rewritten text came from in the original file.
///
/// Every stage that rewrites text (front matter stripping, the normaliser, math protection) returns a
/// `LineMap` so that diagnostics found later still point into the file the author edits.
public struct LineMap: Hashable, Sendable, Codable {
    /// Origin of one derived line: the 1-based original line, and how many columns the stage removed
    /// from the start of the line (a dedent), to add back to a derived column.
    public struct Origin: Hashable, Sendable, Codable {
        public var line: Int
        public var columnOffset: Int

        public init(line: Int, columnOffset: Int = 0) {
            self.line = line
            self.columnOffset = columnOffset
        }
    }

    /// `origins[i]` is the origin of derived line `i + 1`.
    public var origins: [Origin]

    public init(origins: [Origin]) {
        self.origins = origins
    }

    /// The map of a text that was not rewritten, with its first line at original line `firstLine`.
    public static func identity(lineCount: Int, firstLine: Int = 1) -> LineMap {
        LineMap(origins: (0..<max(lineCount, 0)).map { Origin(line: firstLine + $0) })
    }

    /// The original position of a 1-based derived `line` and `column` (0 = whole line).
    /// Lines past the end map to the last known origin so that a late diagnostic never crashes.
    public func original(line: Int, column: Int = 0) -> (line: Int, column: Int) {
        guard !origins.isEmpty else { return (line, column) }
        let origin = origins[min(max(line, 1), origins.count) - 1]
        return (origin.line, column > 0 ? column + origin.columnOffset : 0)
    }

    /// The location in `path` of a derived position (`column` ≥ 1).
    public func location(path: String, line: Int, column: Int) -> SourceLocation {
        let o = original(line: line, column: column)
        return SourceLocation(path: path, line: o.line, column: o.column)
    }

    /// The map from the lines of a text derived from this one by a later stage (`later`) back to
    /// this map's original: `self` maps stage-1 text to the file, `later` maps stage-2 text to stage-1.
    public func composed(with later: LineMap) -> LineMap {
        LineMap(origins: later.origins.map { o in
            let base = original(line: o.line, column: 0)
            let baseOffset = origins.isEmpty ? 0 : origins[min(max(o.line, 1), origins.count) - 1].columnOffset
            return Origin(line: base.line, columnOffset: o.columnOffset + baseOffset)
        })
    }
}
