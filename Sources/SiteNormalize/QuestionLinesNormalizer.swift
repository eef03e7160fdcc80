import SiteCore

/// One question per line: `Question? > part > part`. Bare short lines are section titles; `- …`
/// lines and bare URLs continue the answer above. Each answer part becomes its own paragraph (a part
/// `2. …` is a numbered item), so formulas stay on their own lines.
enum QuestionLinesNormalizer {
    static func normalize(_ input: NormalizerInput) -> NormalizedNote {
        var w = OutlineWriter(input: input)
        var sawSection = false
        var inList = false
        for (index, line) in input.text.sourceLines.enumerated() {
            let n = index + 1
            let text = line.trimmed
            if text.isEmpty {
                w.blankLine(from: n)
                inList = false
                continue
            }
            let parts = AnswerParts.split(line)
            if parts.count >= 2 {
                w.heading(sawSection ? 3 : 2, parts[0].text, role: .question, from: n)
                for part in parts.dropFirst() {
                    w.line(escapeBlockStart(part.text), from: n, dedent: part.column - 1)
                    w.line("", from: n)
                }
                inList = false
                continue
            }
            if isListItem(text) {
                if !inList { w.blankLine(from: n) }
                w.line(line, from: n)
                inList = true
                continue
            }
            inList = false
            if isBareURL(text) {
                w.blankLine(from: n)
                w.line(text, from: n, dedent: line.count - text.count)
                w.line("", from: n)
            } else if text.hasSuffix("?") || text.hasSuffix("？") {
                w.heading(sawSection ? 3 : 2, text, role: .question, from: n)
            } else if text.count <= 40, !text.contains("。") {
                w.heading(2, text, role: .section, from: n)
                sawSection = true
            } else {
                w.warn("a line that is neither a question (no ‘ > ’) nor a short section title; kept as a paragraph of the answer above",
                       code: "ambiguous-line", bodyLine: n)
                w.blankLine(from: n)
                w.line(line, from: n)
                w.line("", from: n)
            }
        }
        return w.finish(format: .questionLines, title: input.frontMatterTitle)
    }

    static func isListItem(_ text: String) -> Bool {
        text.hasPrefix("- ") || text.hasPrefix("* ") || text.hasPrefix("+ ") || text == "-"
    }

    static func isBareURL(_ text: String) -> Bool {
        (text.hasPrefix("http://") || text.hasPrefix("https://")) && !text.contains(where: \.isWhitespace)
    }

    /// A part starting with `#` would become a heading: escape it.
    static func escapeBlockStart(_ text: String) -> String {
        text.hasPrefix("#") ? "\\" + text : text
    }
}
