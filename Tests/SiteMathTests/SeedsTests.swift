import Foundation
import SiteCore
import Testing
@testable import SiteMath

/// The user's real exports in `../shared/seeds` (next to the repository); skipped when absent.
@Suite struct SeedsTests {
    /// `SITEGEN_SEEDS` when set (a worktree that lives elsewhere), else `../shared/seeds` beside the repository.
    static let seedsFolder: URL = ProcessInfo.processInfo.environment["SITEGEN_SEEDS"].map { URL(fileURLWithPath: $0) }
        ?? URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/seeds")

    static var seeds: [URL] {
        ((try? FileManager.default.contentsOfDirectory(at: seedsFolder, includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.pathExtension == "txt" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    static let present = !seeds.isEmpty
    static let katex = (try? KaTeXRenderer(cacheDirectory: nil)) != nil

    /// Formulas per seed, counted by hand from the files (000: 13 `$$` + 9 `$`, 002: 39 `\(` + 12 `\[` + a bare
    /// `x^{(k)}` …).
    static let expectedFormulas = ["000": 22, "001": 28, "002": 52, "003": 0, "004": 51]

    @Test(.enabled(if: present, "../shared/seeds not found: seed test skipped"),
          .enabled(if: katex, "node or katex missing: seed rendering not tested"))
    func everySeedFormulaIsFoundRepairedAndRendersCleanly() throws {
        let renderer = try KaTeXRenderer(cacheDirectory: nil)
        let clock = ContinuousClock()
        var renderTime = Duration.zero
        var table = ["seed | found | repaired | rendered OK | failed | KaTeX warnings | lost warnings | failed or warned without repair",
                     "---|---|---|---|---|---|---|---"]
        for url in Self.seeds {
            let name = url.lastPathComponent
            let text = try String(contentsOf: url, encoding: .utf8)
            let protected = MathProtector.protect(text, path: name)
            let started = clock.now
            let rendered = renderer.render(protected.spans, macros: [:])
            renderTime += clock.now - started
            let repaired = Set(protected.diagnostics.filter { $0.severity == .note }.compactMap(\.location)).count
            let failed = rendered.filter { $0.diagnostics.contains { $0.severity == .error } }
            let katexWarnings = rendered.flatMap(\.diagnostics).filter { $0.severity == .warning }
            let lost = protected.diagnostics.filter { $0.code.hasPrefix("math-lost") }
            let unrepaired = renderer.render(protected.spans.map(Self.unrepaired), macros: [:])
                .filter { !$0.diagnostics.isEmpty }.count
            table.append("\(name.prefix(3)) | \(protected.spans.count) | \(repaired) | \(rendered.count - failed.count) | \(failed.count) | \(katexWarnings.count) | \(lost.count) | \(unrepaired)")
            for d in lost { table.append("    \(d)") }

            #expect(protected.formulaCount == Self.expectedFormulas[String(name.prefix(3))], "\(name)")
            #expect(failed.isEmpty, "\(name): \(failed.flatMap(\.diagnostics))")
            #expect(katexWarnings.isEmpty, "\(name): \(katexWarnings)")
            #expect(rendered.allSatisfy { !$0.html.contains("katex-error") && !$0.html.contains("math-error") })
            #expect(!protected.diagnostics.contains { $0.code == "math-unclosed" }, "\(name)")
            for leftover in ["\\(", "\\[", "$"] {
                #expect(!protected.text.contains(leftover), "\(name) still holds \(leftover) outside math")
            }
            let restored = MathSubstitution.substitute(in: protected.text, rendered: protected.spans.map(\.original))
            #expect(restored == text, "\(name): protect + substitute must give the source back")
        }
        table.append("cold KaTeX time for all seeds: \(renderTime)")
        print(table.joined(separator: "\n"))
    }

    /// The span as it would render with no repair: the source between its delimiters.
    static func unrepaired(_ span: MathSpan) -> MathSpan {
        var s = span
        let cut = [MathDelimiter.dollar: 1, .doubleDollar: 2, .parenthesis: 2, .bracket: 2, .environment: 0][span.delimiter] ?? 0
        s.tex = String(span.original.dropFirst(cut).dropLast(cut))
        return s
    }

    @Test(.enabled(if: present, "../shared/seeds not found: seed test skipped"))
    func lostFormulasAreReportedWhereTheSeedsLostThem() throws {
        var lostLines: [String: [Int]] = [:]
        for url in Self.seeds {
            let protected = MathProtector.protect(try String(contentsOf: url, encoding: .utf8), path: url.lastPathComponent)
            lostLines[String(url.lastPathComponent.prefix(3))] = protected.diagnostics
                .filter { $0.code == "math-lost" }.compactMap { $0.location?.line }
        }
        #expect(Set(lostLines["003"] ?? []) == [4, 5], "the two matrix definitions that lost every symbol")
        #expect(lostLines["002"]?.count == 1, "`[公式]`; the bare `x^{(k)}` is typeset (`math-bare-tex`)")
        #expect(lostLines["000"] == [], "no false positives on ordinary spacing")
        #expect(lostLines["001"] == [47, 51, 114, 128, 136], "Notion formulas that kept only their italics")
    }
}
