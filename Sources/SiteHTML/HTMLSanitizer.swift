import CLibXML2
import SiteCore

/// An attribute of the author's HTML, handed to the build before it is judged (to rewrite note-relative URLs).
public struct HTMLAttribute: Sendable {
    /// The element as written (`center`, not the `div` it becomes).
    public var element: String
    public var name: String
    public var value: String
    /// Source line of the element, from the raw region's mark.
    public var line: Int?
}

public struct SanitizedHTML: Sendable {
    public var html: String
    /// What was taken out, in reading order.
    public var removals: [HTMLRemoval]
}

/// Passes a rendered page body through an `HTMLPolicy`: the whole body is parsed at once (so a table
/// whose tags are spread over several raw HTML nodes stays one table), but only the author's HTML, between
/// `markers`, is judged; the renderer's own markup is kept as it is. The result is written out by this
/// type, never by libxml2: text and attribute values escaped, URLs escaped as cmark-gfm escapes them.
public struct HTMLSanitizer: Sendable {
    public var policy: HTMLPolicy
    /// Put these around each raw HTML node when rendering (`markers.mark(html, line:)`).
    public let markers = RawHTMLMarkers()

    public init(policy: HTMLPolicy) {
        self.policy = policy
    }

    private struct Region {
        var line: Int?
        var bodyLine: Int
    }

    private enum Work {
        case node(xmlNodePtr)
        case close(String)
    }

    /// The body with the author's HTML cut down to the policy; `rewrite` sees each attribute of the
    /// author's elements that the policy allows, before its value is checked, and returns the new value.
    public func sanitize(_ body: String, rewrite: (HTMLAttribute) -> String = { $0.value }) -> SanitizedHTML {
        guard let parsed = ParsedHTML(body: body) else { return SanitizedHTML(html: "", removals: []) }
        var out = ""
        out.reserveCapacity(body.utf8.count)
        var removals: [HTMLRemoval] = []
        var region: Region?
        var work: [Work] = parsed.topNodes.reversed().map { .node($0) }

        func sourceLine(of node: xmlNodePtr) -> Int? {
            guard let region, let start = region.line else { return nil }
            let line = ParsedHTML.line(of: node)
            // libxml2 stops counting at 65535: past that, the start of the raw node is the best we know.
            guard line < 65535, line >= region.bodyLine else { return start }
            return start + line - region.bodyLine
        }
        func pushChildren(of node: xmlNodePtr) {
            work += ParsedHTML.children(of: node).reversed().map { .node($0) }
        }

        while let item = work.popLast() {
            let node: xmlNodePtr
            switch item {
            case .close(let name):
                out += "</\(name)>"
                continue
            case .node(let n):
                node = n
            }
            switch node.pointee.type {
            case XML_ELEMENT_NODE:
                let name = ParsedHTML.name(of: node).lowercased()
                if Self.documentElements.contains(name) {
                    pushChildren(of: node)
                    continue
                }
                var attributes = ParsedHTML.attributes(of: node).map { (name: $0.name.lowercased(), value: $0.value) }
                var written = name
                if region != nil {
                    let line = sourceLine(of: node)
                    switch policy.treatment(of: name) {
                    case .remove:
                        removals.append(HTMLRemoval(.element, name, in: name, line: line))
                        // libxml2 knows HTML 4's empty elements only: what follows an `<embed>` is not its content.
                        if Self.voidElements.contains(name) { pushChildren(of: node) }
                        continue
                    case .unwrap:
                        removals.append(HTMLRemoval(.unwrapped, name, in: name, line: line))
                        pushChildren(of: node)
                        continue
                    case .keep(let keptName):
                        written = keptName
                        attributes = judge(attributes, of: name, line: line, removals: &removals, rewrite: rewrite)
                    }
                }
                out += "<" + written
                for (attribute, value) in attributes {
                    out += " " + attribute
                    if let value {
                        out += "=\"" + (HTMLPolicy.urlAttributes.contains(attribute) ? value.hrefEscaped : value.htmlEscaped) + "\""
                    }
                }
                if Self.voidElements.contains(written) {
                    out += " />"
                    pushChildren(of: node)
                    continue
                }
                out += ">"
                work.append(.close(written))
                pushChildren(of: node)
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                out += ParsedHTML.content(of: node).htmlEscaped
            case XML_COMMENT_NODE:
                let text = ParsedHTML.content(of: node)
                switch markers.mark(inComment: text) {
                case .start(let line):
                    region = Region(line: line, bodyLine: ParsedHTML.line(of: node))
                case .end:
                    region = nil
                case nil:
                    if region != nil, policy.keepsEverything { out += "<!--" + text + "-->" }
                }
            default:
                continue  // processing instructions, doctypes: invisible in browsers too
            }
        }
        return SanitizedHTML(html: out, removals: removals)
    }

    /// The attributes of the author's element `element` that the policy keeps, with rewritten values.
    private func judge(_ attributes: [(name: String, value: String?)], of element: String, line: Int?,
                       removals: inout [HTMLRemoval], rewrite: (HTMLAttribute) -> String) -> [(name: String, value: String?)]
    {
        var kept: [(name: String, value: String?)] = []
        for (name, written) in attributes {
            guard policy.allows(name, on: element) else {
                removals.append(HTMLRemoval(.attribute, name, in: element, line: line))
                continue
            }
            guard let written else {
                kept.append((name, nil))
                continue
            }
            let value = rewrite(HTMLAttribute(element: element, name: name, value: written, line: line))
            if policy.keepsEverything {
                kept.append((name, value))
                continue
            }
            if HTMLPolicy.urlAttributes.contains(name), let scheme = URLRules.forbiddenScheme(of: value, attribute: name) {
                removals.append(HTMLRemoval(.url, scheme, in: element, line: line))
            } else if name == "style" {
                let style = StyleRules.filter(value)
                removals += style.removed.map { HTMLRemoval(.styleProperty, $0, in: element, line: line) }
                if !style.kept.isEmpty { kept.append((name, style.kept)) }
            } else if name == "target", value != "_blank" {
                removals.append(HTMLRemoval(.attribute, name, in: element, line: line))
            } else {
                kept.append((name, value))
            }
        }
        if element == "center", !policy.keepsEverything, !kept.contains(where: { $0.name == HTMLPolicy.centre.attribute.name }) {
            kept.insert((HTMLPolicy.centre.attribute.name, HTMLPolicy.centre.attribute.value), at: 0)
        }
        return kept
    }

    /// The wrapper the body is parsed in (and what a pasted page brings along): never written.
    static let documentElements: Set = ["html", "body"]

    static let voidElements: Set = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                                    "param", "source", "track", "wbr"]
}
