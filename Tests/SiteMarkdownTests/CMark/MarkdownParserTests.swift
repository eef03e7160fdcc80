import SiteMarkdown
import Testing

@Suite struct MarkdownParserTests {
    @Test func blocksCarrySourcePositions() {
        let doc = MarkdownParser.parse("# 标题\n\n段落\n第二行\n\n- a\n- b\n")
        let kinds = doc.children.map { String(describing: $0.kind).prefix { $0 != "(" } }
        #expect(kinds == ["heading", "paragraph", "list"])
        #expect(doc.children[0].range?.startLine == 1)
        #expect(doc.children[1].range?.startLine == 3 && doc.children[1].range?.endLine == 4)
        #expect(doc.children[2].children[1].range?.startLine == 7)
        #expect(doc.children[2].children[1].range?.startColumn == 1)
    }

    @Test func extensionsAreAttached() {
        let doc = MarkdownParser.parse("| a | b |\n|:--|--:|\n| 1 | 2 |\n\n~~x~~ www.e.com\n\n- [x] done\n")
        guard case .table(let alignments) = doc.children[0].kind else {
            Issue.record("no table: \(doc.children[0].kind)")
            return
        }
        #expect(alignments == [.left, .right])
        #expect(doc.collect { $0.kind == .strikethrough }.count == 1)
        #expect(doc.collect { if case .link = $0.kind { true } else { false } }.count == 1)
        #expect(doc.collect { $0.kind == .item(task: .checked) }.count == 1)
    }

    @Test func plainTextAndRewriting() {
        let doc = MarkdownParser.parse("## Dropout `p` *率*\n")
        #expect(doc.children[0].plainText == "Dropout p 率")
        let noEmphasis = doc.rewritten { $0.kind == .emphasis ? nil : $0 }
        #expect(noEmphasis?.children[0].plainText == "Dropout p ")
    }
}
