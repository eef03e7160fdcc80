import Foundation
import SiteCore

/// A build problem as the browser overlay and the terminal show it: where, what, and the line of the file.
public struct ShownProblem: Codable, Sendable, Hashable {
    /// `notes/x.md:12:5`; nil for problems that belong to no file.
    public var location: String?
    public var severity: String
    public var message: String
    public var code: String
    /// The 1-based line of `sourceLine` in its file.
    public var line: Int?
    /// The source line the location points at, when the file can be read.
    public var sourceLine: String?
    /// 1-based column in `sourceLine`; nil for a whole line.
    public var column: Int?

    /// `diagnostic` with its source line read from the file (paths are relative to `root` unless absolute).
    public init(_ diagnostic: Diagnostic, root: URL, files: inout [String: [Substring]]) {
        location = diagnostic.location?.description
        severity = diagnostic.severity.rawValue
        message = diagnostic.message
        code = diagnostic.code
        guard let place = diagnostic.location, place.line > 0 else { return }
        if files[place.path] == nil {
            let url = place.path.hasPrefix("/") ? URL(fileURLWithPath: place.path) : root.appendingPathComponent(place.path)
            files[place.path] = (try? Data(contentsOf: url)).map { String(decoding: $0, as: UTF8.self).sourceLines } ?? []
        }
        let lines = files[place.path] ?? []
        guard place.line <= lines.count else { return }
        line = place.line
        sourceLine = String(lines[place.line - 1])
        column = place.column > 0 ? place.column : nil
    }

    /// The problems of `outcome` (its errors when it failed), at most `limit` of them.
    public static func problems(of outcome: RebuildOutcome, limit: Int = 50) -> [ShownProblem] {
        var files: [String: [Substring]] = [:]
        return outcome.problems.prefix(limit).map { ShownProblem($0, root: outcome.root, files: &files) }
    }

    /// Compiler-style lines: the diagnostic, then the source line and a caret under the column.
    ///
    ///     notes/x.md:3:8: error: invalid YAML: … [yaml-syntax]
    ///         3 | title: [未闭合
    ///           |        ^
    public var terminalLines: [String] {
        var lines = ["\(location.map { "\($0): " } ?? "sitegen: ")\(severity): \(message) [\(code)]"]
        guard let sourceLine, let line else { return lines }
        let gutter = String(repeating: " ", count: String(line).count)
        lines.append("    \(line) | \(sourceLine)")
        if let column {
            let before = sourceLine.prefix(max(0, column - 1))
            let pad = before.map { $0 == "\t" ? "\t" : String(repeating: " ", count: $0.isWide ? 2 : 1) }.joined()
            lines.append("    \(gutter) | \(pad)^")
        }
        return lines
    }
}

extension Character {
    /// Takes two columns in a terminal (CJK ideographs, kana, hangul, full-width forms).
    var isWide: Bool {
        guard let v = unicodeScalars.first?.value else { return false }
        return (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1FAFF).contains(v) || (0x20000...0x3FFFD).contains(v)
    }
}
