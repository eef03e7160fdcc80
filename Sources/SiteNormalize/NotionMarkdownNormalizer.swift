import SiteCore

/// Notion's Markdown export: a `#` title, then `- **Question?**` bullets whose indented body is the
/// answer. Each bullet becomes a question heading and its body is dedented into normal Markdown.
enum NotionMarkdownNormalizer {
    static func normalize(_ input: NormalizerInput) -> NormalizedNote {
        var w = OutlineWriter(input: input)
        let lines = input.text.sourceLines
        var title = input.frontMatterTitle
        var sectionLevel = 1
        var started = false
        var i = 0
        while i < lines.count {
            let line = lines[i], n = i + 1
            if line.isBlankLine {
                w.blankLine(from: n)
                i += 1
                continue
            }
            defer { started = true }
            if !started, let h = ATXHeading.parse(line), h.level == 1 {
                title = h.text
                w.heading(1, h.text, role: .title, from: n)
                i += 1
                continue
            }
            if let q = BoldQuestionBullet.parse(line) {
                w.heading(sectionLevel + 1, q.title, role: .question, from: n)
                if !q.rest.isEmpty {
                    w.line(q.rest, from: n, dedent: line.count - q.rest.count)
                    w.blankLine(from: n)
                }
                i = writeIndentedBody(after: i, lines: lines, into: &w)
                continue
            }
            if let h = ATXHeading.parse(line), line.first == "#" {
                let level = min(max(2, h.level), sectionLevel + 1)
                sectionLevel = level
                w.heading(level, h.text, role: .section, from: n)
                i += 1
                continue
            }
            w.line(line, from: n)
            i += 1
        }
        return w.finish(format: .notionMarkdown, title: title)
    }

    /// Writes the indented lines after line index `start`, dedented by their smallest indentation,
    /// and returns the index of the first line that is not part of the body.
    private static func writeIndentedBody(after start: Int, lines: [Substring], into w: inout OutlineWriter) -> Int {
        var end = start + 1
        while end < lines.count, lines[end].isBlankLine || lines[end].indentWidth > 0 { end += 1 }
        while end > start + 1, lines[end - 1].isBlankLine { end -= 1 }
        let body = (start + 1)..<end
        let indent = body.filter { !lines[$0].isBlankLine }.map { lines[$0].indentWidth }.min() ?? 0
        for k in body {
            if lines[k].isBlankLine {
                w.blankLine(from: k + 1)
            } else {
                let d = lines[k].dedented(by: indent)
                w.line(d.text, from: k + 1, dedent: d.removed)
            }
        }
        w.blankLine(from: end)
        return end
    }
}
