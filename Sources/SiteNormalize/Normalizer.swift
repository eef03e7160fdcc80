import SiteCore

/// Reads a note in any supported export format into one clean Markdown outline: a `#` title,
/// sections, questions as headings with their answers below, follow-ups one level deeper.
public enum Normalizer {
    /// The format of `input`: `declaredFormat` when given, otherwise guessed from the content.
    public static func detect(_ input: NormalizerInput) -> SourceFormat {
        FormatDetector.detect(input)
    }

    /// The note rewritten as clean Markdown, with questions, a line map into the original file and
    /// a warning for every guess the rewrite had to make.
    public static func normalize(_ input: NormalizerInput) -> NormalizedNote {
        let format = detect(input)
        let note: NormalizedNote
        switch format {
        case .markdown: return passThrough(input)
        case .notionToggle: note = NotionToggleNormalizer.normalize(input)
        case .notionMarkdown: note = NotionMarkdownNormalizer.normalize(input)
        case .questionLines: note = QuestionLinesNormalizer.normalize(input)
        case .noteList: note = NoteListNormalizer.normalize(input)
        case .jekyll: note = JekyllNormalizer.normalize(input)
        }
        return CJKEmphasis.repair(note, path: input.path)
    }

    /// Clean Markdown is left byte for byte as it is; only its headings are listed.
    static func passThrough(_ input: NormalizerInput) -> NormalizedNote {
        var headings: [NormalizedHeading] = []
        var fence = CodeFence()
        for (i, line) in input.text.sourceLines.enumerated() {
            if fence.consume(line) { continue }
            if let h = ATXHeading.parse(line) {
                headings.append(NormalizedHeading(
                    level: h.level, text: h.text, role: h.level == 1 ? .title : .section, markdownLine: i + 1,
                    sourceLine: input.lineMap.original(line: i + 1).line))
            }
        }
        let title = input.frontMatterTitle ?? headings.first { $0.level == 1 }?.text
        return NormalizedNote(
            format: .markdown, markdown: input.text, lineMap: input.lineMap, title: title, questions: [],
            diagnostics: TextChecks.run(input), headings: headings)
    }
}

/// Tracks fenced code blocks (```` ``` ```` / `~~~`) line by line.
struct CodeFence {
    private var open: (char: Character, count: Int)?

    /// Whether `line` belongs to a fenced block (its fences included).
    mutating func consume(_ line: Substring) -> Bool {
        let t = line.drop { $0 == " " }
        guard let c = t.first, c == "`" || c == "~" else { return open != nil }
        let run = t.prefix { $0 == c }.count
        if let o = open {
            if c == o.char, run >= o.count, t.dropFirst(run).isBlankLine { open = nil }
            return true
        }
        guard run >= 3 else { return false }
        open = (c, run)
        return true
    }
}
