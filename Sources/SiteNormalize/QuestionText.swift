/// Word-level judgements about a single title or line: is it a question, a facet, a sentence?
enum QuestionText {
    /// Openings that make a Chinese or English title a question even without a question mark: question
    /// words and the prompts of interview questions (`简述…`).
    static let questionOpenings = [
        "为何", "怎样", "可否", "简述", "简单介绍", "介绍", "说说", "谈谈", "说一说", "讲讲", "解释", "比较", "请",
        "why ", "how ", "what ", "when ", "which ", "explain ",
    ]
    /// Question words that ask wherever they stand in a Chinese title (`BN如何加速训练`).
    static let questionWords = ["为什么", "如何", "怎么", "什么", "是否", "哪些", "能否", "区别"]

    /// Whether `title` is phrased as a question: a question mark, a question opening or question word.
    /// A bare facet (`区别`) names an aspect of its topic and asks nothing.
    static func looksLikeQuestion(_ title: String) -> Bool {
        let t = stripEmphasis(title).trimmed
        if t.contains("?") || t.contains("？") { return true }
        if isFacet(t) { return false }
        let lower = t.lowercased()
        if questionOpenings.contains(where: { lower.hasPrefix($0) }) { return true }
        if t.hasSuffix("吗") { return true }
        return questionWords.contains { t.contains($0) }
    }

    /// Facet titles: aspects of the topic above them rather than topics of their own.
    static let facetTitles: Set<String> = [
        "优点", "缺点", "优缺点", "优势", "劣势", "要求", "问题", "特点", "作用", "应用", "应用场景", "原理", "定义",
        "性质", "区别", "总结", "注意", "注意事项", "例子", "示例", "公式", "推导", "缺陷", "局限", "局限性", "改进",
        "相关问题", "常见问题", "面试题", "追问", "pros", "cons", "advantages", "disadvantages",
    ]

    static func isFacet(_ title: String) -> Bool {
        var t = stripEmphasis(title).trimmed
        while let last = t.last, ":：".contains(last) { t.removeLast() }
        return facetTitles.contains(t.lowercased())
    }

    /// A `▼` line that carries a sentence (a bullet with a toggle arrow), not a title.
    static func isSentenceLike(_ text: String) -> Bool {
        if text.contains(where: { "。，；：".contains($0) }) { return true }
        if text.contains(", ") || text.contains(": ") || text.contains("; ") { return true }
        return text.count > (looksLikeQuestion(text) ? 80 : 50)
    }

    /// Facets that gather questions (`问题`) rather than describe the topic above (`优点`).
    static func isQuestionGroup(_ title: String) -> Bool {
        ["问题", "相关问题", "常见问题", "面试题", "追问"].contains(stripEmphasis(title).trimmed)
    }

    /// `**x**` → `x` when the emphasis wraps the whole title.
    static func stripEmphasis(_ title: String) -> String {
        let t = title.trimmed
        for mark in ["**", "__"] where t.count > 2 * mark.count && t.hasPrefix(mark) && t.hasSuffix(mark) {
            let inner = t.dropFirst(mark.count).dropLast(mark.count)
            if !inner.contains(mark) { return String(inner).trimmed }
        }
        return t
    }

    /// The title a question list shows: no wrapping emphasis, no card number such as `12.`.
    static func displayTitle(_ heading: String) -> String {
        let t = stripEmphasis(heading)
        return CardNumber.split(t)?.title ?? t
    }
}

/// A card number at the start of a line: `3.title`, `3. title`, `3、title`, `3．title`.
enum CardNumber {
    static func split(_ line: String) -> (number: Int, title: String)? {
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 3, let n = Int(digits) else { return nil }
        let rest = line.dropFirst(digits.count)
        guard let mark = rest.first, ".．、".contains(mark) else { return nil }
        let title = String(rest.dropFirst()).trimmed
        // `1.5 倍` or `3.14` are numbers, not card numbers.
        if let c = title.first, c.isASCII, c.isNumber { return nil }
        return title.isEmpty ? nil : (n, title)
    }
}

extension StringProtocol {
    /// Without leading and trailing whitespace (spaces, tabs, full-width spaces).
    var trimmed: String {
        guard let start = firstIndex(where: { !$0.isWhitespace }),
              let end = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[start...end])
    }

    var isBlankLine: Bool { allSatisfy(\.isWhitespace) }

    /// Number of leading spaces, a tab counting as 4.
    var indentWidth: Int {
        var n = 0
        for c in self {
            if c == " " { n += 1 } else if c == "\t" { n += 4 } else { break }
        }
        return n
    }

    /// The line without its first `width` columns of indentation (fewer if it has fewer), and how
    /// many characters were removed.
    func dedented(by width: Int) -> (text: String, removed: Int) {
        var n = 0, count = 0
        for c in self {
            guard n < width else { break }
            if c == " " { n += 1 } else if c == "\t" { n += 4 } else { break }
            count += 1
        }
        return (String(dropFirst(count)), count)
    }
}
