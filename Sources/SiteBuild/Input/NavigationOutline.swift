import Foundation
import SiteMarkdown

/// The entries of a navigation file, docsify's `_sidebar.md` or GitBook/mdBook's `SUMMARY.md`: nested
/// list items whose link names a note (`- [第1章 绪论](chapter1/chapter1.md)`), labels without a link
/// (`- 第一部分`) and part headings (`## Part I`) that group the entries after them.
struct NavigationOutline: Equatable {
    struct Entry: Equatable {
        var title: String
        /// The link as written; `nil` for a label.
        var destination: String?
        var line: Int
        var column: Int
        var children: [Entry] = []
    }

    var entries: [Entry]

    init(parsing text: String) {
        entries = Self.entries(in: MarkdownParser.parse(text).children)
    }

    /// Every entry, parents before their children, in reading order.
    var flattened: [Entry] {
        var out: [Entry] = []
        var pending = Array(entries.reversed())
        while let entry = pending.popLast() {
            out.append(entry)
            pending += entry.children.reversed()
        }
        return out
    }

    /// Entries nested deeper than this are left out (a hostile file cannot exhaust the stack).
    static let maximumDepth = 32

    private static func entries(in blocks: [MarkdownNode], depth: Int = 0) -> [Entry] {
        var result: [Entry] = []
        var part: Entry?
        for (i, block) in blocks.enumerated() {
            var found: [Entry] = []
            switch block.kind {
            case .heading(let level):
                // The book's own title (`# Summary`) groups nothing.
                if i == 0 && level == 1 { continue }
                if let part { result.append(part) }
                part = entry(titled: block.plainText, link: nil, at: block)
                continue
            case .list:
                found = block.children.compactMap { item($0, depth: depth) }
            case .paragraph:
                found = links(in: block).map { entry(titled: $0.plainText, link: $0, at: $0) }
            default:
                continue
            }
            if part != nil { part?.children += found } else { result += found }
        }
        if let part { result.append(part) }
        return result
    }

    /// A list item: the first link of its text (or the text, for a label) and its nested lists.
    private static func item(_ node: MarkdownNode, depth: Int) -> Entry? {
        guard let text = node.children.first(where: { if case .paragraph = $0.kind { true } else { false } }) else { return nil }
        let link = links(in: text).first
        var entry = entry(titled: (link ?? text).plainText, link: link, at: link ?? text)
        let lists = node.children.filter { if case .list = $0.kind { true } else { false } }
        if depth < maximumDepth { entry.children = entries(in: lists, depth: depth + 1) }
        return entry.title.isEmpty && entry.children.isEmpty ? nil : entry
    }

    private static func links(in node: MarkdownNode) -> [MarkdownNode] {
        node.collect { if case .link = $0.kind { true } else { false } }
    }

    private static func entry(titled title: String, link: MarkdownNode?, at node: MarkdownNode) -> Entry {
        var destination: String?
        if case .link(let d, _)? = link?.kind { destination = d }
        return Entry(title: title.trimmingCharacters(in: .whitespaces), destination: destination,
                     line: node.range?.startLine ?? 1, column: max(node.range?.startColumn ?? 1, 1))
    }
}
