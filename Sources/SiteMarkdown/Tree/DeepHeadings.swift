import SiteCore

/// Headings below level 6, which Markdown lacks. Outlines go deeper (a toggle export nested seven levels),
/// so a line of seven or more `#` and a space (`####### 梯度消失`) — a paragraph to cmark-gfm — is read as a
/// heading of that level when it is a paragraph of its own at the top level of the note. The normaliser
/// writes deep headings this way; `HTMLRenderer` renders them as `<p role="heading" aria-level="7">`.
extension MarkdownNode {
    /// The document parsed from `source` with every deep-heading paragraph turned into `.heading(level:)`
    /// (7 or more). The marker must stand in the source as written: `\#######` stays text.
    public func promotingDeepHeadings(source: String) -> MarkdownNode {
        guard case .document = kind else { return self }
        let candidates = children.indices.filter { children[$0].asDeepHeading != nil }
        guard !candidates.isEmpty else { return self }
        let lines = source.sourceLines
        var copy = self
        for i in candidates {
            guard let line = children[i].range?.startLine, line >= 1, line <= lines.count,
                  lines[line - 1].drop(while: { $0 == " " }).hasPrefix("#######"),
                  let heading = children[i].asDeepHeading
            else { continue }
            copy.children[i] = heading
        }
        return copy
    }

    /// A one-line paragraph whose text starts with seven or more `#` and a space or tab, as a heading.
    var asDeepHeading: MarkdownNode? {
        guard case .paragraph = kind, case .text(let first)? = children.first?.kind,
              !children.contains(where: { $0.kind == .softBreak || $0.kind == .lineBreak })
        else { return nil }
        let level = first.prefix { $0 == "#" }.count
        let afterMarker = first.dropFirst(level)
        guard level >= 7, afterMarker.first == " " || afterMarker.first == "\t" else { return nil }
        let text = afterMarker.drop { $0 == " " || $0 == "\t" }
        var heading = MarkdownNode(.heading(level: level), children: children, range: range)
        if text.isEmpty {
            heading.children.removeFirst()
        } else {
            heading.children[0].kind = .text(String(text))
        }
        return heading.children.isEmpty ? nil : heading
    }
}
