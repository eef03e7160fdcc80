import Foundation
@testable import SiteBuild
import SiteCore
import SiteMath
import Testing

/// Code blocks highlighted at build time, in plain pages and in pages whose raw HTML is sanitised.
@Suite(.serialized) struct HighlightCodeTests {
    static let katex = try? KaTeXRenderer(cacheDirectory: nil)
    static let available = katex?.prismVersion != nil

    static let notes = [
        "激活.md": """
            # 激活函数

            ```python
            def sigmoid(x):
                return 1 / (1 + np.exp(-x))  # 取值在 0 到 1 之间
            ```

            ```
            没有语言的代码块
            ```

            ```no-such-language
            if x then y
            ```
            """,
        "表格.md": """
            # 带 HTML 的一页

            <table><tr><td>一格</td></tr></table>

            ```js
            const rate = 0.01;
            ```
            """,
    ]

    func build(with math: any MathRendering) throws -> (TemporaryProject, BuildResult) {
        let project = try TemporaryProject(notes: Self.notes)
        var context = project.context()
        context.math = math
        return (project, SiteBuilder().build(context))
    }

    @Test(.enabled(if: available, "node or the Debian `node-prismjs` module is missing: highlighting not tested"))
    func fencedCodeWithALanguageIsHighlighted() throws {
        let (project, result) = try build(with: try #require(Self.katex))
        defer { project.delete() }
        #expect(result.committed, "\(result.diagnostics)")
        let page = try project.page("激活/index.html")
        #expect(page.contains(#"<pre class="highlighted" data-language="python"><code class="language-python"><span class="token keyword">def</span>"#))
        #expect(page.contains(#"<span class="token comment"># 取值在 0 到 1 之间</span>"#))
        #expect(page.contains("<pre><code>没有语言的代码块"), "a block without a language stays plain")
        #expect(page.contains(#"<pre><code class="language-no-such-language">if x then y"#))
        #expect(result.diagnostics.isEmpty, "an unknown language is not worth a warning: \(result.diagnostics)")
        #expect(result.context.counters["codeBlocksHighlighted"] == 2)

        // In a page with raw HTML the tokens join after sanitising, so their classes survive.
        let sanitised = try project.page("表格/index.html")
        #expect(sanitised.contains(#"<span class="token keyword">const</span>"#))
        #expect(!sanitised.contains("\u{E002}"))
    }

    @Test func withoutNodeCodeStaysPlain() throws {
        let (project, result) = try build(with: ClientSideMathRenderer())
        defer { project.delete() }
        #expect(result.committed)
        let page = try project.page("激活/index.html")
        #expect(page.contains(#"<pre><code class="language-python">def sigmoid(x):"#))
        #expect(!page.contains("token keyword"))
    }
}
