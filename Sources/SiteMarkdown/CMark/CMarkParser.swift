import CCmarkGFM
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Options for reading Markdown; the defaults are GitHub's.
public struct MarkdownOptions: Hashable, Sendable {
    /// Let raw HTML through (filtered by GFM's tagfilter) instead of cmark-gfm's safe default.
    public var allowRawHTML: Bool
    /// A soft line break between two Chinese or Japanese characters renders as nothing, not as a space
    /// (pandoc's `east_asian_line_breaks`): `子网络⏎通常` reads `子网络通常`.
    public var eastAsianLineBreaks: Bool

    public init(allowRawHTML: Bool = false, eastAsianLineBreaks: Bool = false) {
        self.allowRawHTML = allowRawHTML
        self.eastAsianLineBreaks = eastAsianLineBreaks
    }
}

/// A parsed document, and where nesting deeper than `MarkdownParser.maximumDepth` was flattened.
public struct ParsedMarkdown: Sendable {
    public var document: MarkdownNode
    /// Where each flattened subtree starts in the parsed text, in reading order.
    public var flattened: [SourceRange]
}

/// The one place that talks to cmark-gfm's C API: parses GFM into a `MarkdownNode` value tree.
public enum MarkdownParser {
    /// The GFM extensions every document is parsed with.
    public static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    /// How many containers (blocks and inlines) a parsed tree nests at most below the document.
    ///
    /// cmark-gfm accepts any nesting (`- - - …` 15,000 times, 60,000 `*`), but every recursive walk over a
    /// value tree — the renderer, `==`, `hash`, even its deinit — needs stack in proportion to its depth, and
    /// worker threads have as little as 512 KB. Below this depth a container's content is kept as plain text
    /// (a paragraph for a block, text for an inline); list items, table rows and cells stay one level more
    /// so that their list or table keeps its shape.
    public static let maximumDepth = 100

    private static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    /// cmark-gfm 0.29 adds and removes the characters that start extension inlines (`~`) in one
    /// process-wide table while it parses (`cmark_parser_finish`, table rows), so two parses at once can
    /// lose each other's strikethrough. Parsing holds this lock; converting and rendering do not.
    private static let parseLock = NSLock()

    /// Feeds `text` to a new parser with the GFM extensions and returns the parser and its document.
    private static func parseTree(_ text: String) -> (parser: OpaquePointer, root: OpaquePointer) {
        _ = registered
        parseLock.lock()
        defer { parseLock.unlock() }
        let parser = cmark_parser_new(CMARK_OPT_DEFAULT)!
        attachExtensions(to: parser)
        cmark_parser_feed(parser, text, text.utf8.count)
        return (parser, cmark_parser_finish(parser)!)
    }

    /// Parses `text` (GitHub Flavored Markdown) into a document node. Never fails: cmark accepts any input.
    /// Content nested deeper than `maximumDepth` is flattened to text.
    public static func parse(_ text: String) -> MarkdownNode {
        parseDocument(text).document
    }

    /// Parses `text` like `parse(_:)` and also says where it flattened nesting deeper than `maximumDepth`.
    public static func parseDocument(_ text: String) -> ParsedMarkdown {
        withParser(text) { root in convert(root) }
    }

    /// cmark-gfm's own HTML for `text`, the reference the renderer is checked against.
    public static func referenceHTML(_ text: String, options: MarkdownOptions = MarkdownOptions()) -> String {
        let (parser, root) = parseTree(text)
        defer {
            cmark_node_free(root)
            cmark_parser_free(parser)
        }
        let flags = options.allowRawHTML ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT
        guard let html = cmark_render_html(root, flags, cmark_parser_get_syntax_extensions(parser)) else { return "" }
        defer { free(html) }
        return String(cString: html)
    }

    private static func withParser<T>(_ text: String, _ body: (OpaquePointer) -> T) -> T {
        let (parser, root) = parseTree(text)
        defer {
            cmark_node_free(root)
            cmark_parser_free(parser)
        }
        return body(root)
    }

    private static func attachExtensions(to parser: OpaquePointer) {
        for name in extensionNames {
            if let ext = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, ext)
            }
        }
    }

    /// A subtree below `maximumDepth` being collected as text.
    private struct Flattening {
        var root: OpaquePointer
        var node: MarkdownNode
        var text = ""
    }

    /// Converts the C tree with an explicit stack: leaves on enter, containers on exit. A container deeper
    /// than `maximumDepth` is collected as text until its exit.
    private static func convert(_ root: OpaquePointer) -> ParsedMarkdown {
        let iterator = cmark_iter_new(root)!
        defer { cmark_iter_free(iterator) }
        var stack: [MarkdownNode] = []
        var result = MarkdownNode(.document)
        var flattened: [SourceRange] = []
        var flattening: Flattening?
        func add(_ node: MarkdownNode) {
            if stack.isEmpty { result = node } else { stack[stack.count - 1].children.append(node) }
        }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            if var f = flattening {
                flattening = nil  // taken out, so that its text grows in place
                if event == CMARK_EVENT_ENTER {
                    if isBlock(node), let last = f.text.last, !last.isWhitespace { f.text += "\n" }
                    f.text += flatText(of: node)
                } else if node == f.root {
                    if let replacement = replacement(for: f.node, text: f.text) { add(replacement) }
                    continue
                }
                flattening = f
                continue
            }
            if event == CMARK_EVENT_ENTER {
                let value = MarkdownNode(kind(of: node), range: range(of: node))
                if isLeaf(value.kind) {
                    add(value)
                } else if stack.count > maximumDepth, !isStructural(value.kind) {
                    flattening = Flattening(root: node, node: value)
                    if let range = value.range ?? stack.last(where: { $0.range != nil })?.range { flattened.append(range) }
                } else {
                    stack.append(value)
                }
            } else if event == CMARK_EVENT_EXIT, var finished = stack.popLast() {
                finished.children = finished.children.tight
                add(finished)
            }
        }
        return ParsedMarkdown(document: result, flattened: flattened)
    }

    /// Items, table rows and cells: the parts a list or table needs to keep its shape.
    private static func isStructural(_ kind: MarkdownNode.Kind) -> Bool {
        switch kind {
        case .item, .tableRow, .tableCell: true
        default: false
        }
    }

    /// A node type's top bits say whether it is a block, extension types included.
    private static func isBlock(_ node: OpaquePointer) -> Bool {
        cmark_node_get_type(node).rawValue & UInt32(CMARK_NODE_TYPE_MASK) == UInt32(CMARK_NODE_TYPE_BLOCK)
    }

    /// What a node contributes to flattened text: literals as written, breaks as newlines.
    private static func flatText(of node: OpaquePointer) -> String {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_INLINE, CMARK_NODE_HTML_BLOCK:
            string(cmark_node_get_literal(node))
        case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: "\n"
        default: ""
        }
    }

    /// A flattened container's stand-in: its text in a paragraph (blocks) or as text (inlines).
    private static func replacement(for node: MarkdownNode, text: String) -> MarkdownNode? {
        guard !text.isEmpty else { return nil }
        let leaf = MarkdownNode(.text(text), range: node.range)
        return node.isBlock ? MarkdownNode(.paragraph, children: [leaf], range: node.range) : leaf
    }

    private static func isLeaf(_ kind: MarkdownNode.Kind) -> Bool {
        switch kind {
        case .codeBlock, .htmlBlock, .thematicBreak, .text, .softBreak, .lineBreak, .code, .htmlInline: true
        default: false
        }
    }

    private static func range(of node: OpaquePointer) -> SourceRange? {
        let line = Int(cmark_node_get_start_line(node))
        guard line > 0 else { return nil }
        return SourceRange(
            startLine: line, startColumn: Int(cmark_node_get_start_column(node)),
            endLine: Int(cmark_node_get_end_line(node)), endColumn: Int(cmark_node_get_end_column(node)))
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }

    private static func kind(of node: OpaquePointer) -> MarkdownNode.Kind {
        // Core kinds by number (no string per node); items (tasklist) and extension nodes by name below.
        switch cmark_node_get_type(node) {
        case CMARK_NODE_TEXT: return .text(string(cmark_node_get_literal(node)))
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_PARAGRAPH: return .paragraph
        case CMARK_NODE_CODE: return .code(string(cmark_node_get_literal(node)))
        case CMARK_NODE_EMPH: return .emphasis
        case CMARK_NODE_STRONG: return .strong
        case CMARK_NODE_HEADING: return .heading(level: Int(cmark_node_get_heading_level(node)))
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_HTML_INLINE: return .htmlInline(string(cmark_node_get_literal(node)))
        case CMARK_NODE_DOCUMENT: return .document
        case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
        case CMARK_NODE_HTML_BLOCK: return .htmlBlock(string(cmark_node_get_literal(node)))
        case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
        case CMARK_NODE_LINK: return .link(destination: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
        case CMARK_NODE_IMAGE: return .image(source: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
        default: return kindByName(of: node)
        }
    }

    private static func kindByName(of node: OpaquePointer) -> MarkdownNode.Kind {
        let type = string(cmark_node_get_type_string(node))
        switch type {
        case "document": return .document
        case "block_quote": return .blockQuote
        case "list":
            return .list(.init(
                ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                start: Int(cmark_node_get_list_start(node)),
                tight: cmark_node_get_list_tight(node) != 0))
        case "item": return .item(task: nil)
        case "tasklist":
            return .item(task: cmark_gfm_extensions_get_tasklist_item_checked(node) ? .checked : .unchecked)
        case "code_block":
            var length: Int32 = 0, offset: Int32 = 0, character: CChar = 0
            let fenced = cmark_node_get_fenced(node, &length, &offset, &character) != 0
            return .codeBlock(
                info: string(cmark_node_get_fence_info(node)), literal: string(cmark_node_get_literal(node)),
                fenced: fenced)
        case "html_block": return .htmlBlock(string(cmark_node_get_literal(node)))
        case "paragraph": return .paragraph
        case "heading": return .heading(level: Int(cmark_node_get_heading_level(node)))
        case "thematic_break": return .thematicBreak
        case "table":
            let columns = Int(cmark_gfm_extensions_get_table_columns(node))
            let raw = cmark_gfm_extensions_get_table_alignments(node)
            let alignments: [MarkdownNode.TableAlignment] = (0..<columns).map { i in
                switch raw.map({ UInt8($0[i]) }) {
                case UInt8(ascii: "l"): .left
                case UInt8(ascii: "c"): .center
                case UInt8(ascii: "r"): .right
                default: .none
                }
            }
            return .table(alignments: alignments)
        case "table_header": return .tableRow(isHeader: true)
        case "table_row": return .tableRow(isHeader: cmark_gfm_extensions_get_table_row_is_header(node) != 0)
        case "table_cell": return .tableCell
        case "text": return .text(string(cmark_node_get_literal(node)))
        case "softbreak": return .softBreak
        case "linebreak": return .lineBreak
        case "code": return .code(string(cmark_node_get_literal(node)))
        case "html_inline": return .htmlInline(string(cmark_node_get_literal(node)))
        case "emph": return .emphasis
        case "strong": return .strong
        case "strikethrough": return .strikethrough
        case "link": return .link(destination: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
        case "image": return .image(source: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
        default: return .other(type)
        }
    }
}
