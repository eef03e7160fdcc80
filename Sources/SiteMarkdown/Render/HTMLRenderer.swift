import SiteCore
/// Renders a `MarkdownNode` tree to HTML exactly as `cmark_render_html` does, plus sitegen's hooks:
/// heading ids, internal link rewriting, code blocks replaced by computed output, and question wrapping.
///
/// With `HTMLRenderer()` (no hooks, no ids) the output equals cmark-gfm's; `HTMLRendererTests` proves it.
public struct HTMLRenderer {
    public var options: MarkdownOptions
    /// Ids for the headings in reading order; when shorter than the heading count, later headings get none.
    public var headingIDs: [String] = []
    /// Rewrites a link or image destination before it is escaped (internal `.md` links → page URLs).
    public var rewriteURL: ((String) -> String)?
    /// Returns replacement HTML for a code block (e.g. evaluated examples), or `nil` to render it as code.
    public var renderCodeBlock: ((_ info: String, _ literal: String, _ range: SourceRange?) -> String?)?
    /// The headings, by start line, wrapped with their section in `<details open>`: questions and topics.
    public var collapsibles: [Int: Collapsible] = [:]
    /// Wraps the HTML of each raw HTML node, which is then passed through (tag-filtered only when
    /// `options.allowRawHTML`) instead of omitted: sitegen marks it for its sanitiser.
    public var wrapRawHTML: ((_ html: String, _ range: SourceRange?) -> String)?
    /// HTML to add at the end of each heading that has an id (a permalink to it), given the id.
    public var headingPermalink: ((_ id: String) -> String)?
    /// HTML to add at the end of a question's answer, by the start line of the question's heading.
    public var afterAnswer: ((_ headingLine: Int) -> String?)?

    /// How a collapsible heading is shown: the class of its `<details>` and the label before the heading.
    public struct Collapsible: Sendable, Hashable {
        public var className: String
        /// `Q3`, `追问 1`; `nil` for a topic, which asks nothing.
        public var label: String?

        public init(className: String, label: String? = nil) {
            self.className = className
            self.label = label
        }

        public static func question(_ label: String) -> Collapsible { Collapsible(className: "question", label: label) }
        public static let topic = Collapsible(className: "topic")
    }

    public init(options: MarkdownOptions = MarkdownOptions()) {
        self.options = options
    }

    /// The HTML of a document (or any node).
    public func render(_ node: MarkdownNode) -> String {
        var state = State()
        if case .document = node.kind, !collapsibles.isEmpty {
            renderWithQuestions(node.children, into: &state)
        } else {
            render(node, into: &state, tight: false)
        }
        return state.html
    }

    private struct State {
        var html = ""
        var headingIndex = 0
        var inTableHeader = false
        var needsTableBodyClose = false

        mutating func cr() {
            if let last = html.utf8.last, last != UInt8(ascii: "\n") { html += "\n" }
        }
    }

    // MARK: Questions and topics

    private func renderWithQuestions(_ blocks: [MarkdownNode], into state: inout State) {
        var open: [(level: Int, line: Int)] = []
        func close(while predicate: (Int) -> Bool) {
            while let question = open.last, predicate(question.level) {
                state.cr()
                if let extra = afterAnswer?(question.line) {
                    state.html += extra
                    state.cr()
                }
                state.html += "</div>\n</details>\n"
                open.removeLast()
            }
        }
        for block in blocks {
            if case .heading(let level) = block.kind {
                close { $0 >= level }
                if let line = block.range?.startLine, let collapsible = collapsibles[line] {
                    state.cr()
                    state.html += "<details class=\"\(collapsible.className.htmlEscaped)\" open>\n<summary>"
                    if let label = collapsible.label { state.html += "<span class=\"summary-label\">\(label.htmlEscaped)</span>" }
                    var heading = State()
                    heading.headingIndex = state.headingIndex
                    render(block, into: &heading, tight: false)
                    state.headingIndex = heading.headingIndex
                    state.html += heading.html.hasSuffix("\n") ? String(heading.html.dropLast()) : heading.html
                    state.html += "</summary>\n<div class=\"answer\">\n"
                    open.append((level, line))
                    continue
                }
            }
            render(block, into: &state, tight: false)
        }
        close { _ in true }
    }

    // MARK: Nodes

    private func render(_ node: MarkdownNode, into s: inout State, tight: Bool) {
        switch node.kind {
        case .document, .other:
            renderChildren(node, into: &s, tight: false)

        case .blockQuote:
            s.cr(); s.html += "<blockquote>\n"
            renderChildren(node, into: &s, tight: false)
            s.cr(); s.html += "</blockquote>\n"

        case .list(let info):
            s.cr()
            if !info.ordered {
                s.html += "<ul>\n"
            } else if info.start == 1 {
                s.html += "<ol>\n"
            } else {
                s.html += "<ol start=\"\(info.start)\">\n"
            }
            renderChildren(node, into: &s, tight: info.tight)
            s.html += info.ordered ? "</ol>\n" : "</ul>\n"

        case .item(let task):
            s.cr(); s.html += "<li>"
            switch task {
            case .checked: s.html += "<input type=\"checkbox\" checked=\"\" disabled=\"\" /> "
            case .unchecked: s.html += "<input type=\"checkbox\" disabled=\"\" /> "
            case nil: break
            }
            renderChildren(node, into: &s, tight: tight)
            s.html += "</li>\n"

        case .heading(let level):
            // HTML stops at h6: a deeper heading (`promotingDeepHeadings(source:)`) is a paragraph with a heading role.
            let tag = level <= 6 ? "h\(level)" : "p"
            s.cr()
            s.html += level <= 6 ? "<\(tag)" : "<p role=\"heading\" aria-level=\"\(level)\""
            let id = s.headingIndex < headingIDs.count ? headingIDs[s.headingIndex] : nil
            if let id { s.html += " id=\"\(id.htmlEscaped)\"" }
            s.headingIndex += 1
            s.html += ">"
            renderChildren(node, into: &s, tight: false)
            if let id, let headingPermalink { s.html += headingPermalink(id) }
            s.html += "</\(tag)>\n"

        case .codeBlock(let info, let literal, _):
            if let replacement = renderCodeBlock?(info, literal, node.range) {
                s.cr(); s.html += replacement; s.cr()
                return
            }
            s.cr()
            let language = info.prefix { !$0.isWhitespace }
            if language.isEmpty {
                s.html += "<pre><code>"
            } else {
                s.html += "<pre><code class=\"language-\(String(language).htmlEscaped)\">"
            }
            s.html += literal.htmlEscaped
            s.html += "</code></pre>\n"

        case .htmlBlock(let literal):
            s.cr()
            s.html += rawHTML(literal, range: node.range)
            s.cr()

        case .thematicBreak:
            s.cr(); s.html += "<hr />\n"

        case .paragraph:
            if tight {
                renderChildren(node, into: &s, tight: false)
            } else {
                s.cr(); s.html += "<p>"
                renderChildren(node, into: &s, tight: false)
                s.html += "</p>\n"
            }

        case .table(let alignments):
            s.cr(); s.html += "<table>"
            s.needsTableBodyClose = false
            for row in node.children { renderTableRow(row, alignments: alignments, into: &s) }
            if s.needsTableBodyClose {
                s.cr(); s.html += "</tbody>"; s.cr()
            }
            s.needsTableBodyClose = false
            s.cr(); s.html += "</table>"; s.cr()

        case .tableRow, .tableCell:
            renderChildren(node, into: &s, tight: false)

        case .text(let literal):
            s.html += literal.htmlEscaped
        case .softBreak:
            s.html += "\n"
        case .lineBreak:
            s.html += "<br />\n"
        case .code(let literal):
            s.html += "<code>" + literal.htmlEscaped + "</code>"
        case .htmlInline(let literal):
            s.html += rawHTML(literal, range: node.range)
        case .emphasis:
            s.html += "<em>"; renderChildren(node, into: &s, tight: false); s.html += "</em>"
        case .strong:
            s.html += "<strong>"; renderChildren(node, into: &s, tight: false); s.html += "</strong>"
        case .strikethrough:
            s.html += "<del>"; renderChildren(node, into: &s, tight: false); s.html += "</del>"

        case .link(let destination, let title):
            s.html += "<a href=\"" + escapedURL(destination) + "\""
            if !title.isEmpty { s.html += " title=\"" + title.htmlEscaped + "\"" }
            s.html += ">"
            renderChildren(node, into: &s, tight: false)
            s.html += "</a>"

        case .siteLink(let destination, let title, let className):
            s.html += "<a class=\"" + className.htmlEscaped + "\""
            if let destination { s.html += " href=\"" + escapedURL(destination) + "\"" }
            if !title.isEmpty { s.html += " title=\"" + title.htmlEscaped + "\"" }
            s.html += ">"
            renderChildren(node, into: &s, tight: false)
            s.html += "</a>"

        case .image(let source, let title):
            s.html += "<img src=\"" + escapedURL(source) + "\" alt=\""
            s.html += Self.altText(node.children)
            if !title.isEmpty { s.html += "\" title=\"" + title.htmlEscaped }
            s.html += "\" />"
        }
    }

    private func renderChildren(_ node: MarkdownNode, into s: inout State, tight: Bool) {
        let children = node.children
        for (k, child) in children.enumerated() {
            if options.eastAsianLineBreaks, child.kind == .softBreak, k > 0, k + 1 < children.count,
               let before = Self.edgeScalar(children[k - 1], last: true), Self.isEastAsianWide(before),
               let after = Self.edgeScalar(children[k + 1], last: false), Self.isEastAsianWide(after) {
                continue
            }
            render(child, into: &s, tight: tight)
        }
    }

    /// The first or last character of an inline node's text, looking into emphasis and links.
    static func edgeScalar(_ node: MarkdownNode, last: Bool) -> Unicode.Scalar? {
        switch node.kind {
        case .text(let s), .code(let s): return last ? s.unicodeScalars.last : s.unicodeScalars.first
        case .emphasis, .strong, .strikethrough, .link:
            return (last ? node.children.last : node.children.first).flatMap { edgeScalar($0, last: last) }
        default: return nil
        }
    }

    /// Han, kana, Bopomofo, CJK punctuation and full-width forms: scripts written without spaces
    /// (Hangul is not: Korean puts spaces between words).
    static func isEastAsianWide(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x2E80...0x2FDF, 0x3000...0x303F, 0x3040...0x31FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFF:
            return true
        default:
            return false
        }
    }

    private func renderTableRow(_ row: MarkdownNode, alignments: [MarkdownNode.TableAlignment], into s: inout State) {
        guard case .tableRow(let isHeader) = row.kind else { return render(row, into: &s, tight: false) }
        s.cr()
        if isHeader {
            s.inTableHeader = true
            s.html += "<thead>"; s.cr()
        } else if !s.needsTableBodyClose {
            s.html += "<tbody>"; s.cr()
            s.needsTableBodyClose = true
        }
        s.html += "<tr>"
        for (i, cell) in row.children.enumerated() {
            s.cr()
            s.html += s.inTableHeader ? "<th" : "<td"
            switch i < alignments.count ? alignments[i] : .none {
            case .left: s.html += " align=\"left\""
            case .center: s.html += " align=\"center\""
            case .right: s.html += " align=\"right\""
            case .none: break
            }
            s.html += ">"
            renderChildren(cell, into: &s, tight: false)
            s.html += s.inTableHeader ? "</th>" : "</td>"
        }
        s.cr(); s.html += "</tr>"
        if isHeader {
            s.cr(); s.html += "</thead>"
            s.inTableHeader = false
        }
    }

    private func rawHTML(_ literal: String, range: SourceRange?) -> String {
        let html = options.allowRawHTML ? HTMLEscaping.tagFiltered(literal) : literal
        guard let wrapRawHTML else { return options.allowRawHTML ? html : "<!-- raw HTML omitted -->" }
        return wrapRawHTML(html, range)
    }

    private func escapedURL(_ url: String) -> String {
        let target = rewriteURL?(url) ?? url
        if !options.allowRawHTML && HTMLEscaping.isDangerous(target) { return "" }
        return target.hrefEscaped
    }

    /// cmark's "plain" mode for image descriptions: only text, code and raw HTML literals, breaks as spaces.
    static func altText(_ nodes: [MarkdownNode]) -> String {
        var out = ""
        for node in nodes {
            switch node.kind {
            case .text(let s), .code(let s), .htmlInline(let s): out += s.htmlEscaped
            case .softBreak, .lineBreak: out += " "
            default: out += altText(node.children)
            }
        }
        return out
    }
}
