import Foundation
import Testing

/// The search step on a real build: one page file per note, sections at the page's heading ids, no formulas,
/// no raw HTML, code kept out of the snippet text.
@Suite struct BuildSearchIndexTests {
    struct PageFile: Decodable {
        struct Section: Decodable { var anchor: String; var heading: String; var text: String; var question: Bool? }
        var url: String
        var title: String
        var sections: [Section]
    }

    @Test func pagesBecomeSearchDocuments() throws {
        let project = try TemporaryProject(notes: [
            "训练/batchnorm.md": """
                # BatchNorm 批归一化

                开头一段，$\\mu_B$ 是均值。

                <div class="note">块</div>

                ## 训练与推理

                训练时用 batch 统计量，推理时用 running mean：$$\\hat{x} = \\frac{x - \\mu}{\\sigma}$$

                ```python
                model.eval()
                ```
                """,
            "问答.txt": "训练技巧\n什么是 Dropout? > 随机把神经元置零 > 推理时不做\n为什么 BN 有效? > 让优化更平滑\n",
        ])
        defer { project.delete() }
        let result = project.build(baseURL: "https://example.org/sub/")
        #expect(result.committed, "\(result.diagnostics)")

        let folder = project.output.appendingPathComponent("search")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("index.json").path))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("t/0.json").path))
        let pages = try (0..<2).map { n in
            try JSONDecoder().decode(PageFile.self, from: Data(contentsOf: folder.appendingPathComponent("p/\(n).json")))
        }
        let bn = try #require(pages.first { $0.title == "BatchNorm 批归一化" })
        // Site-relative URL (without the base path); the lifted title heading is the top of the page.
        #expect(bn.url == "训练/batchnorm/")
        #expect(bn.sections.map(\.anchor) == ["", "训练与推理"])
        #expect(bn.sections[0].text == "开头一段，⋯ 是均值。")
        #expect(bn.sections[1].heading == "训练与推理")
        #expect(bn.sections[1].text == "训练时用 batch 统计量，推理时用 running mean：⋯")
        let html = try project.page("训练/batchnorm/index.html")
        #expect(html.contains("id=\"训练与推理\""))

        let questions = try #require(pages.first { $0.url.hasPrefix("问答") })
        let asked = questions.sections.filter { $0.question == true }
        #expect(asked.count == 2)
        #expect(asked.first?.heading.contains("Dropout") == true)
        for section in asked { #expect(try project.page("问答/index.html").contains("id=\"\(section.anchor)\"")) }

        // Code is indexed (lower weight) but not shown: `eval` is a term, absent from the snippet text.
        let shards = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("t").path)
        let terms = try shards.flatMap { name in
            try JSONDecoder().decode([String: [Int]].self, from: Data(contentsOf: folder.appendingPathComponent("t/" + name))).keys
        }
        #expect(terms.contains("eval"))
        #expect(!terms.contains("frac") && !terms.contains("mu") && !terms.contains("div") && !terms.contains("块"))
        #expect(!bn.sections.contains { $0.text.contains("eval") })
    }
}
