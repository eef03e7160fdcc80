/// Finds fenced code blocks whose info string is `tensor` in a Markdown text (for `evaluateForTerminal`;
/// the build finds blocks with cmark-gfm).
enum TensorFences {
    struct Block: Hashable, Sendable {
        /// The block's lines, with the fence's indentation removed.
        var source: String
        /// 1-based line of the block's first source line in the text.
        var firstLine: Int
        /// 1-based column where the block's lines start.
        var column: Int
    }

    static func find(in markdown: String) -> [Block] {
        let lines = markdown.sourceLines.map(String.init)
        var blocks: [Block] = []
        var i = 0
        while i < lines.count {
            let line = lines[i]
            let indent = line.prefix { $0 == " " }.count
            let rest = line.dropFirst(indent)
            guard indent <= 3, let fenceChar = rest.first, fenceChar == "`" || fenceChar == "~" else { i += 1; continue }
            let fenceLength = rest.prefix { $0 == fenceChar }.count
            let info = rest.dropFirst(fenceLength).trimmed(of: " \t")
            guard fenceLength >= 3, info.split(separator: " ").first.map(String.init) == "tensor" else { i += 1; continue }
            var body: [String] = []
            var j = i + 1
            while j < lines.count {
                let candidate = lines[j]
                let ci = candidate.prefix { $0 == " " }.count
                let crest = candidate.dropFirst(ci)
                if ci <= 3, crest.prefix(while: { $0 == fenceChar }).count >= fenceLength,
                   crest.drop(while: { $0 == fenceChar }).allSatisfy({ $0 == " " || $0 == "\t" }) { break }
                var stripped = Substring(candidate)
                var removed = 0
                while removed < indent, stripped.first == " " { stripped = stripped.dropFirst(); removed += 1 }
                body.append(String(stripped))
                j += 1
            }
            blocks.append(Block(source: body.joined(separator: "\n"), firstLine: i + 2, column: indent + 1))
            i = j + 1
        }
        return blocks
    }
}

extension Substring {
    func trimmed(of set: String) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
