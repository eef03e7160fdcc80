import SiteCore
import SiteMarkdown

/// The ```` ```tensor ```` blocks of a note, for `sitegen eval notes/x.md`.
public enum TensorBlocks {
    public struct Block: Sendable {
        public var source: String
        /// File line and column of the block's first source line.
        public var line: Int
        public var column: Int
    }

    public static func extract(from text: String, path: String) -> [Block] {
        let split = FrontMatter.split(text, path: path)
        let map = LineMap.identity(lineCount: split.body.sourceLineCount, firstLine: split.bodyFirstLine)
        return MarkdownParser.parse(split.body).collect {
            if case .codeBlock(let info, _, _) = $0.kind { info.split(separator: " ").first == "tensor" } else { false }
        }.compactMap { node in
            guard case .codeBlock(_, let source, _) = node.kind, let range = node.range else { return nil }
            let first = map.original(line: range.startLine + 1, column: range.startColumn)
            return Block(source: source, line: first.line, column: first.column)
        }
    }
}
