import Foundation
import SiteCore
import Testing
@testable import SiteMath

/// Formulas that once broke the node bridge: each may fail, but only itself, and never as a bridge failure
/// when KaTeX itself answered. Real node processes; skipped when node or the `katex` module is missing.
@Suite struct KaTeXBridgeTests {
    static let available = KaTeXRendererTests.available
    static let skip: Comment = "node or the Debian `katex` module is missing: KaTeX bridge not tested"

    /// Good formulas around `poison`, so a failure that spreads shows.
    static func mixed(_ poison: [String]) -> [MathSpan] {
        var spans: [MathSpan] = []
        for (i, tex) in poison.enumerated() {
            spans.append(span(#"\frac{a_{\#(i)}}{b}"#, line: 2 * i + 1))
            spans.append(span(tex, line: 2 * i + 2))
        }
        spans.append(span(#"\sqrt{z}"#, line: 2 * poison.count + 1))
        return spans
    }

    static func expectGoodOnesTypeset(_ out: [RenderedMath], _ spans: [MathSpan]) {
        #expect(out.count == spans.count)
        for (result, span) in zip(out, spans) where span.location.line % 2 == 1 {
            #expect(result.html.hasPrefix(#"<span class="katex">"#), "line \(span.location.line): \(result.html.prefix(80))")
            #expect(result.diagnostics.isEmpty)
        }
    }

    static func errors(_ result: RenderedMath) -> [Diagnostic] {
        result.diagnostics.filter { $0.code == KaTeXRenderer.errorCode }
    }

    @Test(.enabled(if: available, skip))
    func astralLettersDoNotPoisonTheBatch() throws {
        let renderer = try KaTeXRenderer(cacheDirectory: nil)
        let spans = Self.mixed(["𝑥 + 1", "𝜎(z)", #"\mathbf{𝐱}^T 𝐱"#, #"\text{𝜎 和 𝑥}"#, "😀"])
        let out = renderer.render(spans, macros: [:])
        Self.expectGoodOnesTypeset(out, spans)
        #expect(out[1].html.contains("katex") && out[1].diagnostics.isEmpty, "KaTeX 0.16 has 𝑥 (math italic)")
        // KaTeX has no font for a math italic σ: it fails alone, and the message names the letter.
        let sigma = try #require(Self.errors(out[3]).first)
        #expect(sigma.severity == .warning)
        #expect(sigma.message.contains("U+1D70E MATHEMATICAL ITALIC SMALL SIGMA") && sigma.message.contains(#"\sigma"#), "\(sigma.message)")
        #expect(out[3].html.hasPrefix(#"<code class="math-error""#))
        #expect(out[3].diagnostics.count == 1, "the unknownSymbol warning is folded into the error: \(out[3].diagnostics)")
        let all = out.flatMap(\.diagnostics)
        #expect(!all.contains { $0.message.contains("\u{FFFD}") || $0.message.contains("node") }, "\(all)")
        #expect(renderer.statistics.rendered == spans.count, "every formula answered by KaTeX")
    }

    @Test(.enabled(if: available, skip))
    func loneSurrogatesInARequestGetWellFormedAnswers() throws {
        // Swift strings cannot hold a lone surrogate, but JSON escapes can: talk to the driver directly.
        let node = try #require(KaTeXRenderer.findNode(nil))
        let process = try LineProcess(executable: node, arguments: ["-e", KaTeXDriver.script],
                                      extraEnvironment: ["NODE_PATH": "/usr/share/nodejs"])
        defer { process.terminate() }
        _ = try process.readLine(within: 30).get()
        try process.writeLine(Data(#"{"items": [{"tex": "\ud835 x"}, {"tex": "a\udc00"}, {"tex": "\ud835\udf0e"}, {"tex": "y"}, {"tex": "\\verb|\\ud835|"}, {"tex": "x\\\\ud835"}]}"#.utf8))
        var outcomes: [KaTeXOutcome] = []
        for _ in 0..<6 {
            let line = try process.readLine(within: 30).get()
            outcomes.append(try JSONDecoder().decode(KaTeXOutcome.self, from: line))
        }
        #expect(outcomes[0].error?.contains("\u{FFFD}") == true, "\(outcomes[0])")
        #expect(outcomes[2].warnings.first?.symbol == "𝜎", "the whole character, though KaTeX's message has half of it")
        #expect(outcomes[3].html?.contains("katex") == true)
        // `\ud835` typed as text (after one backslash or two) is no escaped surrogate: the TeX annotation keeps it.
        #expect(outcomes[4].html?.contains(#">\verb|\ud835|</annotation>"#) == true, "\(outcomes[4])")
        #expect(outcomes[5].html?.contains(#">x\\ud835</annotation>"#) == true, "\(outcomes[5])")
    }

    @Test(.enabled(if: available, skip))
    func lineSeparatorsAndNULFailAlone() throws {
        let renderer = try KaTeXRenderer(cacheDirectory: nil)
        let spans = Self.mixed(["a\u{2028}b", "a\u{2029}b", "a\u{0}b", "a\r\nb", "x\u{85}y"])
        let out = renderer.render(spans, macros: [:])
        Self.expectGoodOnesTypeset(out, spans)
        for i in [1, 3, 5] {
            #expect(Self.errors(out[i]).first?.message.contains("cannot parse the formula: Unexpected character") == true, "\(out[i].diagnostics)")
        }
        #expect(out[7].html.contains("katex"), "a CR LF inside a formula is white space")
        #expect(!out.flatMap(\.diagnostics).contains { $0.message.contains("node") })
    }

    @Test(.enabled(if: available, skip))
    func nonParseErrorsAreExplained() throws {
        let renderer = try KaTeXRenderer(cacheDirectory: nil)
        let deep = String(repeating: "{", count: 6000) + "x" + String(repeating: "}", count: 6000)
        let spans = Self.mixed([deep, #"\def\a{\a}\a"#, #"\foo{x}"#, "a $ b"])
        let out = renderer.render(spans, macros: [:])
        Self.expectGoodOnesTypeset(out, spans)
        let messages = [1, 3, 5, 7].map { Self.errors(out[$0]).first?.message ?? "" }
        #expect(messages[0].contains("nests too deeply") && messages[0].contains("RangeError"), "\(messages[0])")
        #expect(messages[1].contains("expands without end"), "\(messages[1])")
        #expect(messages[2].contains(#"\foo"#) && messages[2].contains("math: macros:"), "\(messages[2])")
        #expect(messages[3].contains("paired") && messages[3].contains(#"\$"#), "\(messages[3])")
        #expect(messages[3].contains("in math mode at position 3.") && !messages[3].contains("\u{332}"),
                "KaTeX's underlined quote of the formula is left to the page's tooltip: \(messages[3])")
        // Hovering the marked source shows KaTeX's own message.
        #expect(out[3].html.contains(#"title="KaTeX parse error: Too many expansions"#))
    }

    @Test(.enabled(if: available, skip))
    func aFormulaThatHangsKaTeXTimesOutAlone() throws {
        // KaTeX's time grows with the square of this formula's length: 1 MB would take hours.
        let renderer = try KaTeXRenderer(cacheDirectory: nil, processes: 1, formulaTimeout: 3)
        let spans = Self.mixed([String(repeating: "x+", count: 500_000), #"\alpha"#])
        let started = Date()
        let out = renderer.render(spans, macros: [:])
        #expect(Date().timeIntervalSince(started) < 60)
        Self.expectGoodOnesTypeset(out, spans)
        let hung = try #require(Self.errors(out[1]).first)
        #expect(hung.severity == .warning)
        #expect(hung.message.contains("no answer within 3 s") && hung.message.contains("the other formulas are typeset"), "\(hung.message)")
        #expect(out[1].html.hasPrefix(#"<code class="math-error""#))
        #expect(out[3].html.contains("katex") && out[3].diagnostics.isEmpty, "the formula after it, in a new process")
    }

    @Test(.enabled(if: available, skip))
    func aFormulaThatKillsNodeFailsAloneAndIsNeverCached() throws {
        // A node that has only 16 MB of heap dies (SIGABRT) on a large formula and handles small ones.
        let folder = try temporaryFolder("killer")
        defer { try? FileManager.default.removeItem(at: folder) }
        let realNode = try #require(KaTeXRenderer.findNode(nil))
        let smallNode = folder.appendingPathComponent("small-node")
        try Data("#!/bin/sh\nexec '\(realNode.path)' --max-old-space-size=16 \"$@\"\n".utf8).write(to: smallNode)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: smallNode.path)
        let cache = folder.appendingPathComponent("cache")
        let killer = String(repeating: #"\frac{a}{b}"#, count: 2000)
        let spans = Self.mixed([killer, "y^2", killer + " ", "z_1"])

        let renderer = try KaTeXRenderer(cacheDirectory: cache, nodePath: smallNode.path, processes: 1)
        let out = renderer.render(spans, macros: [:])
        Self.expectGoodOnesTypeset(out, spans)
        for i in [1, 5] {
            let died = try #require(Self.errors(out[i]).first)
            #expect(died.message.contains("node was killed by signal") || died.message.contains("node exited"), "\(died.message)")
            #expect(died.message.contains("alone"))
        }
        #expect(out[3].diagnostics.isEmpty && out[7].diagnostics.isEmpty)
        #expect(renderer.statistics.rendered == spans.count - 2)
        #expect(renderer.statistics.failed == 2)

        let stored = try FileManager.default.contentsOfDirectory(at: cache, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "lines" }
            .map { try Data(contentsOf: $0).split(separator: 0x0A).count }.reduce(0, +)
        #expect(stored == spans.count - 2, "the two node failures are not cached")
        let again = try KaTeXRenderer(cacheDirectory: cache, nodePath: smallNode.path, processes: 1)
        let second = again.render(spans, macros: [:])
        #expect(again.statistics.cached == spans.count - 2)
        #expect(Self.errors(second[1]).first?.message.contains("alone") == true, "tried again, not taken from the cache")
    }
}
