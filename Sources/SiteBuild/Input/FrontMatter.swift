import Foundation
import SiteCore
import Yams

/// The YAML block at the top of a note, between `---` lines.
public struct FrontMatter: Hashable, Sendable {
    public var title: String?
    /// `YYYY-MM-DD`, as written (times and zones are dropped, not converted).
    public var date: String?
    public var tags: [String] = []
    public var draft = false
    public var slug: String?
    /// A forced source format name (`notion-toggle`, …).
    public var format: String?
    public var macros: [String: String] = [:]
    /// Every top-level key present, e.g. Jekyll's `layout` and `categories`.
    public var keys: Set<String> = []

    public init() {}

    /// Splits `text` into front matter and body. `bodyFirstLine` is the file line where the body starts.
    public static func split(_ text: String, path: String)
        -> (frontMatter: FrontMatter, body: String, bodyFirstLine: Int, diagnostics: [Diagnostic])
    {
        var content = Substring(text)
        if content.hasPrefix("\u{FEFF}") { content = content.dropFirst() }
        let lines = String(content).sourceLines
        guard let first = lines.first, first.trimmingTrailingSpaces == "---" else {
            return (FrontMatter(), String(content), 1, [])
        }
        guard let close = lines.dropFirst().firstIndex(where: { $0.trimmingTrailingSpaces == "---" || $0.trimmingTrailingSpaces == "..." }) else {
            let d = Diagnostic.error("front matter starts with '---' but is never closed", code: "front-matter-unclosed",
                                     at: SourceLocation(path: path, line: 1, column: 1))
            return (FrontMatter(), String(content), 1, [d])
        }
        let yaml = lines[1..<close].joined(separator: "\n")
        let body = lines[(close + 1)...].joined(separator: "\n")
        let bodyFirstLine = close + 2
        var diagnostics: [Diagnostic] = []
        var matter = FrontMatter()
        do {
            let resolver = Resolver.default.removing(.timestamp)
            let value = try Yams.load(yaml: yaml, resolver)
            if let map = value as? [String: Any] {
                matter = FrontMatter(map: map, lines: Array(lines[1..<close]), path: path, diagnostics: &diagnostics)
            } else if value != nil {
                diagnostics.append(.error("front matter must be a mapping of keys to values", code: "front-matter-type",
                                          at: SourceLocation(path: path, line: 2, column: 1)))
            }
        } catch {
            diagnostics.append(YAMLDiagnostics.diagnostic(for: error, path: path, firstLine: 2, code: "front-matter-yaml"))
        }
        return (matter, body, bodyFirstLine, diagnostics)
    }

    private init(map: [String: Any], lines: [Substring], path: String, diagnostics: inout [Diagnostic]) {
        keys = Set(map.keys)
        func location(_ key: String) -> SourceLocation {
            let index = lines.firstIndex { $0.hasPrefix(key + ":") } ?? 0
            return SourceLocation(path: path, line: index + 2, column: 1)
        }
        func text(_ key: String) -> String? {
            guard let value = map[key] else { return nil }
            if let s = value as? String { return s }
            if value is [Any] || value is [String: Any] {
                diagnostics.append(.warning("'\(key)' should be a single value", code: "front-matter-type", at: location(key)))
                return nil
            }
            return "\(value)"
        }
        title = text("title")?.trimmingCharacters(in: .whitespaces)
        if let raw = text("date") {
            let day = String(raw.prefix(10))
            if day.count == 10, day.enumerated().allSatisfy({ i, c in (i == 4 || i == 7) ? c == "-" : c.isASCII && c.isNumber }) {
                date = day
            } else {
                diagnostics.append(.warning("date '\(raw)' is not YYYY-MM-DD; it is ignored", code: "front-matter-date", at: location("date")))
            }
        }
        switch map["tags"] {
        case let list as [Any]: tags = list.map { "\($0)" }
        case let s as String: tags = s.split { $0 == "," || $0 == " " }.map(String.init)
        default: break
        }
        if let value = map["draft"] {
            if let b = value as? Bool { draft = b } else {
                diagnostics.append(.warning("'draft' must be true or false", code: "front-matter-type", at: location("draft")))
            }
        }
        slug = text("slug")
        format = text("format")
        if let m = map["macros"] as? [String: Any] {
            macros = m.compactMapValues { $0 as? String }
        }
    }
}

extension Substring {
    var trimmingTrailingSpaces: Substring {
        var s = self
        while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
        return s
    }
}
