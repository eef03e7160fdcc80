import Foundation
import Testing
import SiteSearch

/// `templates/assets/search.js` run by node against an index written here: the client must cut text into
/// the same terms as `SearchTokenizer`, and rank and describe results from the files `SearchIndex` writes.
@Suite struct SearchClientTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("templates/assets/search.js")

    static let node: String? = ["/usr/bin/node", "/usr/bin/nodejs", "/usr/local/bin/node"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    struct Request: Encodable {
        var synonyms: [[String]]
        var texts: [String]
        var queries: [String]
    }

    struct Result: Decodable {
        var url: String
        var anchor: String
        var snippet: String
        var titleHTML: String
    }

    struct Response: Decodable {
        var terms: [[String]]
        var results: [[Result]]
    }

    static let driver = """
        const [script, dir, requestPath] = process.argv.slice(2);
        const search = require(script);
        const fs = require('fs');
        const request = JSON.parse(fs.readFileSync(requestPath, 'utf8'));
        const names = search.synonymNames(request.synonyms);
        const engine = search.createEngine(async (p) => JSON.parse(fs.readFileSync(dir + '/' + p, 'utf8')));
        (async () => {
          const out = { terms: request.texts.map((t) => search.terms(t, names)), results: [] };
          for (const q of request.queries) out.results.push(await engine.search(q, 5));
          process.stdout.write(JSON.stringify(out));
        })().catch((e) => { console.error(e); process.exit(1); });
        """

    /// Writes `index` to a temporary folder and runs the driver with `request`.
    static func run(_ request: Request, index: SearchIndex) throws -> Response {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-search-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        for (path, data) in index.files() {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        let driverURL = folder.appendingPathComponent("driver.js")
        try Data(driver.utf8).write(to: driverURL)
        let requestURL = folder.appendingPathComponent("request.json")
        try JSONEncoder().encode(request).write(to: requestURL)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(node))
        process.arguments = [driverURL.path, script.path, folder.path, requestURL.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "node failed")
        return try JSONDecoder().decode(Response.self, from: data)
    }

    static let synonyms = SearchSynonyms([
        ["BN", "BatchNorm", "Batch Normalization", "批归一化", "批量归一化"],
        ["归一化", "normalization"],
        ["梯度消失", "vanishing gradient"],
        ["L2 正则", "weight decay"],
    ])

    static let documents = [
        SearchDocument(url: "训练/bn/", title: "批归一化 BatchNorm", sections: [
            .init(anchor: "", heading: "", text: "对每个通道先减均值再除标准差。"),
            .init(anchor: "推理时", heading: "推理时怎么办", text: "推理时改用训练中累计的滑动平均，不再看当前这一批。"),
        ]),
        SearchDocument(url: "训练/ln/", title: "层归一化", sections: [
            .init(anchor: "", heading: "", text: "按样本做归一化，和批大小无关。批很小时可以用它。"),
        ]),
        SearchDocument(url: "基础/梯度/", title: "梯度消失", sections: [
            .init(anchor: "原因", heading: "原因", text: "每层乘上激活函数的导数，vanishing gradient 就出现了。"),
        ]),
        SearchDocument(url: "训练/dropout/", title: "Dropout", sections: [
            .init(anchor: "为什么有效", heading: "为什么有效？", text: "相当于平均很多子网络；和 BN 一起用时注意顺序。", isQuestion: true),
        ]),
        SearchDocument(url: "only-pi/", title: "无关", sections: [
            .init(anchor: "", heading: "", text: "批改作业，化学实验，统一口径。"),
        ]),
        SearchDocument(url: "训练/penalty/", title: "惩罚项", sections: [
            .init(anchor: "", heading: "", text: "L1 与 L2 两种正则各有用处。"),
        ]),
        SearchDocument(url: "regex/", title: "文本匹配", sections: [
            .init(anchor: "", heading: "", text: "正则表达式匹配文本。"),
        ]),
    ]

    static let index = SearchIndex(documents: documents, terms: documents.map { DocumentTerms($0, names: synonyms.names) },
                                   synonyms: synonyms)

    @Test(.enabled(if: node != nil, "node not found: client not tested"))
    func clientCutsTextIntoTheSameTerms() throws {
        let texts = [
            "Batch-Norm ＢＮ Café L2, x_i ReLU's", "批归一化 vs 层归一化", "BN层的作用；梯度，消失", "用2d卷积",
            "Σίγμα ﬁne Ⅻ ① x²", "𠀀𠀁 カナ 한국어", "→ ≤ ⋯ — 😀 \u{E000}7\u{E001}", String(repeating: "long", count: 11) + " ok",
            "batch normalization 与 Batch  Normalization", "L2正则 和 weight decay", "批 归一化", "BNF 不是 BN",
            "e\u{301}te\u{301}", "İstanbul ǅ", "〇々〆 ー",
        ]
        let response = try Self.run(Request(synonyms: Self.synonyms.groups, texts: texts, queries: []), index: Self.index)
        for (text, terms) in zip(texts, response.terms) {
            #expect(terms == SearchTokenizer.terms(in: text, names: Self.synonyms.names), "\(text)")
        }
    }

    @Test(.enabled(if: node != nil, "node not found: client not tested"))
    func queriesFindTheRightPageSectionAndSnippet() throws {
        let queries = ["批归一化", "BN", "batch normalization", "梯", "滑动平均", "dropo", "vanishing gradient", "批", "量子",
                       "L2 正则"]
        let response = try Self.run(Request(synonyms: [], texts: [], queries: queries), index: Self.index)
        let results = Dictionary(uniqueKeysWithValues: zip(queries, response.results))

        // Chinese, its alias and its English name find the BatchNorm page first; a page with only 批 is not a hit.
        for query in ["批归一化", "BN", "batch normalization"] {
            #expect(results[query]?.first?.url == "训练/bn/", "\(query)")
            #expect(results[query]?.contains { $0.url == "only-pi/" } == false, "\(query)")
        }
        #expect(results["批归一化"]?.first?.titleHTML == "<mark>批归一化</mark> <mark>BatchNorm</mark>")
        // The dropout page mentions BN in passing: found, ranked below.
        #expect(results["BN"]?.map(\.url).contains("训练/dropout/") == true)
        // One character.
        #expect(results["梯"]?.first?.url == "基础/梯度/")
        #expect(results["批"]?.map(\.url).contains("only-pi/") == true)
        // A hit in a section links to its anchor, with the hit marked in the snippet.
        let section = try #require(results["滑动平均"]?.first)
        #expect(section.url == "训练/bn/" && section.anchor == "推理时")
        #expect(section.snippet.contains("<mark>滑动平均</mark>"))
        // The last word is a prefix while it is being typed.
        #expect(results["dropo"]?.first?.url == "训练/dropout/")
        #expect(results["vanishing gradient"]?.first?.url == "基础/梯度/")
        #expect(results["量子"]?.isEmpty == true)
        // A name mixing Latin and Chinese also matches its parts apart, all of them: not a page with 正则 alone.
        #expect(results["L2 正则"]?.map(\.url) == ["训练/penalty/"])
    }
}
