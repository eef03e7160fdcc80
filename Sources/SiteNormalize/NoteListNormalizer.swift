import SiteCore

/// A title line, then cards separated by `note` lines: the first line of a card (`12.title`) is the
/// question, the rest its answer. Follow-up blocks (`可能会顺着问的问题:`, `可能会追加的问题:…`) turn
/// into follow-up questions one level below; a short line ending in `?` inside an answer is read as
/// an unmarked follow-up, with a warning.
enum NoteListNormalizer {
    private enum Mode { case intro, answer, followUpList, followUpAnswer }

    static func normalize(_ input: NormalizerInput) -> NormalizedNote {
        var w = OutlineWriter(input: input)
        let lines = input.text.sourceLines
        var title = input.frontMatterTitle
        var mode = Mode.intro
        var afterNote = false
        var sawNote = false
        var sawContent = false
        var inList = false
        for (index, line) in lines.enumerated() {
            let n = index + 1
            let text = line.trimmed
            if text.isEmpty {
                w.blankLine(from: n)
                inList = false
                continue
            }
            if text.lowercased() == "note" {
                afterNote = true
                sawNote = true
                continue
            }
            defer { sawContent = true }
            if !sawContent, !afterNote, CardNumber.split(text) == nil {
                title = text
                w.heading(1, text, role: .title, from: n)
                continue
            }
            if afterNote || (!sawNote && CardNumber.split(text) != nil) {
                afterNote = false
                w.heading(2, text, role: .question, from: n)
                mode = .answer
                inList = false
                continue
            }
            if mode != .intro, let marker = FollowUpMarker.parse(text) {
                w.blankLine(from: n)
                w.line(marker.label, from: n)
                w.line("", from: n)
                if let question = marker.inlineQuestion {
                    w.heading(3, question, role: .question, from: n)
                    mode = .followUpAnswer
                } else {
                    mode = .followUpList
                }
                inList = false
                continue
            }
            if mode == .followUpList, QuestionLinesNormalizer.isListItem(text) {
                let item = String(text.dropFirst(2)).trimmed
                let split = FollowUpMarker.splitQuestion(item)
                if split.answer.isEmpty {
                    w.warn("follow-up ‘\(item)’ has no question mark or colon to end the question; all of it is the question",
                           code: "follow-up-guess", bodyLine: n)
                }
                w.heading(3, split.question, role: .question, from: n)
                if !split.answer.isEmpty { w.line(split.answer, from: n, dedent: line.count - split.answer.count) }
                continue
            }
            if mode == .answer, looksLikeUnmarkedFollowUp(text), hasMoreAnswer(after: index, in: lines) {
                w.warn("‘\(text)’ inside an answer read as a follow-up question", code: "follow-up-guess", bodyLine: n)
                w.heading(3, text, role: .question, from: n)
                mode = .followUpAnswer
                continue
            }
            if QuestionLinesNormalizer.isListItem(text) {
                if !inList { w.blankLine(from: n) }
                w.line(line, from: n)
                inList = true
            } else {
                w.blankLine(from: n)
                w.line(line, from: n)
                w.line("", from: n)
                inList = false
            }
        }
        return w.finish(format: .noteList, title: title)
    }

    static func looksLikeUnmarkedFollowUp(_ text: String) -> Bool {
        !QuestionLinesNormalizer.isListItem(text) && (text.hasSuffix("?") || text.hasSuffix("？")) && text.count <= 60
    }

    /// Whether a non-blank line that is not `note` follows line index `index` (the follow-up's answer).
    static func hasMoreAnswer(after index: Int, in lines: [Substring]) -> Bool {
        guard let next = lines[(index + 1)...].first(where: { !$0.isBlankLine }) else { return false }
        return next.trimmed.lowercased() != "note"
    }
}

/// `可能会顺着问的问题:` or `可能会追加的问题:为什么…?`: a line announcing follow-up questions.
struct FollowUpMarker {
    var label: String
    var inlineQuestion: String?

    static let openings = ["可能会", "可能还会", "还可能", "追问", "延伸问题", "相关问题", "面试官可能"]

    static func parse(_ text: String) -> FollowUpMarker? {
        guard openings.contains(where: { text.hasPrefix($0) }),
              let colon = text.firstIndex(where: { $0 == ":" || $0 == "：" }),
              text.distance(from: text.startIndex, to: colon) <= 16,
              text[..<colon].contains("问") else { return nil }
        let label = String(text[...colon])
        let rest = String(text[text.index(after: colon)...]).trimmed
        return FollowUpMarker(label: label, inlineQuestion: rest.isEmpty ? nil : rest)
    }

    /// `为什么…? 因为…` → question `为什么…?` and answer `因为…`; without `?` the first colon splits.
    static func splitQuestion(_ item: String) -> (question: String, answer: String) {
        if let mark = item.firstIndex(where: { $0 == "?" || $0 == "？" }) {
            let end = item.index(after: mark)
            return (String(item[..<end]).trimmed, String(item[end...]).trimmed)
        }
        if let colon = item.firstIndex(where: { $0 == ":" || $0 == "：" }) {
            return (String(item[..<colon]).trimmed, String(item[item.index(after: colon)...]).trimmed)
        }
        return (item, "")
    }
}
