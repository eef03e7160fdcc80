import SiteCore

/// A Notion toggle outline flattened to text. `▼ title` lines become headings whose nesting
/// `ToggleHierarchy` rebuilds; empty toggles (`▼` alone) merge into the heading above; a `▼` line
/// carrying a sentence is a bullet, one whose only content was an image is a caption; blank runs
/// where images were are reported. The first line before any toggle is the page title.
enum NotionToggleNormalizer {
    enum Entry {
        case title(String)
        case toggle(ToggleLine)
        case emptyToggle
        /// Text written as it is; `dedent` characters were removed from the source line.
        case text(String, dedent: Int)
        case blank
        /// A lone bullet glyph (`▪`) with nothing after it: markup, dropped.
        case marker
    }

    static let imageGapLength = 3

    static func normalize(_ input: NormalizerInput) -> NormalizedNote {
        var w = OutlineWriter(input: input)
        var entries = scan(input.text.sourceLines, writer: &w)
        convertCaptions(&entries, writer: &w)
        let toggleEntries = entries.indices.filter { if case .toggle = entries[$0].entry { true } else { false } }
        let hierarchy = ToggleHierarchy(nodes(entries, toggleEntries))
        for g in hierarchy.guesses {
            let title = hierarchy.nodes[g.node].title
            w.warn("heading level guessed for ‘\(title)’: \(g.reason)", code: "heading-level-guess",
                   bodyLine: entries[toggleEntries[g.node]].line)
        }
        var nodeOfEntry: [Int: Int] = [:]
        for (node, entry) in toggleEntries.enumerated() { nodeOfEntry[entry] = node }

        var title = input.frontMatterTitle
        var blankRun = 0
        for (k, e) in entries.enumerated() {
            if case .blank = e.entry {
                blankRun += 1
                if blankRun == imageGapLength {
                    w.warn("blank lines where the export dropped an image", code: "image-lost", bodyLine: e.line - imageGapLength + 1)
                }
                w.blankLine(from: e.line)
                continue
            }
            blankRun = 0
            switch e.entry {
            case .title(let text):
                title = text
                w.heading(1, text, role: .title, from: e.line)
            case .toggle(let t):
                guard let node = nodeOfEntry[k] else { continue }
                w.heading(hierarchy.level(node), t.title, role: role(node, in: hierarchy), from: e.line)
            case .text(let text, let dedent):
                w.line(text, from: e.line, dedent: dedent)
            case .emptyToggle, .marker, .blank:
                continue
            }
        }
        return w.finish(format: .notionToggle, title: title)
    }

    /// A question is a toggle phrased as one. A facet holds questions (`问题 › 为什么…`: a section) or points
    /// (`缺点 › 梯度消失`: the points are sections of its body); any other toggle with sub-topics is a section,
    /// and the rest (a leaf topic, a facet such as `优点`) are collapsible topics.
    static func role(_ n: Int, in h: ToggleHierarchy) -> HeadingRole {
        let node = h.nodes[n]
        if node.isQuestion { return .question }
        if let p = node.parent, h.nodes[p].isFacet { return .section }
        let subTopics = node.children.contains { !h.nodes[$0].isFacet && (!node.isFacet || h.nodes[$0].isQuestion) }
        return subTopics ? .section : .topic
    }

    // MARK: scanning

    static func scan(_ lines: [Substring], writer w: inout OutlineWriter) -> [(line: Int, entry: Entry)] {
        var out: [(Int, Entry)] = []
        var sawToggle = false
        var sawText = false
        for (i, line) in lines.enumerated() {
            let n = i + 1
            if line.isBlankLine {
                out.append((n, .blank))
                continue
            }
            if let t = ToggleLine.parse(line) {
                sawToggle = true
                if t.title.isEmpty {
                    out.append((n, .emptyToggle))
                } else if QuestionText.isSentenceLike(t.title) {
                    w.warn("a ‘▼’ line that holds a sentence is read as \(t.isBullet ? "a bullet" : "text"), not a heading",
                           code: "toggle-as-text", bodyLine: n)
                    out.append((n, .text(t.isBullet ? "- " + t.title : t.title, dedent: 0)))
                } else {
                    out.append((n, .toggle(t)))
                }
                continue
            }
            let text = line.trimmed
            if text.count == 1, "▪•◦".contains(text) {
                out.append((n, .marker))
            } else if !sawToggle, !sawText, text.count <= 60, !text.hasPrefix("- "), !text.hasPrefix("$") {
                out.append((n, .title(text)))
            } else {
                out.append((n, .text(String(line), dedent: 0)))
            }
            sawText = true
        }
        return out
    }

    /// A non-facet toggle whose only content is an image gap, followed by more toggles, held a
    /// picture and a caption: its title becomes text where it stands.
    static func convertCaptions(_ entries: inout [(line: Int, entry: Entry)], writer w: inout OutlineWriter) {
        for k in entries.indices {
            guard case .toggle(let t) = entries[k].entry, !QuestionText.isFacet(t.title) else { continue }
            let body = bodyRange(after: k, in: entries)
            guard body.upperBound < entries.count else { continue }
            let shape = bodyShape(entries[body])
            if shape.textLines == 0, shape.links == 0, shape.longestBlankRun >= imageGapLength {
                w.warn("toggle ‘\(t.title)’ held only an image; its title is kept as a caption line",
                       code: "toggle-as-text", bodyLine: entries[k].line)
                entries[k].entry = .text(t.isBullet ? "- " + t.title : t.title, dedent: 0)
            }
        }
    }

    static func nodes(_ entries: [(line: Int, entry: Entry)], _ toggleEntries: [Int]) -> [ToggleHierarchy.Node] {
        var nodes: [ToggleHierarchy.Node] = toggleEntries.compactMap { k in
            guard case .toggle(let t) = entries[k].entry else { return nil }
            let body = bodyRange(after: k, in: entries)
            let shape = bodyShape(entries[body])
            return ToggleHierarchy.Node(
                title: t.title, isFacet: QuestionText.isFacet(t.title), isQuestion: QuestionText.looksLikeQuestion(t.title),
                isContainer: shape.textLines == 0 && shape.longestBlankRun < imageGapLength && body.upperBound < entries.count,
                contentLines: shape.textLines, hasFacets: false, parent: nil)
        }
        for i in nodes.indices {
            nodes[i].hasFacets = nodes.indices.contains(i + 1) && nodes[i + 1].isFacet
                && !QuestionText.isQuestionGroup(nodes[i + 1].title)
        }
        return nodes
    }

    /// The entries after toggle entry `k` up to the next toggle.
    static func bodyRange(after k: Int, in entries: [(line: Int, entry: Entry)]) -> Range<Int> {
        var end = k + 1
        while end < entries.count {
            if case .toggle = entries[end].entry { break }
            end += 1
        }
        return (k + 1)..<end
    }

    static func bodyShape(_ body: ArraySlice<(line: Int, entry: Entry)>) -> (textLines: Int, links: Int, longestBlankRun: Int) {
        var textLines = 0, links = 0, run = 0, longest = 0
        for e in body {
            if case .blank = e.entry { run += 1; longest = max(longest, run); continue }
            run = 0
            if case .text(let s, _) = e.entry {
                if isLinkLine(s) { links += 1 } else { textLines += 1 }
            }
        }
        return (textLines, links, longest)
    }

    /// `🔗 <url>` or a bare URL: a reference, not body text.
    static func isLinkLine(_ s: String) -> Bool {
        var t = s.trimmed
        if t.hasPrefix("🔗") { t = String(t.dropFirst()).trimmed }
        if t.hasPrefix("<"), t.hasSuffix(">") { t = String(t.dropFirst().dropLast()) }
        return (t.hasPrefix("http://") || t.hasPrefix("https://")) && !t.contains(where: \.isWhitespace)
    }
}
