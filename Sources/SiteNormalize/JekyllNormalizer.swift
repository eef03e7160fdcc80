import SiteCore

/// A Jekyll post: the front matter title becomes the page's `#` heading and body headings are
/// re-levelled (`HeadingLevels`) with wrapping `**…**` removed. Everything else is kept as written.
/// Headings that ask something (or are answered by `**答：**`) are questions.
enum JekyllNormalizer {
    static func normalize(_ input: NormalizerInput) -> NormalizedNote {
        var w = OutlineWriter(input: input)
        let lines = input.text.sourceLines
        var found: [(line: Int, heading: ATXHeading)] = []
        var fence = CodeFence()
        for (i, line) in lines.enumerated() where !fence.consume(line) {
            if let h = ATXHeading.parse(line) { found.append((i, h)) }
        }
        var title = input.frontMatterTitle.map { QuestionText.stripEmphasis($0) }
        var titleIndex: Int?
        if let first = found.first, first.heading.level == 1 {
            let text = QuestionText.stripEmphasis(first.heading.text)
            if let t = title, t == text {
                titleIndex = 0
            } else if title == nil, found.count(where: { $0.heading.level == 1 }) == 1 {
                titleIndex = 0
                title = text
            }
        }
        let body = found.indices.filter { $0 != titleIndex }
        let result = HeadingLevels.normalize(body.map { found[$0].heading.level })
        var levelOfLine: [Int: Int] = [:]
        for (k, index) in body.enumerated() { levelOfLine[found[index].line] = result.levels[k] }
        for guess in result.guesses {
            let h = found[body[guess.index]]
            w.warn("heading level guessed for ‘\(h.heading.text)’: \(guess.reason)", code: "heading-level-guess",
                   bodyLine: h.line + 1)
        }

        if let title, titleIndex == nil {
            w.syntheticHeading(1, title, role: .title, fileLine: 1)
        }
        fence = CodeFence()
        for (i, line) in lines.enumerated() {
            let n = i + 1
            if fence.consume(line) {
                w.line(line, from: n)
                continue
            }
            if let titleIndex, found[titleIndex].line == i {
                w.heading(1, QuestionText.stripEmphasis(found[titleIndex].heading.text), role: .title, from: n)
            } else if let level = levelOfLine[i], let h = ATXHeading.parse(line) {
                let text = QuestionText.stripEmphasis(h.text)
                let asks = QuestionText.looksLikeQuestion(text) || isAnswered(after: i, in: lines)
                w.heading(level, text, role: asks ? .question : .section, from: n)
            } else if line.isBlankLine {
                w.blankLine(from: n)
            } else {
                w.line(line, from: n)
            }
        }
        return w.finish(format: .jekyll, title: title)
    }

    /// Whether the first non-blank line after line index `index` opens with `答：` (bold or not).
    static func isAnswered(after index: Int, in lines: [Substring]) -> Bool {
        guard let next = lines[(index + 1)...].first(where: { !$0.isBlankLine }) else { return false }
        let t = next.trimmed.filter { $0 != "*" }
        return t.hasPrefix("答：") || t.hasPrefix("答:")
    }
}
