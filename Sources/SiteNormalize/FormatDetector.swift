import SiteCore

/// Guesses the export format from the content (and front matter keys), never from the file name.
enum FormatDetector {
    /// Front matter keys only Jekyll-style posts carry.
    static let jekyllKeys: Set<String> = ["layout", "categories", "permalink"]

    static func detect(_ input: NormalizerInput) -> SourceFormat {
        if let declared = input.declaredFormat { return declared }
        if !input.frontMatterKeys.isDisjoint(with: jekyllKeys) { return .jekyll }
        let lines = input.text.sourceLines
        let nonBlank = lines.filter { !$0.isBlankLine }
        guard !nonBlank.isEmpty else { return .markdown }
        if lines.count(where: { ToggleLine.parse($0) != nil }) >= 2 { return .notionToggle }
        if lines.count(where: { $0.utf8.count <= 12 && $0.trimmed.lowercased() == "note" }) >= 2 { return .noteList }
        if lines.indices.count(where: { BoldQuestionBullet.opensAnswer(at: $0, in: lines) }) >= 2 { return .notionMarkdown }
        // One-line questions never come with headings; only then is splitting every line worth it.
        guard !lines.contains(where: { ATXHeading.parse($0) != nil }) else { return .markdown }
        let questionLines = lines.count { $0.containsBytes(" >") && AnswerParts.split($0).count >= 2 }
        if questionLines >= 2, questionLines * 4 >= nonBlank.count { return .questionLines }
        return .markdown
    }
}

/// A `▼ title` / `- ▼ title` line of a flattened Notion toggle outline.
struct ToggleLine {
    var title: String
    /// Written as a bullet (`- ▼`).
    var isBullet: Bool

    static func parse(_ line: Substring) -> ToggleLine? {
        var rest = line.drop { $0 == " " || $0 == "\t" }
        var bullet = false
        if rest.hasPrefix("- ") || rest.hasPrefix("* ") {
            bullet = true
            rest = rest.dropFirst(2).drop { $0 == " " }
        }
        guard rest.first == "▼" else { return nil }
        return ToggleLine(title: rest.dropFirst().trimmed, isBullet: bullet)
    }
}

/// `- **Question?**` at column 0, optionally followed by more text on the same line.
struct BoldQuestionBullet {
    var title: String
    var rest: String

    static func parse(_ line: Substring) -> BoldQuestionBullet? {
        guard line.hasPrefix("- **") || line.hasPrefix("* **") || line.hasPrefix("+ **") else { return nil }
        let inner = line.dropFirst(4)
        guard let close = inner.firstRange(of: "**") else { return nil }
        let title = inner[..<close.lowerBound].trimmed
        guard !title.isEmpty else { return nil }
        return BoldQuestionBullet(title: title, rest: inner[close.upperBound...].trimmed)
    }

    /// A bullet that is only a bold question, followed by an indented (or blank) line: the shape of
    /// Notion's export, unlike an ordinary list of `- **term**：explanation` items.
    static func opensAnswer(at index: Int, in lines: [Substring]) -> Bool {
        guard let bullet = parse(lines[index]), bullet.rest.isEmpty else { return false }
        guard index + 1 < lines.count else { return true }
        let next = lines[index + 1]
        return next.isBlankLine || next.indentWidth >= 2
    }
}

/// An ATX heading line (`## Title ##`), at most 3 spaces indented.
struct ATXHeading {
    var level: Int
    var text: String

    static func parse(_ line: Substring) -> ATXHeading? {
        let indent = line.prefix { $0 == " " }.count
        guard indent <= 3 else { return nil }
        let rest = line.dropFirst(indent)
        let hashes = rest.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes) else { return nil }
        let after = rest.dropFirst(hashes)
        guard after.isEmpty || after.first == " " || after.first == "\t" else { return nil }
        var text = after.trimmed
        // An optional closing sequence of `#`s preceded by a space.
        if let lastNonHash = text.lastIndex(where: { $0 != "#" }), text[lastNonHash] == " " {
            text = String(text[...lastNonHash]).trimmed
        } else if text.allSatisfy({ $0 == "#" }) {
            text = ""
        }
        return ATXHeading(level: hashes, text: text)
    }
}
