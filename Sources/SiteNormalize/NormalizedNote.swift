import SiteCore

/// A question recovered from a note: a heading whose section is its answer.
public struct Question: Sendable, Hashable, Codable {
    /// The question as the reader sees it (without a card number such as `3.`).
    public var title: String
    /// The number the source gave it (`3.` of a card `3.title`), the reader's label for it.
    public var number: Int?
    /// 1-based line of its heading in `NormalizedNote.markdown`.
    public var markdownLine: Int
    /// The line of the question in the original file.
    public var sourceLine: Int
    /// Questions asked after this one, each a heading one level below.
    public var followUps: [Question]

    public init(title: String, number: Int? = nil, markdownLine: Int, sourceLine: Int, followUps: [Question] = []) {
        self.title = title
        self.number = number
        self.markdownLine = markdownLine
        self.sourceLine = sourceLine
        self.followUps = followUps
    }
}

/// What a heading of the normalised Markdown stands for. A `topic` is a collapsible section that asks
/// nothing (a Notion toggle such as `sigmoid` or `优点`): shown folded like a question, never counted as one.
public enum HeadingRole: String, Sendable, Hashable, Codable {
    case title, section, question, followUp = "follow-up", topic
}

/// One heading of the normalised Markdown, with where it came from.
public struct NormalizedHeading: Sendable, Hashable, Codable {
    public var level: Int
    public var text: String
    public var role: HeadingRole
    /// The card number the normaliser took off a question heading (`3.title` → `title`), its label.
    public var number: Int?
    /// 1-based line in `NormalizedNote.markdown`.
    public var markdownLine: Int
    /// Line in the original file.
    public var sourceLine: Int

    public init(level: Int, text: String, role: HeadingRole, number: Int? = nil, markdownLine: Int, sourceLine: Int) {
        self.level = level
        self.text = text
        self.role = role
        self.number = number
        self.markdownLine = markdownLine
        self.sourceLine = sourceLine
    }
}

/// A note rewritten as clean Markdown: one `#` title, sections, questions as headings, answers below.
public struct NormalizedNote: Sendable {
    public var format: SourceFormat
    public var markdown: String
    /// Markdown lines → ORIGINAL file lines (already composed with the input's map).
    public var lineMap: LineMap
    public var title: String?
    /// Top-level questions in reading order; follow-ups nest inside.
    public var questions: [Question]
    public var diagnostics: [Diagnostic]
    /// Every heading of `markdown` in order, with its role.
    public var headings: [NormalizedHeading]

    public init(
        format: SourceFormat, markdown: String, lineMap: LineMap, title: String?, questions: [Question],
        diagnostics: [Diagnostic], headings: [NormalizedHeading] = []
    ) {
        self.format = format
        self.markdown = markdown
        self.lineMap = lineMap
        self.title = title
        self.questions = questions
        self.diagnostics = diagnostics
        self.headings = headings
    }
}
