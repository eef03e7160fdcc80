import Foundation
import SiteCore
import Yams

/// The YAML block at the top of a note, between `---` lines.
public struct FrontMatter: Hashable, Sendable {
    public var title: String?
    /// `YYYY-MM-DD`, as written (times and zones are dropped, not converted).
    public var date: String?
    /// When the note was last changed, `YYYY-MM-DD` like `date` (`updated:`).
    public var updated: String?
    public var tags: [String] = []
    /// Topics the whole note is on, by name or alias (`topics: [BatchNorm, 梯度消失]`).
    public var topics: [String] = []
    public var draft = false
    public var slug: String?
    /// A forced source format name (`notion-toggle`, …).
    public var format: String?
    public var macros: [String: String] = [:]
    /// Every top-level key present, e.g. Jekyll's `layout` and `categories`.
    public var keys: Set<String> = []
    /// Where each top-level key's value is, for diagnostics about it found later (an unknown `format`).
    public var valueLocations: [String: SourceLocation] = [:]

    public init() {}

    /// Splits `text` into front matter and body. `bodyFirstLine` is the file line where the body starts.
    public static func split(_ text: String, path: String)
        -> (frontMatter: FrontMatter, body: String, bodyFirstLine: Int, diagnostics: [Diagnostic])
    {
        var content = Substring(text)
        if content.hasPrefix("\u{FEFF}") { content = content.dropFirst() }
        // Only the front matter's lines are split off; the body is the rest of the text, its line ends made `\n`.
        var lines = SourceLineIterator(content)
        guard let first = lines.next(), first.trimmingTrailingSpaces == "---" else {
            return (FrontMatter(), String(content), 1, [])
        }
        var yamlLines: [Substring] = []
        var closed = false
        while let line = lines.next() {
            if line.trimmingTrailingSpaces == "---" || line.trimmingTrailingSpaces == "..." {
                closed = true
                break
            }
            yamlLines.append(line)
        }
        guard closed else {
            let d = Diagnostic.error("front matter starts with '---' but is never closed", code: "front-matter-unclosed",
                                     at: SourceLocation(path: path, line: 1, column: 1))
            return (FrontMatter(), String(content), 1, [d])
        }
        let yaml = yamlLines.joined(separator: "\n")
        var body = String(lines.remainder)
        if body.utf8.withContiguousStorageIfAvailable({ $0.contains(UInt8(ascii: "\r")) }) ?? true {
            body = body.sourceLines.joined(separator: "\n")
        }
        let bodyFirstLine = yamlLines.count + 3
        var diagnostics: [Diagnostic] = []
        var matter = FrontMatter()
        let document = YAMLDocument(path: path, firstLine: 2)
        let (root, error) = document.compose(yaml, code: "front-matter-yaml")
        if let error {
            diagnostics.append(error)
        } else if let mapping = root?.mapping {
            matter = FrontMatter(mapping: mapping, document: document, diagnostics: &diagnostics)
        } else if let root, root.null == nil {
            diagnostics.append(.error("front matter must be a mapping of keys to values", code: "front-matter-type",
                                      at: document.location(of: root)))
        }
        return (matter, body, bodyFirstLine, diagnostics)
    }

    private init(mapping: Node.Mapping, document: YAMLDocument, diagnostics: inout [Diagnostic]) {
        var values: [String: Node] = [:]
        for (key, value) in mapping {
            guard let name = key.string else { continue }
            values[name] = value
            valueLocations[name] = document.location(of: value)
        }
        keys = Set(values.keys)
        func warn(_ message: String, at node: Node) {
            diagnostics.append(.warning(message, code: "front-matter-type", at: document.location(of: node)))
        }
        func text(_ key: String) -> String? {
            guard let value = values[key] else { return nil }
            guard let text = YAMLDocument.text(value) else {
                warn("'\(key)' should be a single value; it is ignored", at: value)
                return nil
            }
            return text.isEmpty ? nil : text
        }
        title = text("title")?.trimmingSpaces
        func day(_ key: String) -> String? {
            guard let raw = text(key), let value = values[key] else { return nil }
            switch Self.calendarDay(raw) {
            case .valid(let day):
                return day
            case .impossible:
                diagnostics.append(.error("\(key) '\(raw)' does not exist (months run 01–12, days to the end of the month)",
                                          code: "front-matter-date", at: document.location(of: value)))
            case .notADate:
                diagnostics.append(.warning("\(key) '\(raw)' is not YYYY-MM-DD; it is ignored", code: "front-matter-date",
                                            at: document.location(of: value)))
            }
            return nil
        }
        date = day("date")
        updated = day("updated")
        if let value = values["tags"] {
            if let list = value.sequence {
                for item in list {
                    if let tag = YAMLDocument.text(item) {
                        if !tag.isEmpty { tags.append(tag) }
                    } else {
                        warn("a tag should be a single word or phrase; this one is ignored", at: item)
                    }
                }
            } else if value.scalar != nil, value.tag.rawValue == Tag.Name.str.rawValue {
                tags = (value.string ?? "").split { $0 == "," || $0 == " " }.map(String.init)
            } else if value.null == nil {
                warn("'tags' should be a list (`tags: [优化, 训练]`) or comma-separated words; it is ignored", at: value)
            }
        }
        if let value = values["topics"] {
            if let list = value.sequence {
                for item in list {
                    if let topic = YAMLDocument.text(item) {
                        if !topic.isEmpty { topics.append(topic) }
                    } else {
                        warn("a topic should be a name (`BatchNorm`); this one is ignored", at: item)
                    }
                }
            } else if let topic = YAMLDocument.text(value) {
                topics = topic.split(separator: ",").map(\.trimmingSpaces).filter { !$0.isEmpty }
            } else if value.null == nil {
                warn("'topics' should be a list of topic names (`topics: [BatchNorm, 梯度消失]`); it is ignored", at: value)
            }
        }
        if let value = values["draft"] {
            if let flag = value.bool { draft = flag } else { warn("'draft' must be true or false", at: value) }
        }
        slug = text("slug")
        format = text("format")
        if let value = values["macros"] {
            if let map = value.mapping {
                for (name, definition) in map {
                    if let tex = YAMLDocument.text(definition) { macros[name.string ?? ""] = tex } else {
                        warn("macro '\(name.string ?? "")' should be TeX text; it is ignored", at: definition)
                    }
                }
            } else if value.null == nil {
                warn("'macros' should be a mapping of macro names to TeX (`\\E: \\mathbb{E}`); it is ignored", at: value)
            }
        }
    }

    enum CalendarDay: Equatable {
        case valid(String)
        case impossible
        case notADate
    }

    /// `YYYY-MM-DD` at the start of `raw` (a time and zone may follow), checked against the calendar.
    static func calendarDay(_ raw: String) -> CalendarDay {
        let day = String(raw.prefix(10))
        let shaped = day.count == 10 && day.enumerated().allSatisfy { i, c in (i == 4 || i == 7) ? c == "-" : c.isASCII && c.isNumber }
        guard shaped, let year = Int(day.prefix(4)), let month = Int(day.dropFirst(5).prefix(2)), let dayOfMonth = Int(day.suffix(2))
        else { return .notADate }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...12).contains(month), (1...lengths[month - 1]).contains(dayOfMonth) else { return .impossible }
        return .valid(day)
    }
}

extension Substring {
    var trimmingTrailingSpaces: Substring {
        var s = self
        while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
        return s
    }
}
