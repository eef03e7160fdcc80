import SiteCore
import SiteMarkdown

/// Rewrites a note's tree for the reader: `[[wikilinks]]` become links (or visibly missing ones), and the
/// first mention of a topic in each section (or page) links to the topic's page. Never inside headings,
/// code, formulas, links (an author's own link wins) or raw HTML; a topic the section already links to
/// by hand or by wikilink is not linked again.
public struct TopicLinker: Sendable {
    /// Where a wikilink leads: a URL (absolute path, with its anchor), and the topic when it names one.
    public struct Resolution: Sendable {
        public var url: String?
        public var topic: Int?
        /// Why it leads nowhere, for the warning.
        public var problem: String?

        public init(url: String?, topic: Int? = nil, problem: String? = nil) {
            self.url = url
            self.topic = topic
            self.problem = problem
        }
    }

    public var matcher: TopicMatcher
    public var policy: SiteConfig.TopicLinks
    /// The URL of each topic's page (absolute path); `nil` for a topic without one.
    public let topicURLs: [String?]
    /// Each topic link's title (`主题：` and the topic's name), made once per topic: every link to a topic
    /// shares its string.
    private let linkTitles: [String]

    public init(matcher: TopicMatcher, policy: SiteConfig.TopicLinks, topicURLs: [String?], topicNames: [String]) {
        self.matcher = matcher
        self.policy = policy
        self.topicURLs = topicURLs
        linkTitles = topicNames.map { "主题：\($0)" }
        topicByURL = Dictionary(topicURLs.enumerated().compactMap { i, url in url.map { ($0, i) } }) { a, _ in a }
    }

    /// The topic whose page each URL is.
    private let topicByURL: [String: Int]

    public struct Result: Sendable {
        public var document: MarkdownNode
        /// Wikilinks that lead nowhere, with the line of their paragraph and why.
        public var unresolved: [(wikilink: Wikilink, line: Int, problem: String)] = []
        public var topicLinks = 0
        public var wikilinks = 0
    }

    /// The CSS classes of the links made here.
    public static let topicLinkClass = "topic-link"
    public static let wikilinkClass = "wikilink"
    public static let missingLinkClass = "wikilink missing-link"

    /// - Parameter memo: matches already found in the document's texts (by `NoteTopics`).
    public func rewrite(_ document: MarkdownNode, memo: TopicMatcher.Memo = .init(), resolve: (Wikilink) -> Resolution) -> Result {
        var result = Result(document: document)
        var linked: Set<Int> = []

        func linkTopics(in text: String) -> [MarkdownNode] {
            guard policy != .off else { return [MarkdownNode(.text(text))] }
            var nodes: [MarkdownNode] = []
            let bytes = Array(text.utf8)
            var cursor = 0
            for match in matcher.matches(in: text, memo: memo) where !linked.contains(match.topic) {
                guard let url = topicURLs[match.topic] else { continue }
                linked.insert(match.topic)
                if match.range.lowerBound > cursor {
                    nodes.append(MarkdownNode(.text(String(decoding: bytes[cursor..<match.range.lowerBound], as: UTF8.self))))
                }
                let name = String(decoding: bytes[match.range], as: UTF8.self)
                nodes.append(MarkdownNode(.siteLink(destination: url, title: linkTitles[match.topic], className: Self.topicLinkClass),
                                          children: [MarkdownNode(.text(name))]))
                cursor = match.range.upperBound
                result.topicLinks += 1
            }
            if cursor == 0 { return [MarkdownNode(.text(text))] }
            if cursor < bytes.count { nodes.append(MarkdownNode(.text(String(decoding: bytes[cursor...], as: UTF8.self)))) }
            return nodes
        }

        /// Wikilinks resolved, the text between them passed to `plain`.
        func resolveWikilinks(in text: String, line: Int, plain: (String) -> [MarkdownNode]) -> [MarkdownNode] {
            let found = Wikilink.all(in: text)
            guard !found.isEmpty else { return plain(text) }
            let bytes = Array(text.utf8)
            var nodes: [MarkdownNode] = []
            var cursor = 0
            for wikilink in found {
                if wikilink.range.lowerBound > cursor {
                    nodes += plain(String(decoding: bytes[cursor..<wikilink.range.lowerBound], as: UTF8.self))
                }
                let resolution = resolve(wikilink)
                result.wikilinks += 1
                let label = [MarkdownNode(.text(wikilink.text))]
                if let url = resolution.url {
                    if let topic = resolution.topic { linked.insert(topic) }
                    nodes.append(MarkdownNode(.siteLink(destination: url, title: "", className: Self.wikilinkClass), children: label))
                } else {
                    let problem = resolution.problem ?? "nothing is named '\(wikilink.target)'"
                    result.unresolved.append((wikilink, line, problem))
                    nodes.append(MarkdownNode(.siteLink(destination: nil, title: "缺少链接目标：\(wikilink.target.isEmpty ? "#" + (wikilink.heading ?? "") : wikilink.target)",
                                                        className: Self.missingLinkClass), children: label))
                }
                cursor = wikilink.range.upperBound
            }
            if cursor < bytes.count { nodes += plain(String(decoding: bytes[cursor...], as: UTF8.self)) }
            return nodes
        }

        // The rewrites below return nil for a node or list of children they leave as it was, so that the
        // linked tree shares every unchanged part with the parsed one instead of holding a second copy.
        func rewrite(_ node: MarkdownNode, line: Int, inHeading: Bool) -> MarkdownNode? {
            let line = node.range?.startLine ?? line
            let children: [MarkdownNode]?
            switch node.kind {
            case .heading:
                if policy == .firstPerSection { linked.removeAll() }
                children = rewriteInlines(node.children, line: line, autoLinks: false)
            case .link(let destination, _):
                if let topic = topicByURL[destination] { linked.insert(topic) }
                return nil
            case .codeBlock, .htmlBlock, .image, .code, .htmlInline, .siteLink:
                return nil
            default:
                if node.children.contains(where: { !$0.isBlock }) {
                    // Raw HTML among the inlines may open an `<a>` or `<code>`: no topic links there.
                    let rawHTML = node.children.contains { if case .htmlInline = $0.kind { true } else { false } }
                    children = rewriteInlines(node.children, line: line, autoLinks: !inHeading && !rawHTML)
                } else {
                    children = rewriteEach(node.children) { rewrite($0, line: line, inHeading: inHeading) }
                }
            }
            guard let children else { return nil }
            var node = node
            node.children = children
            return node
        }

        /// `nodes` with each one `rewrite` changes replaced; nil when it changes none.
        func rewriteEach(_ nodes: [MarkdownNode], _ rewrite: (MarkdownNode) -> MarkdownNode?) -> [MarkdownNode]? {
            var out: [MarkdownNode]?
            for (i, node) in nodes.enumerated() {
                guard let changed = rewrite(node) else { continue }
                if out == nil { out = nodes }
                out![i] = changed
            }
            return out
        }

        /// Inline children with adjacent text joined (cmark splits text at brackets, and a wikilink spans them).
        func rewriteInlines(_ children: [MarkdownNode], line: Int, autoLinks: Bool) -> [MarkdownNode]? {
            var out: [MarkdownNode] = []
            var changed = false
            var run = ""
            var runFirst: MarkdownNode?, runCount = 0
            var breaks = 0
            var runLine = line
            func flush() {
                guard !run.isEmpty else { return }
                let nodes = resolveWikilinks(in: run, line: runLine) { autoLinks ? linkTopics(in: $0) : [MarkdownNode(.text($0))] }
                if runCount == 1, let runFirst, nodes.count == 1, case .text(let text) = nodes[0].kind, text == run {
                    out.append(runFirst)
                } else {
                    out += nodes
                    changed = true
                }
                run = ""
                (runFirst, runCount) = (nil, 0)
            }
            for child in children {
                switch child.kind {
                case .text(let s):
                    if run.isEmpty { (runLine, runFirst) = (line + breaks, child) }
                    run += s
                    runCount += 1
                case .softBreak, .lineBreak:
                    flush()
                    breaks += 1
                    out.append(child)
                case .emphasis, .strong, .strikethrough, .other:
                    flush()
                    if let inner = rewriteInlines(child.children, line: line + breaks, autoLinks: autoLinks) {
                        var copy = child
                        copy.children = inner
                        out.append(copy)
                        changed = true
                    } else {
                        out.append(child)
                    }
                default:
                    flush()
                    if let rewritten = rewrite(child, line: line + breaks, inHeading: !autoLinks) {
                        out.append(rewritten)
                        changed = true
                    } else {
                        out.append(child)
                    }
                }
            }
            flush()
            return changed ? out.tight : nil
        }

        result.document = rewrite(document, line: 1, inHeading: false) ?? document
        return result
    }
}
