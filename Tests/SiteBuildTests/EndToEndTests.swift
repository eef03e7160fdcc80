import Foundation
import SiteBuild
import SiteCore
import Testing

/// Builds a notes folder into a temporary output and checks pages, links, ids and the atomic swap.
@Suite(.serialized) struct EndToEndTests {
    static let notes = [
        "激活函数.md": """
            ---
            title: 激活函数 Activation
            date: 2024-03-01 10:00:00 +0800
            tags: [basics, activation]
            ---
            ## 为什么需要激活函数

            没有 non-linearity，多层网络等价于一层。见 [BN 笔记](training/batchnorm.md#训练与推理) 和 [本页](#常见函数)。

            ## 常见函数

            Sigmoid 的输出是 $\\sigma(x) = \\frac{1}{1+e^{-x}}$，其中 $x_i$ 不会被当成 *强调*。

            ## 常见函数
            """,
        "training/batchnorm.md": """
            # BatchNorm 批归一化

            ## 训练与推理

            训练时用 batch statistics，推理时用 running mean。回到 [激活函数](../激活函数.md)。

            ![结构图](missing.png)
            """,
        "training/figure.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    ]

    @Test func buildsPagesWithPrettyURLsAndLinks() throws {
        let project = try TemporaryProject(notes: Self.notes)
        defer { project.delete() }
        let result = project.build(baseURL: "https://example.org/sub/")
        #expect(result.committed, "\(result.diagnostics)")

        let activation = try project.page("激活函数/index.html")
        #expect(activation.contains("<html lang=\"zh-CN\""))
        #expect(activation.contains("id=\"为什么需要激活函数\""))
        #expect(activation.contains("id=\"常见函数\"") && activation.contains("id=\"常见函数-2\""))
        // Links between notes go to the output URLs (page-relative, so any base path works); anchors are kept.
        #expect(activation.contains("href=\"../training/batchnorm/#%E8%AE%AD%E7%BB%83%E4%B8%8E%E6%8E%A8%E7%90%86\""))
        #expect(activation.contains("href=\"#%E5%B8%B8%E8%A7%81%E5%87%BD%E6%95%B0\""))
        let style = try project.hashedAsset("assets/style.css")
        #expect(activation.contains("href=\"../\(style)\""))
        #expect(activation.contains("src=\"../\(try project.hashedAsset("assets/search.js"))\""))
        // The 404 page links from the site's root (right from disk) and, when served, sets the base path.
        let notFound = try project.page("404.html")
        #expect(notFound.contains("href=\"\(style)\""))
        #expect(notFound.contains("b.href = \"/sub/\""))
        // Math is cut out before Markdown: no emphasis inside it, and the TeX survives.
        #expect(!activation.contains("<em>i"))
        #expect(activation.contains("x_i"))
        #expect(activation.contains("2024-03-01"))

        let bn = try project.page("training/batchnorm/index.html")
        // The note's leading `# heading` becomes the page title, shown once.
        #expect(bn.components(separatedBy: "<h1").count == 2)
        #expect(bn.contains("<title>BatchNorm 批归一化"))
        #expect(bn.contains("href=\"../../%E6%BF%80%E6%B4%BB%E5%87%BD%E6%95%B0/\""))
        let home = try project.page("index.html")
        #expect(home.contains("href=\"training/batchnorm/\"") && home.contains("BatchNorm 批归一化"))
        #expect(FileManager.default.fileExists(atPath: project.output.appendingPathComponent("404.html").path))
        #expect(FileManager.default.fileExists(atPath: project.output.appendingPathComponent("training/index.html").path))
        #expect(FileManager.default.fileExists(atPath: project.output.appendingPathComponent("training/figure.svg").path))
        #expect(!FileManager.default.fileExists(atPath: project.output.appendingPathComponent("assets/style.css").path))

        // The missing image is a located warning, not a failure.
        let missing = result.diagnostics.first { $0.code == "image-missing" }
        #expect(missing?.location?.path.hasSuffix("notes/training/batchnorm.md") == true)
        #expect(missing?.location?.line == 7)
    }

    @Test func brokenLinksAndAnchorsAreWarningsAtTheLink() throws {
        let project = try TemporaryProject(notes: [
            "a.md": "# A\n\n第一段\n\n见 [不存在](nowhere.md) 与 [B 的小节](b.md#没有这一节)\n",
            "b.md": "# B\n\n## 有这一节\n",
        ])
        defer { project.delete() }
        let result = project.build()
        let broken = result.diagnostics.filter { $0.code == "link-broken" || $0.code == "anchor-missing" }
        #expect(broken.count == 2)
        #expect(broken.allSatisfy { $0.location?.line == 5 && $0.severity == .warning })
        #expect(result.committed)
        // Under --strict the same warnings fail the build.
        #expect(!project.build(strict: true).committed)
    }

    @Test func failedBuildLeavesPreviousOutputUntouched() throws {
        let project = try TemporaryProject(notes: Self.notes)
        defer { project.delete() }
        #expect(project.build().committed)
        let before = try project.snapshot()
        #expect(before.keys.contains("/激活函数/index.html"))

        // A note with broken YAML is an error: the build fails and public/ is exactly as it was.
        try project.write("坏的.md", "---\ntitle: [unclosed\n---\n正文\n")
        let failed = project.build()
        #expect(!failed.committed)
        let yaml = failed.diagnostics.first { $0.code == "front-matter-yaml" }
        #expect(yaml?.severity == .error && yaml?.location?.path == "notes/坏的.md" && (yaml?.location?.line ?? 0) >= 2)
        #expect(try project.snapshot() == before)
        try project.remove("坏的.md")

        // A write that fails midway (disk full, say) also leaves it untouched (the site is not unchanged:
        // an unchanged one would write nothing).
        project.forgetSite()
        let counter = WriteCounter()
        let flaky = FileSystem(read: FileSystem.disk.read, write: { data, url in
            if counter.increment() > 2 { throw CocoaError(.fileWriteOutOfSpace) }
            try FileSystem.disk.write(data, url)
        }, listFiles: FileSystem.disk.listFiles)
        #expect(!project.build(fileSystem: flaky).committed)
        #expect(try project.snapshot() == before)
        #expect(!FileManager.default.fileExists(atPath: StagedOutput.stagingURL(for: project.output).path))
    }

    @Test func removedNotesDisappearAndInterruptedSwapsRecover() throws {
        let project = try TemporaryProject(notes: Self.notes)
        defer { project.delete() }
        #expect(project.build().committed)
        try project.remove("training/batchnorm.md")
        #expect(project.build().committed)
        #expect(!FileManager.default.fileExists(atPath: project.output.appendingPathComponent("training/batchnorm/index.html").path))
        // Each build deletes the sites earlier builds replaced: at most the latest one waits beside the output.
        #expect(project.build().committed)
        let siblings = try FileManager.default.contentsOfDirectory(atPath: project.root.path)
        #expect(siblings.filter { $0.hasPrefix(".public.old-") }.count <= 1, "\(siblings)")
        #expect(!siblings.contains(".public.staging"))

        // Simulate a kill between the two renames of a non-Linux swap: output gone, previous copy kept.
        let previous = project.output.deletingLastPathComponent().appendingPathComponent(".public.previous")
        try FileManager.default.moveItem(at: project.output, to: previous)
        try StagedOutput.prepare(output: project.output)
        #expect(FileManager.default.fileExists(atPath: project.output.appendingPathComponent("index.html").path))
        StagedOutput.discard(output: project.output)
    }

    /// With node and KaTeX installed, formulas are typeset at build time and a warm rebuild renders none again.
    @Test func warmRebuildRendersNoFormulaTwice() throws {
        let project = try TemporaryProject(notes: Self.notes)
        defer { project.delete() }
        func build() -> BuildResult {
            var context = project.context()
            context.math = nil
            return SiteBuilder().build(context)
        }
        let cold = build()
        guard cold.context.mathMode == .buildTime else {
            print("skipped: node/katex not installed, formulas are rendered in the browser")
            return
        }
        let activation = try project.page("激活函数/index.html")
        #expect(activation.contains("class=\"katex\""))
        #expect(!activation.contains("katex-error"))
        #expect(cold.context.counters["formulasRendered"] == 2)
        project.forgetSite()
        let warm = build()
        #expect(warm.committed)
        #expect(warm.context.counters["formulasRendered"] == 0)
        // The note comes whole from the note cache, its formulas typeset in its body.
        #expect(warm.context.counters["formulas"] == 2)
        #expect((warm.context.counters["notesCached"] ?? 0) > 0)
        #expect(try project.page("激活函数/index.html") == activation)
    }

    /// Macros from the site config and from a page's front matter reach KaTeX.
    @Test func macrosFromConfigAndFrontMatter() throws {
        let project = try TemporaryProject(notes: [
            "m.md": "---\ntitle: M\nmacros:\n  \\E: \\mathbb{E}\n---\n期望 $\\E[x]$，实数 $x \\in \\R$\n",
        ])
        defer { project.delete() }
        func build(strict: Bool = false, errors: SiteConfig.MathErrors = .warn) -> BuildResult {
            var context = project.context()
            context.math = nil
            context.config.mathMacros = ["\\R": "\\mathbb{R}"]
            context.config.mathErrors = errors
            return SiteBuilder(strict: strict).build(context)
        }
        let result = build()
        guard result.context.mathMode == .buildTime else {
            print("skipped: node/katex not installed")
            return
        }
        #expect(result.committed, "\(result.diagnostics)")
        let m = try project.page("m/index.html")
        #expect(m.components(separatedBy: "mathbb").count - 1 >= 2, "both macros expand to blackboard bold")
        // `\E` is defined only on page m: on another page it is a warning at its line, the page shows the
        // source marked, and the site is written.
        try project.write("n.md", "第一行\n\n未定义的 $\\E$，定义了的 $\\R$\n")
        let warned = build()
        #expect(warned.committed, "\(warned.diagnostics)")
        let undefined = warned.diagnostics.filter { $0.code == "math-katex-error" }
        #expect(undefined.map(\.severity) == [.warning])
        #expect(undefined.first?.location?.path == "notes/n.md" && undefined.first?.location?.line == 3)
        #expect(warned.context.counters["formulasFailed"] == 1)
        let n = try project.page("n/index.html")
        #expect(n.contains(#"<code class="math-error" title="KaTeX parse error: Undefined control sequence: \E"#))
        #expect(n.contains("mathbb"), "the page's other formula is typeset")
        // `--strict`, or `math: {errors: fail}`, fails the build.
        #expect(!build(strict: true).committed)
        let failed = build(errors: .fail)
        #expect(!failed.committed)
        #expect(failed.diagnostics.filter { $0.code == "math-katex-error" }.map(\.severity) == [.error])
    }

    @Test func reportListsPagesDiagnosticsAndTimings() throws {
        let project = try TemporaryProject(notes: Self.notes)
        defer { project.delete() }
        let result = project.build()
        let json = try JSONSerialization.jsonObject(with: BuildReport(result).json()) as? [String: Any]
        let pages = json?["pages"] as? [[String: Any]]
        #expect(pages?.count == 2)
        #expect(pages?.contains { ($0["source"] as? String) == "notes/training/batchnorm.md" && ($0["output"] as? String) == "public/training/batchnorm/index.html" } == true)
        let timings = json?["timings"] as? [[String: Any]]
        #expect(timings?.map { $0["step"] as? String } == SiteBuilder.defaultSteps.map(\.name) + ["swap"])
        let counts = json?["counts"] as? [String: Any]
        #expect(counts?["pages"] as? Int == 2)
        #expect((counts?["warnings"] as? Int ?? -1) == result.diagnostics.warningCount)
        #expect(counts?["formulasFailed"] as? Int == 0)
    }
}

final class WriteCounter: @unchecked Sendable {
    private var count = 0
    private let lock = NSLock()
    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        count += 1
        return count
    }
}
