import Foundation
import SiteBuild
import SiteCore
import Testing

/// Topics on a small site of our own: topic pages gather sections across notes, links and wikilinks make
/// backlinks, a question asked in two notes is reported and each lists the other.
@Suite struct LinkTopicsTests {
    static let notes = [
        "基础/激活函数.md": """
            # 激活函数

            ## Sigmoid

            Sigmoid 把输入压到 0 和 1 之间，两端饱和。

            ## 和 BN 一起用

            放在 BN 之后，`Sigmoid` 在代码里不链接。

            见 [[训练/批归一化#训练与推理]]，以及 [[不存在的笔记]]。
            """,
        "训练/批归一化.md": """
            ---
            topics: [梯度消失, 没有这个主题]
            ---
            # 批归一化

            ## 训练与推理

            训练时 BN 用当前 batch 的统计量，推理时 BN 用滑动平均。

            回到 [激活函数](../基础/激活函数.md)。
            """,
        "问答/a.txt": "面试题甲\n为什么 Sigmoid 会梯度消失？ > 导数最大 1/4 > 层层相乘变小\n什么是 Dropout? > 训练时随机置零\n",
        "问答/b.txt": "面试题乙\n为什么Sigmoid会梯度消失? > 饱和区导数接近 0\n什么是过拟合? > 训练好而测试差\n",
        "topics.yml": "滑动平均:\n  aliases: [running mean]\n  summary: 推理时代替批统计量的平均。\n",
    ]

    /// A built page with percent-encoded URLs decoded.
    func page(_ project: TemporaryProject, _ path: String) throws -> String {
        let html = try project.page(path)
        return html.removingPercentEncoding ?? html
    }

    @Test func topicPagesBacklinksAndQuestions() throws {
        let project = try TemporaryProject(notes: Self.notes)
        defer { project.delete() }
        let result = project.build()
        #expect(result.committed, "\(result.diagnostics)")

        // Sigmoid gathers a section of the note and the questions of both question lists, at their anchors.
        let sigmoid = try page(project, "topics/sigmoid/index.html")
        #expect(sigmoid.contains("<h1 class=\"topic-title\">Sigmoid</h1>"))
        #expect(sigmoid.contains("href=\"../../基础/激活函数/#sigmoid\""))
        #expect(sigmoid.contains("href=\"../../问答/a/#"))
        #expect(sigmoid.contains("href=\"../../问答/b/#"))
        #expect(sigmoid.contains("两端饱和"))
        #expect(sigmoid.contains("href=\"../../topics/激活函数/\""))  // the parent
        // The site's own topic has a page; front matter put 批归一化 on 梯度消失.
        #expect(try page(project, "topics/滑动平均/index.html").contains("推理时代替批统计量的平均。"))
        #expect(try page(project, "topics/梯度消失/index.html").contains("href=\"../../训练/批归一化/\""))
        let index = try page(project, "topics/index.html")
        #expect(index.contains("href=\"../topics/sigmoid/\"") || index.contains("href=\"sigmoid/\""))
        #expect(!FileManager.default.fileExists(atPath: project.output.appendingPathComponent("topics/lstm").path))

        // The header links to the topics; the text links to topic pages, not in headings or code.
        let activation = try page(project, "基础/激活函数/index.html")
        #expect(activation.contains("href=\"../../topics/\">主题</a>"))
        #expect(activation.contains("<a class=\"topic-link\" href=\"../../topics/sigmoid/\" title=\"主题：Sigmoid\">Sigmoid</a> 把输入"))
        #expect(activation.contains("<code>Sigmoid</code>"))
        #expect(!activation.contains("<h2 id=\"sigmoid\"><a"))
        // Wikilinks: one resolves to the heading's anchor; the other is a warning at its place and shows as missing.
        #expect(activation.contains("<a class=\"wikilink\" href=\"../../训练/批归一化/#训练与推理\">训练/批归一化#训练与推理</a>"))
        #expect(activation.contains("<a class=\"wikilink missing-link\" title=\"缺少链接目标：不存在的笔记\">不存在的笔记</a>"))
        let unresolved = result.diagnostics.filter { $0.code == "wikilink-unresolved" }
        #expect(unresolved.count == 1)
        #expect(unresolved.first?.location.map { "\($0.path):\($0.line):\($0.column)" } == "notes/基础/激活函数.md:11:24")
        let unknown = result.diagnostics.first { $0.code == "topic-unknown" }
        #expect(unknown?.location?.path == "notes/训练/批归一化.md" && unknown?.location?.line == 2)

        // Backlinks both ways: a Markdown link and a wikilink.
        #expect(activation.contains("class=\"backlinks\"") && activation.contains("href=\"../../训练/批归一化/#训练与推理\">批归一化</a>"))
        let batchNorm = try page(project, "训练/批归一化/index.html")
        #expect(batchNorm.contains("class=\"backlinks\"") && batchNorm.contains("href=\"../../基础/激活函数/#和-bn-一起用\">激活函数</a>"))
        #expect(batchNorm.contains("class=\"note-topics\""))

        // The same question in two notes: a note at the later one, and each answer lists the other.
        let duplicate = result.diagnostics.filter { $0.code == "question-duplicate" }
        #expect(duplicate.count == 1 && duplicate.first?.location?.path == "notes/问答/b.txt" && duplicate.first?.location?.line == 2)
        #expect(duplicate.first?.severity == .note)
        let first = try page(project, "问答/a/index.html")
        #expect(first.contains("class=\"also-answered\"") && first.contains("href=\"../../问答/b/#"))
        #expect(try page(project, "问答/b/index.html").contains("href=\"../../问答/a/#"))

        let report = BuildReport(result).counts
        #expect(report.topicPages >= 5 && report.topicLinks >= 4)
        #expect(report.wikilinks == 2 && report.wikilinksUnresolved == 1 && report.duplicateQuestions == 1)
    }

    @Test func aliasesAreSearchSynonyms() throws {
        let project = try TemporaryProject(notes: ["a.md": "# 批归一化\n\n正文。\n"])
        defer { project.delete() }
        #expect(project.build().committed)
        struct Index: Decodable { var synonyms: [[String]] }
        let data = try Data(contentsOf: project.output.appendingPathComponent("search/index.json"))
        let groups = try JSONDecoder().decode(Index.self, from: data).synonyms
        #expect(groups.contains { $0.contains("BN") && $0.contains("批归一化") && $0.contains("BatchNorm") })
        #expect(groups.contains { $0.contains("Sigmod") && $0.contains("Sigmoid") })
    }

    @Test func linksOffAndNoBuiltInTopics() throws {
        let project = try TemporaryProject(notes: ["a.md": "# 笔记\n\nSigmoid 和 BN。\n"])
        defer { project.delete() }
        var context = project.context()
        context.config.topicLinks = .off
        context.config.topicsBuiltIn = false
        let result = SiteBuilder().build(context)
        #expect(result.committed)
        #expect(!(try project.page("a/index.html")).contains("topic-link"))
        #expect(!FileManager.default.fileExists(atPath: project.output.appendingPathComponent("topics").path))
        #expect(!(try project.page("a/index.html")).contains("topics/\">主题</a>"))
    }

    static let seeds = (try? FileManager.default.contentsOfDirectory(atPath: SanitizeHTMLTests.seedsFolder.path))?
        .filter { $0.hasSuffix(".txt") }.sorted()

    /// The seeds' topic pages, checked by hand: each gathers the seeds that discuss it.
    @Test(.enabled(if: (seeds?.count ?? 0) >= 5, "../shared/seeds not found: seed test skipped"))
    func seedTopicPagesGatherEverySeed() throws {
        var notes: [String: String] = [:]
        for name in Self.seeds! {
            notes[name] = try String(contentsOf: SanitizeHTMLTests.seedsFolder.appendingPathComponent(name), encoding: .utf8)
        }
        let project = try TemporaryProject(notes: notes)
        defer { project.delete() }
        #expect(project.build().committed)
        func notesOn(_ slug: String) throws -> Int {
            try page(project, "topics/\(slug)/index.html").components(separatedBy: "class=\"topic-note\"").count - 1
        }
        #expect(try notesOn("sigmoid") == 5)
        #expect(try notesOn("batchnorm") == 4)
        #expect(try notesOn("梯度消失") >= 4)
        #expect(try notesOn("dropout") >= 3)
        let dropout = try page(project, "topics/dropout/index.html")
        #expect(dropout.contains("也提到了"))
    }
}
