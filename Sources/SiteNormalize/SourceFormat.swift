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
}
