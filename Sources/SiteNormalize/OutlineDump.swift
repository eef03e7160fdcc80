import SiteCore

extension NormalizedNote {
    /// The heading tree with roles and original lines, in the style of swift-markdown's tree dumper,
    /// followed by the diagnostics; golden tests compare it and people read it.
    ///
    ///     Document notion-toggle, 20 questions
    ///     └─ Title @3 "深度学习通用面试"
    ///        ├─ Section h2 @5 "基础"
    ///        │  └─ Question h3 @7 "…"
    public func outlineDump(includeDiagnostics: Bool = true) -> String {
        var parent = [Int?](repeating: nil, count: headings.count)
        var stack: [Int] = []
        for i in headings.indices {
            while let top = stack.last, headings[top].level >= headings[i].level { stack.removeLast() }
            parent[i] = stack.last
            stack.append(i)
        }
        var children = [[Int]](repeating: [], count: headings.count)
        var roots: [Int] = []
        for i in headings.indices {
            if let p = parent[i] { children[p].append(i) } else { roots.append(i) }
        }
        let total = questions.reduce(0) { $0 + 1 + followUpCount($1) }
        var out = "Document \(format.rawValue), \(questions.count) questions, \(total - questions.count) follow-ups\n"
        func write(_ i: Int, prefix: String, last: Bool) {
            let h = headings[i]
            let kind: String
            switch h.role {
            case .title: kind = "Title"
            case .section: kind = "Section h\(h.level)"
            case .question: kind = "Question h\(h.level)"
            case .followUp: kind = "FollowUp h\(h.level)"
            case .topic: kind = "Topic h\(h.level)"
            }
            out += prefix + (last ? "└─ " : "├─ ") + "\(kind) @\(h.sourceLine)\(h.number.map { " #\($0)" } ?? "") \"\(h.text)\"\n"
            let childPrefix = prefix + (last ? "   " : "│  ")
            for (k, c) in children[i].enumerated() { write(c, prefix: childPrefix, last: k == children[i].count - 1) }
        }
        for (k, r) in roots.enumerated() { write(r, prefix: "", last: k == roots.count - 1) }
        if includeDiagnostics {
            for d in diagnostics.sortedByLocation() {
                out += "\(d.severity.rawValue) @\(d.location?.line ?? 0) [\(d.code)] \(d.message)\n"
            }
        }
        return out
    }

    private func followUpCount(_ q: Question) -> Int {
        q.followUps.reduce(0) { $0 + 1 + followUpCount($1) }
    }
}
