import Foundation
import SiteBuild
import SiteCore
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

    /// A build writes each page file as it indexes the page rather than holding them all: the manifest's version
    /// is still the digest of every file it lists, and a page file that cannot be written fails the build, named,
    /// with the site left as it was.
    @Test func pageFilesWrittenOneByOneAreInTheManifestAndFailuresNamed() throws {
        let project = try TemporaryProject(notes: [
            "a.md": "# 激活函数\n\nReLU 和 Sigmoid。\n", "b.md": "# 批归一化\n\nBN 让训练更稳。\n",
            "c/d.md": "# 学习率\n\nwarmup 与衰减。\n",
        ])
        defer { project.delete() }
        #expect(project.build().committed)
        let folder = project.output.appendingPathComponent("search")
        let listed = try FileManager.default.subpathsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".json") && $0 != "index.json" }.sorted()
        #expect(listed.filter { $0.hasPrefix("p/") } == ["p/0.json", "p/1.json", "p/2.json"])
        var digests: [UInt8] = []
        for path in listed {
            digests += Array(path.utf8)
            digests += ContentHash.sha256(Array(try Data(contentsOf: folder.appendingPathComponent(path))))
        }
        struct Manifest: Decodable { var version: String; var pages: Int }
        let manifestData = try Data(contentsOf: folder.appendingPathComponent("index.json"))
        let manifest = try JSONDecoder().decode(Manifest.self, from: manifestData)
        #expect(manifest.pages == 3)
        #expect(manifest.version == String(ContentHash.sha256Hex(String(decoding: digests, as: UTF8.self)).prefix(12)))

        let unwritable = FileSystem(read: FileSystem.disk.read, write: { data, url in
            if url.path.hasSuffix("/search/p/1.json") { throw CocoaError(.fileWriteNoPermission) }
            try FileSystem.disk.write(data, url)
        }, listFiles: FileSystem.disk.listFiles, createFolder: FileSystem.disk.createFolder)
        try project.write("a.md", "# 激活函数\n\nReLU、GELU 和 Sigmoid。\n")
        let failed = project.build(fileSystem: unwritable)
        #expect(!failed.committed)
        let failures = failed.diagnostics.filter { $0.code == "output-write" }.map(\.message)
        #expect(failures.count == 1 && failures.allSatisfy { $0.hasPrefix("cannot write 'public/search/p/1.json': ") }, "\(failures)")
        #expect(try Data(contentsOf: folder.appendingPathComponent("index.json")) == manifestData)
    }
}
