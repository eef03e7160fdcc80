/// The export formats the normaliser understands; the raw value is what front matter `format:` names.
public enum SourceFormat: String, CaseIterable, Sendable, Codable {
    /// Already well-formed Markdown: passed through byte for byte.
    case markdown
    /// A Notion toggle outline flattened to text: `▼ title` lines at column 0, nesting lost.
    case notionToggle = "notion-toggle"
    /// A Notion Markdown export: `# title`, then `- **Question?**` bullets with indented answers.
    case notionMarkdown = "notion-markdown"
    /// One question per line, answer parts separated by ` > `; bare lines are section titles.
    case questionLines = "question-lines"
    /// A title line, then `note`-separated cards `N.title`, with follow-up blocks.
    case noteList = "note-list"
    /// A Jekyll post: front matter with `layout`/`categories`, `#`–`######` headings in any levels.
    case jekyll

    /// The format a front matter or config value names, tolerant of case, `_` and spaces
    /// (`Notion_Toggle` → `.notionToggle`); `nil` for an unknown name.
    public static func named(_ name: String) -> SourceFormat? {
        let key = name.trimmed.lowercased().map { $0 == "_" || $0 == " " ? "-" : $0 }
        return SourceFormat(rawValue: String(key))
    }
}
