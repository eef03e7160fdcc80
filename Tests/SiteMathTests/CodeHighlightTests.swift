import Foundation
import SiteMath
import Testing

/// Code highlighted by Prism in the KaTeX node process (Debian `node-prismjs`).
@Suite struct CodeHighlightTests {
    static let renderer = try? KaTeXRenderer(cacheDirectory: nil)
    static let available = renderer?.prismVersion != nil

    @Test(.enabled(if: available, "node or the Debian `node-prismjs` module is missing: highlighting not tested"))
    func languagesAndAliasesAreTokenised() throws {
        let renderer = try #require(Self.renderer)
        let blocks = [
            CodeToHighlight(language: "python", code: "def relu(x):\n    return max(0, x)  # 截断负数\n"),
            CodeToHighlight(language: "py", code: "import numpy as np"),
            CodeToHighlight(language: "C++", code: "int main() { return 0; }"),
        ]
        let html = renderer.highlight(blocks)
        #expect(html.count == 3)
        #expect(html[0]?.contains(#"<span class="token keyword">def</span>"#) == true)
        #expect(html[0]?.contains(#"<span class="token comment"># 截断负数</span>"#) == true)
        #expect(html[1]?.contains(#"<span class="token keyword">import</span>"#) == true)
        #expect(html[2] == nil, "`C++` is no Prism language name (`cpp` is)")
    }

    @Test(.enabled(if: available, "node or the Debian `node-prismjs` module is missing: highlighting not tested"))
    func codeIsEscapedAndUnknownLanguagesStayPlain() throws {
        let renderer = try #require(Self.renderer)
        let html = renderer.highlight([
            CodeToHighlight(language: "html", code: "<script>alert(1)</script>"),
            CodeToHighlight(language: "python", code: "a = '</code></pre><b>'"),
            CodeToHighlight(language: "no-such-language", code: "x"),
            CodeToHighlight(language: "extend", code: "x"),
            CodeToHighlight(language: "constructor", code: "x"),
        ])
        #expect(html[0].map { !$0.contains("<script") && $0.contains("&lt;") } == true)
        #expect(html[1].map { !$0.contains("</code>") && $0.contains("&lt;/code>") } == true)
        #expect(html[2...].allSatisfy { $0 == nil }, "Prism's helpers and Object's members are not languages")
    }

    @Test(.enabled(if: available, "node or the Debian `node-prismjs` module is missing: highlighting not tested"))
    func highlightingIsCachedOnDisk() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-prism-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let block = CodeToHighlight(language: "javascript", code: "const answer = 42;")
        let first = try KaTeXRenderer(cacheDirectory: folder).highlight([block])
        let files = FileManager.default.enumerator(atPath: folder.path)?.allObjects.count ?? 0
        #expect(first[0]?.contains("token keyword") == true)
        #expect(files > 0)
        // A renderer whose node cannot start still answers from the cache.
        let cachedOnly = try KaTeXRenderer(cacheDirectory: folder, nodePath: "/bin/false")
        #expect(cachedOnly.highlight([block]) == first)
    }
}
