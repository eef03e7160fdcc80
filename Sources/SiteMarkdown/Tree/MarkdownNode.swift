import SiteCore

/// A node of the Markdown tree: a value copy of what cmark-gfm parsed, with source positions.
///
/// The tree is plain data (no C pointers), so stages can walk, rewrite and send it across threads.
public struct MarkdownNode: Hashable, Sendable {
    public var kind: Kind
    public var children: [MarkdownNode]
    /// Where the node starts and ends in the parsed text (1-based lines and columns), when cmark knows.
    public var range: SourceRange?

    public init(_ kind: Kind, children: [MarkdownNode] = [], range: SourceRange? = nil) {
        self.kind = kind
        self.children = children
        self.range = range
    }

    public enum Kind: Hashable, Sendable {
        // Blocks
        case document
        case blockQuote
        case list(ListInfo)
        case item(task: TaskState?)
        indirect case codeBlock(info: String, literal: String, fenced: Bool)
        case htmlBlock(String)
        case paragraph
        case heading(level: Int)
        case thematicBreak
        case table(alignments: [TableAlignment])
        case tableRow(isHeader: Bool)
        case tableCell
        // Inlines
        case text(String)
        case softBreak
        case lineBreak
        case code(String)
        case htmlInline(String)
        case emphasis
        case strong
        case strikethrough
        indirect case link(destination: String, title: String)
        indirect case image(source: String, title: String)
        /// A link sitegen made (a topic link, a `[[wikilink]]`) with its class; without a destination it is a
        /// link that leads nowhere (an unresolved wikilink), shown as such.
        indirect case siteLink(destination: String?, title: String, className: String)
        /// A node kind this tree does not model (footnotes, custom nodes); its children are kept.
        case other(String)
    }

    public struct ListInfo: Hashable, Sendable {
        public var ordered: Bool
        public var start: Int
        public var tight: Bool

        public init(ordered: Bool, start: Int, tight: Bool) {
            self.ordered = ordered
            self.start = start
            self.tight = tight
        }
    }

    public enum TaskState: Hashable, Sendable { case checked, unchecked }

    public enum TableAlignment: Hashable, Sendable { case none, left, center, right }
}

/// A span of parsed text, 1-based and inclusive, as cmark-gfm reports it.
///
/// Kept in 32 bits each (clamped; no note comes near): a large site holds one for every node of every tree.
public struct SourceRange: Hashable, Sendable {
    private var line32: Int32, column32: Int32, endLine32: Int32, endColumn32: Int32

    public var startLine: Int {
        get { Int(line32) }
        set { line32 = Int32(clamping: newValue) }
    }
    public var startColumn: Int {
        get { Int(column32) }
        set { column32 = Int32(clamping: newValue) }
    }
    public var endLine: Int {
        get { Int(endLine32) }
        set { endLine32 = Int32(clamping: newValue) }
    }
    public var endColumn: Int {
        get { Int(endColumn32) }
        set { endColumn32 = Int32(clamping: newValue) }
    }

    public init(startLine: Int, startColumn: Int, endLine: Int, endColumn: Int) {
        (line32, column32) = (Int32(clamping: startLine), Int32(clamping: startColumn))
        (endLine32, endColumn32) = (Int32(clamping: endLine), Int32(clamping: endColumn))
    }
}

extension MarkdownNode {
    /// The concatenated text of this node's inlines, as a reader sees it (breaks become spaces).
    public var plainText: String {
        var out = ""
        appendPlainText(to: &out)
        return out
    }

    private func appendPlainText(to out: inout String) {
        switch kind {
        case .text(let s), .code(let s): out += s
        case .softBreak, .lineBreak: out += " "
        default: for child in children { child.appendPlainText(to: &out) }
        }
    }

    public var isBlock: Bool {
        switch kind {
        case .document, .blockQuote, .list, .item, .codeBlock, .htmlBlock, .paragraph, .heading, .thematicBreak,
             .table, .tableRow, .tableCell:
            true
        default:
            false
        }
    }
}

extension Array where Element == MarkdownNode {
    /// The same nodes in a buffer of their own size. An array grown by appending can hold twice the room
    /// it needs, and a build holds every note's tree at once: the parser and the topic linker store children
    /// this way.
    public var tight: [MarkdownNode] {
        capacity > count ? withUnsafeBufferPointer { Array($0) } : self
    }
}
