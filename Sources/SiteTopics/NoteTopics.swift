import Foundation
import SiteCore
import SiteMarkdown

/// What one note contributes to the site's topics, backlinks and questions: its sections with the topics
/// each names, and the links and wikilinks it makes. A pure function of the note and the registry, small
/// enough to cache per note; `TopicIndex` joins the notes' summaries.
public struct NoteTopics: Hashable, Sendable {
    public struct Section: Hashable, Sendable {
        /// The heading's id; `""` for the text before the first heading (the page's top).
        public var anchor: String
        /// The heading's text (for the top: the page title).
        public var heading: String
        public var isQuestion: Bool
        /// The heading's start line in the parsed text (0 for the top).
        public var line: Int
        /// The start of the section's text, formulas as `⋯`.
        public var excerpt: String
        /// The topics the section names, sorted by topic.
        public var topics: [Hit]

        public init(anchor: String, heading: String, isQuestion: Bool, line: Int, excerpt: String, topics: [Hit]) {
            (self.anchor, self.heading, self.isQuestion, self.line, self.excerpt, self.topics) = (anchor, heading, isQuestion, line, excerpt, topics)
        }
    }

    /// A topic in a section: named by the heading, and how often in the text.
    public struct Hit: Hashable, Sendable {
        public var topic: Int
        public var inHeading: Bool
        public var mentions: Int

        public init(topic: Int, inHeading: Bool, mentions: Int) {
            (self.topic, self.inHeading, self.mentions) = (topic, inHeading, mentions)
        }

        /// Heading 3, each mention 1 (at most 3 count).
        public var score: Int { (inHeading ? 3 : 0) + min(mentions, 3) }
        /// The section is on the topic: its heading names it, or its text does more than once.
        public var isStrong: Bool { inHeading || mentions >= 2 }
    }

    /// A link the note makes to another page: a Markdown link's destination or a wikilink.
    public struct Link: Hashable, Sendable {
        public enum Target: Hashable, Sendable {
            case destination(String)
            case wikilink(Wikilink)
        }
        public var target: Target
        /// The section the link is in, by index.
        public var section: Int
        /// The line in the parsed text (of the paragraph for a wikilink).
        public var line: Int

        public init(target: Target, section: Int, line: Int) {
            (self.target, self.section, self.line) = (target, section, line)
        }
    }

    public var sections: [Section]
    public var links: [Link]

    /// A summary made before (read back from a cache).
    public init(sections: [Section], links: [Link]) {
        self.sections = sections
        self.links = links
    }

    /// The excerpt's length in characters.
    public static let excerptLength = 120

    /// - Parameters:
    ///   - headingIDs: the ids of the document's headings, in order.
    ///   - questionIDs: the ids of the headings that are questions.
    ///   - title: the page title, which heads the text before the first heading.
    ///   - skipsFirstHeading: the first heading is the page title (lifted out of the content).
    ///   - declaredTopics: topics the front matter adds to the whole page.
    public init(document: MarkdownNode, headingIDs: [String], questionIDs: Set<String>, title: String,
                skipsFirstHeading: Bool, declaredTopics: [Int], matcher: TopicMatcher) {
        var memo = TopicMatcher.Memo()
        self.init(document: document, headingIDs: headingIDs, questionIDs: questionIDs, title: title,
                  skipsFirstHeading: skipsFirstHeading, declaredTopics: declaredTopics, matcher: matcher, memo: &memo)
    }

    /// The same, remembering the matches of the texts in `memo` (for `TopicLinker.rewrite`).
    public init(document: MarkdownNode, headingIDs: [String], questionIDs: Set<String>, title: String,
                skipsFirstHeading: Bool, declaredTopics: [Int], matcher: TopicMatcher, memo: inout TopicMatcher.Memo) {
        var sections = [Section(anchor: "", heading: title, isQuestion: false, line: 0, excerpt: "", topics: [])]
        var texts = [""]
        var counts: [[Int: Hit]] = [[:]]
        for match in matcher.matches(in: title) { counts[0][match.topic, default: Hit(topic: match.topic, inHeading: false, mentions: 0)].inHeading = true }
        for topic in declaredTopics { counts[0][topic, default: Hit(topic: topic, inHeading: false, mentions: 0)].inHeading = true }
        var links: [Link] = []
        var headingIndex = 0

        func mention(_ text: String) {
            for match in matcher.matches(in: text, memo: &memo) {
                counts[counts.count - 1][match.topic, default: Hit(topic: match.topic, inHeading: false, mentions: 0)].mentions += 1
            }
        }
        func visit(_ node: MarkdownNode, line: Int) {
            let line = node.range?.startLine ?? line
            switch node.kind {
            case .heading:
                defer { headingIndex += 1 }
                if headingIndex == 0, skipsFirstHeading { return }
                let id = headingIndex < headingIDs.count ? headingIDs[headingIndex] : ""
                let text = Self.linkFreeText(node).readableText
                sections.append(Section(anchor: id, heading: text, isQuestion: questionIDs.contains(id), line: node.range?.startLine ?? 0, excerpt: "", topics: []))
                texts.append("")
                var hits: [Int: Hit] = [:]
                for match in matcher.matches(in: Self.linkFreeText(node)) { hits[match.topic] = Hit(topic: match.topic, inHeading: true, mentions: 0) }
                counts.append(hits)
                for wikilink in Self.wikilinks(in: node) { links.append(Link(target: .wikilink(wikilink), section: sections.count - 1, line: line)) }
            case .text(let s):
                texts[texts.count - 1] += s
                for wikilink in Wikilink.all(in: s) { links.append(Link(target: .wikilink(wikilink), section: sections.count - 1, line: line)) }
                mention(s)
            case .link(let destination, _):
                links.append(Link(target: .destination(destination), section: sections.count - 1, line: line))
                texts[texts.count - 1] += node.plainText
            case .image, .code, .codeBlock, .htmlBlock, .htmlInline:
                break
            case .softBreak, .lineBreak:
                texts[texts.count - 1] += " "
            default:
                // Text nodes split at brackets (`[[`) are joined so a wikilink is seen whole.
                var run = ""
                var runLine = line
                func flush() {
                    if !run.isEmpty { visit(MarkdownNode(.text(run)), line: runLine) }
                    run = ""
                }
                var breaks = 0
                for child in node.children {
                    if case .text(let s) = child.kind {
                        if run.isEmpty { runLine = line + breaks }
                        run += s
                        continue
                    }
                    flush()
                    if case .softBreak = child.kind { breaks += 1 } else if case .lineBreak = child.kind { breaks += 1 }
                    visit(child, line: child.range?.startLine ?? line + breaks)
                }
                flush()
                if node.isBlock { texts[texts.count - 1] += " " }
            }
        }
        visit(document, line: 1)
        for i in sections.indices {
            sections[i].excerpt = Self.excerpt(texts[i])
            sections[i].topics = counts[i].values.sorted { $0.topic < $1.topic }
        }
        self.sections = sections
        self.links = links
    }

    /// Topics the whole note is on: those of its strong sections, by how many.
    public var strongTopics: [Int] {
        var counts: [Int: Int] = [:]
        for section in sections { for hit in section.topics where hit.isStrong { counts[hit.topic, default: 0] += 1 } }
        return counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map(\.key)
    }

    /// A heading's text without code and links: what may name a topic.
    static func linkFreeText(_ node: MarkdownNode) -> String {
        var out = ""
        func add(_ node: MarkdownNode) {
            switch node.kind {
            case .text(let s): out += s
            case .softBreak, .lineBreak: out += " "
            case .code, .link, .image, .htmlInline: out += " "
            default: node.children.forEach(add)
            }
        }
        add(node)
        return out
    }

    static func wikilinks(in node: MarkdownNode) -> [Wikilink] {
        var text = ""
        node.walk { child in
            if case .text(let s) = child.kind { text += s }
            return true
        }
        return Wikilink.all(in: text)
    }

    /// The start of a section's text (`readableText`), at most `excerptLength` characters and `…`.
    static func excerpt(_ text: String) -> String {
        // Reads no further than the excerpt needs: a section's text can be long. Of a prefix of the readable
        // text, all characters but the last are those of the whole (a combining mark may extend the last).
        var (readable, isWhole) = text.readableText(limit: 4 * excerptLength)
        if !isWhole, readable.count < excerptLength + 2 { readable = text.readableText }
        guard let end = readable.index(readable.startIndex, offsetBy: excerptLength, limitedBy: readable.endIndex), end < readable.endIndex
        else { return readable }
        return readable[..<end].trimmingSpaces + "…"
    }
}
