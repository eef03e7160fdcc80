import Foundation
import SiteCore
import Testing
@testable import SiteMath

/// A fresh empty folder under the temporary directory.
func temporaryFolder(_ name: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-math-\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

func span(_ tex: String, display: Bool = false, line: Int = 1) -> MathSpan {
    MathSpan(tex: tex, original: display ? "$$\(tex)$$" : "$\(tex)$", delimiter: display ? .doubleDollar : .dollar,
             display: display, location: SourceLocation(path: "k.md", line: line, column: 3))
}

/// KaTeX through a real node process; skipped when node or the `katex` module is missing.
@Suite struct KaTeXRendererTests {
    static let available: Bool = (try? KaTeXRenderer(cacheDirectory: nil)) != nil

    @Test(.enabled(if: available, "node or the Debian `katex` module is missing: KaTeX bridge not tested"))
    func rendersHTMLAndMathML() throws {
        let renderer = try KaTeXRenderer(cacheDirectory: nil)
        #expect(renderer.katexVersion.hasPrefix("0."))
        let out = renderer.render([span(#"\frac{a}{b}"#), span("x^2", display: true)], macros: [:])
        #expect(out.count == 2)
        #expect(out[0].html.hasPrefix(#"<span class="katex">"#))
        #expect(out[0].html.contains("<math") && out[0].html.contains("<mfrac>"))
        // The MathML copy stays for screen readers; its xmlns does not (HTML gives <math> its namespace).
        #expect(out[0].html.contains("<span class=\"katex-mathml\"><math><semantics>"), "\(out[0].html)")
        #expect(out[1].html.contains("<math display=\"block\">"), "\(out[1].html)")
        #expect(out[1].html.hasPrefix(#"<span class="katex-display">"#))
        #expect(out.allSatisfy { $0.diagnostics.isEmpty })
    }

    @Test(.enabled(if: available, "node or the Debian `katex` module is missing: KaTeX bridge not tested"))
    func errorsAndWarningsBecomeDiagnosticsAtTheFormula() throws {
        let renderer = try KaTeXRenderer(cacheDirectory: nil)
        let out = renderer.render([span(#"\frac{a"#, line: 7), span("“x”", line: 9), span("ok"), span(#"\frac{b"#, display: true)], macros: [:])
        #expect(out[0].html.hasPrefix(#"<code class="math-error" title="KaTeX parse error"#))
        #expect(out[0].html.hasSuffix(#">$\frac{a$</code>"#))
        #expect(out[0].diagnostics.map(\.severity) == [.warning], "one bad formula costs only itself")
        #expect(out[0].diagnostics.first?.location == SourceLocation(path: "k.md", line: 7, column: 3))
        #expect(out[0].diagnostics.first?.code == "math-katex-error")
        #expect(out[1].html.contains("katex"))
        #expect(out[1].diagnostics.map(\.severity) == [.warning, .warning])
        #expect(out[1].diagnostics.allSatisfy { $0.code == "math-katex-warning" && $0.location?.line == 9 })
        #expect(out[1].diagnostics.first?.message.contains("U+201C LEFT DOUBLE QUOTATION MARK") == true)
        #expect(out[2].diagnostics.isEmpty)
        #expect(out[3].html.hasPrefix(#"<code class="math-error math-display""#), "display errors are blocks")
        #expect(renderer.statistics.failed == 2)
    }

    @Test(.enabled(if: available, "node or the Debian `katex` module is missing: KaTeX bridge not tested"))
    func chineseTextInMathRendersWithoutWarnings() throws {
        let renderer = try KaTeXRenderer(cacheDirectory: nil)
        let out = renderer.render([span("损失 = \\sum_i 误差_i，其中 i 为样本"), span("é + ü")], macros: [:])
        #expect(out[0].html.contains("损") && out[0].html.contains("误"))
        #expect(out.allSatisfy { $0.diagnostics.isEmpty }, "\(out.flatMap(\.diagnostics))")
    }

    @Test(.enabled(if: available, "node or the Debian `katex` module is missing: KaTeX bridge not tested"))
    func strictWarningsSayWhatToDo() throws {
        let renderer = try KaTeXRenderer(cacheDirectory: nil)
        let out = renderer.render([
            span(#"x \\ y"#, display: true), span("50%"), span("“a“ + b"),
        ], macros: [:])
        let messages = out.map { $0.diagnostics.map(\.message) }
        #expect(messages[0].first?.contains(#"\begin{aligned}"#) == true, "\(messages[0])")
        #expect(messages[1].first?.contains(#"write \% for a percent sign"#) == true, "\(messages[1])")
        #expect(messages[2].count == 1, "one warning for the same complaint: \(messages[2])")
        #expect(messages[2].first?.contains("U+201C LEFT DOUBLE QUOTATION MARK") == true, "\(messages[2])")
        #expect(messages[2].first?.contains("command (2 times)") == true, "\(messages)")
        #expect(out.allSatisfy { $0.html.contains("katex") && $0.diagnostics.allSatisfy { $0.code == "math-katex-warning" } })
    }

    /// Text accents in math (`\textcircled{1}`, `\'{e}`) only LaTeX rejects; KaTeX draws them as meant.
    @Test(.enabled(if: available, "node or the Debian `katex` module is missing: KaTeX bridge not tested"))
    func textAccentsInMathAreNotReported() throws {
        let renderer = try KaTeXRenderer(cacheDirectory: nil)
        let out = renderer.render([span(#"\textcircled{1} + \textcircled{2}"#), span(#"\'{e}"#)], macros: [:])
        #expect(out.allSatisfy { $0.html.contains("katex") && $0.diagnostics.isEmpty }, "\(out.flatMap(\.diagnostics))")
    }

    @Test(.enabled(if: available, "node or the Debian `katex` module is missing: KaTeX bridge not tested"))
    func macrosFromConfigAndFrontMatter() throws {
        let renderer = try KaTeXRenderer(cacheDirectory: nil)
        let withMacro = renderer.render([span(#"\Loss(\theta)"#)], macros: ["Loss": #"\mathcal{L}"#])
        #expect(withMacro[0].diagnostics.isEmpty)
        #expect(withMacro[0].html.contains("mathcal"))
        let without = renderer.render([span(#"\Loss(\theta)"#)], macros: [:])
        #expect(without[0].diagnostics.map(\.code) == ["math-katex-error"])
    }

    @Test(.enabled(if: available, "node or the Debian `katex` module is missing: KaTeX bridge not tested"))
    func warmCacheRendersNothingTwice() throws {
        let folder = try temporaryFolder("cache")
        defer { try? FileManager.default.removeItem(at: folder) }
        let spans = (0..<40).map { span("x_{\($0)} + y") } + [span("x_{0} + y"), span(#"\frac{"#)]
        let cold = try KaTeXRenderer(cacheDirectory: folder)
        let first = cold.render(spans, macros: ["E": #"\mathbb{E}"#])
        #expect(cold.statistics.rendered == 41)
        #expect(cold.statistics.cached == 0)
        let again = cold.render(spans, macros: ["E": #"\mathbb{E}"#])
        #expect(cold.statistics.rendered == 41)
        #expect(again.map(\.html) == first.map(\.html))

        let warm = try KaTeXRenderer(cacheDirectory: folder)
        let second = warm.render(spans, macros: ["E": #"\mathbb{E}"#])
        #expect(warm.statistics.rendered == 0)
        #expect(warm.statistics.cached == 41)
        #expect(second.map(\.html) == first.map(\.html))
        #expect(second.map(\.diagnostics) == first.map(\.diagnostics))
        _ = warm.render(spans, macros: [:])
        #expect(warm.statistics.rendered == 41, "other macros, other cache entries")
    }

    @Test(.enabled(if: available, "node or the Debian `katex` module is missing: KaTeX bridge not tested"))
    func concurrentCallersGetTheirOwnResults() async throws {
        let renderer = try KaTeXRenderer(cacheDirectory: nil)
        let results = await withTaskGroup(of: (Int, [RenderedMath]).self) { group in
            for page in 0..<8 {
                group.addTask { (page, renderer.render((0..<20).map { span("p_{\(page)} + \($0)") }, macros: [:])) }
            }
            var all: [Int: [RenderedMath]] = [:]
            for await (page, out) in group { all[page] = out }
            return all
        }
        for page in 0..<8 {
            let out = try #require(results[page])
            #expect(out.count == 20)
            #expect(out.allSatisfy { $0.diagnostics.isEmpty })
            #expect(out[3].html.contains(">\(page)<") && out[3].html.contains(">3<"))
        }
    }

    @Test func missingNodeFallsBackToClientSide() throws {
        let (renderer, diagnostic) = MathSetup.makeRenderer(cacheDirectory: nil, nodePath: "/nonexistent/node")
        #expect(renderer.mode == .clientSide)
        #expect(diagnostic?.severity == .warning)
        #expect(diagnostic?.code == "math-client-side")
        #expect(diagnostic?.message.contains("apt install") == true)
        let out = renderer.render([span("a<b"), span("x", display: true)], macros: [:])
        #expect(out.map(\.html) == [
            #"<span class="math math-inline">\(a&lt;b\)</span>"#, #"<span class="math math-display">\[x\]</span>"#,
        ])
    }

    @Test func nodeWithoutKaTeXFallsBack() throws {
        // `true` runs and exits at once without printing the ready line.
        guard FileManager.default.isExecutableFile(atPath: "/bin/true") else { return }
        let (renderer, diagnostic) = MathSetup.makeRenderer(cacheDirectory: nil, nodePath: "/bin/true")
        // Node may only be tried at the first formula that is not cached; either way the result is client-side.
        let out = renderer.render([span("a<b")], macros: [:])
        #expect(renderer.mode == .clientSide)
        #expect(out.map(\.html) == [#"<span class="math math-inline">\(a&lt;b\)</span>"#])
        let why = diagnostic?.message ?? (renderer as? KaTeXRenderer)?.startFailure?.description ?? ""
        #expect(why.contains("KaTeX module could not be loaded"), "\(why)")
    }

    @Test(.enabled(if: available, "node or the Debian `katex` module is missing: KaTeX bridge not tested"))
    func setupPrefersBuildTime() {
        let (renderer, diagnostic) = MathSetup.makeRenderer(cacheDirectory: nil)
        #expect(renderer.mode == .buildTime)
        #expect(diagnostic == nil)
    }
}
