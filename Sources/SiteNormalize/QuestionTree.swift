/// Turns the flat heading list into nested `Question`s: a question heading inside another
/// question's answer is a follow-up of it (and is re-labelled `.followUp`).
enum QuestionTree {
    static func build(_ headings: inout [NormalizedHeading]) -> [Question] {
        var parent = [Int?](repeating: nil, count: headings.count)
        var stack: [Int] = []
        for i in headings.indices {
            while let top = stack.last, headings[top].level >= headings[i].level { stack.removeLast() }
            parent[i] = stack.last
            stack.append(i)
        }
        var askedUnder = [Int?](repeating: nil, count: headings.count)
        var topLevel: [Int] = []
        for i in headings.indices where headings[i].role == .question || headings[i].role == .followUp {
            var p = parent[i]
            while let q = p, headings[q].role != .question, headings[q].role != .followUp { p = parent[q] }
            if let q = p {
                askedUnder[i] = q
                headings[i].role = .followUp
            } else {
                headings[i].role = .question
                topLevel.append(i)
            }
        }
        var children = [[Int]](repeating: [], count: headings.count)
        for i in headings.indices { if let q = askedUnder[i] { children[q].append(i) } }
        func question(_ i: Int) -> Question {
            var title = QuestionText.displayTitle(headings[i].text)
            // A top-level facet (`要求`) means nothing in a question list without its topic.
            if askedUnder[i] == nil, QuestionText.isFacet(title), let p = parent[i] {
                title = QuestionText.displayTitle(headings[p].text) + "：" + title
            }
            return Question(
                title: title, number: headings[i].number, markdownLine: headings[i].markdownLine,
                sourceLine: headings[i].sourceLine, followUps: children[i].map(question))
        }
        return topLevel.map(question)
    }
}
