import Foundation
import Testing
import SiteCore
@testable import SiteNormalize

/// The user's real exports in `../shared/seeds` (next to the repository), when present. The expected
/// structure below was established by reading each seed, not copied from the normaliser's output.
enum Seeds {
    static var directory: URL {
        URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/seeds")
    }

    static var available: Bool { FileManager.default.fileExists(atPath: directory.path) }

    static func load(_ prefix: String) throws -> NoteFile {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        let name = try #require(names.first { $0.hasPrefix(prefix + "_") }, "no seed \(prefix)_*")
        return NoteFile(name: name, text: try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8))
    }
}

@Suite(.enabled(if: Seeds.available, "../shared/seeds not found next to the repository; seed tests skipped"))
struct SeedTests {
    @Test(arguments: [
        ("000", SourceFormat.notionToggle, 3), ("001", .notionMarkdown, 12), ("002", .questionLines, 20),
        ("003", .noteList, 18), ("004", .jekyll, 5),
    ])
    func formatAndQuestionCount(prefix: String, format: SourceFormat, questions: Int) throws {
        let file = try Seeds.load(prefix)
        let note = file.normalized()
        #expect(note.format == format)
        #expect(note.questions.count == questions)
        #expect(TextAudit.lostText(file.body.sourceLines, in: note.markdown) == [])
        let frontMatter = Set(1..<file.bodyFirstLine)
        #expect(TextAudit.misplacedLines(note, file: file.fileLines, ignoringFileLines: frontMatter) == [])
    }

    /// The tree a reader rebuilds from the flattened toggles of 000: a title, 基础 holding the topics,
    /// activation functions as siblings each with 优点/缺点, 问题 as a facet of 激活函数.
    @Test func toggleSeedHeadingTree() throws {
        let note = try Seeds.load("000").normalized()
        let tree = note.headings.map { String(repeating: "  ", count: $0.level - 1) + $0.text + " @\($0.sourceLine)" }
        #expect(tree == [
            "深度学习通用面试 @3",
            "  基础 @5",
            "    激活函数 @7",
            "      为什么要有激活函数 @11",
            "        增加非线性 @13",
            "      要求 @17",
            "      常见的激活函数 @24",
            "        sigmoid @28",
            "          优点 @36",
            "          缺点 @43",
            "            梯度消失 @45",
            "            不以零为中心 @49",
            "            计算成本高昂 @53",
            "        Tanh/双曲正切激活函数 @58",
            "          优点 @68",
            "          缺点 @73",
            "        ReLU/修正线性单元 @78",
            "          优点 @89",
            "          缺点 @96",
            "        Leaky ReLU @103",
            "          优点 @113",
            "          缺点 @119",
            "        Parametric ReLU @123",
            "        ELU @130",
            "          优点 @140",
            "          缺点 @146",
            "        softmax @151",
            "          优点 @157",
            "          缺点 @162",
            "      问题 @167",
            "        为什么ReLU更好 @169",
            "    正向传播 @175",
            "    反向传播 (Back-propagation) @179",
            "    为什么pytorch默认累加梯度 @207",
            "    优化器 @213",
            "      随机梯度下降 (SGD) @215",
            "        优点 @227",
            "        缺点 @233",
            "      batch size对训练的影响 @237",
            "      softmax @246",
            "      损失函数 @257",
            "    全连接层 @261",
            "      单层感知机 @264",
            "      隐藏层 @270",
            "      向量化计算 @282",
        ])
        // 梯度消失 / 不以零为中心 / 计算成本高昂 are level 7, below Markdown's headings: sections of sigmoid's 缺点.
        // sigmoid and its 优点/缺点 ask nothing: topics that fold, not questions.
        #expect(note.markdown.contains("\n####### 梯度消失\n"))
        let points = note.headings.filter { $0.level == 7 }
        #expect(points.map(\.role) == [.section, .section, .section])
        let sigmoid = try #require(note.headings.firstIndex { $0.text == "sigmoid" })
        #expect(note.headings[sigmoid].role == .topic)
        #expect(note.headings[(sigmoid + 1)...].prefix(2).map { "\($0.text) \($0.role)" } == ["优点 topic", "缺点 topic"])
        #expect(!note.questions.contains { $0.title == "sigmoid" })
        #expect(!note.diagnostics.contains { $0.code == "heading-too-deep" })
        // `- ▼ long sentence` lines are bullets, not headings.
        #expect(note.markdown.contains("\n- Dead ReLU 问题。"))
        let warned = Set(note.diagnostics.map { "\($0.code)@\($0.location?.line ?? 0)" })
        #expect(warned.isSuperset(of: ["truncated-url@26", "truncated-url@217", "truncated-url@239",
                                       "toggle-as-text@64", "toggle-as-text@99", "heading-level-guess@246"]))
    }

    @Test func questionLinesSeedSections() throws {
        let note = try Seeds.load("002").normalized()
        let sections = note.headings.filter { $0.role == .section }
        #expect(sections.map(\.sourceLine) == [1, 6, 10, 18, 23])
        #expect(sections.map(\.level) == [2, 2, 2, 2, 2])
        let perSection = sections.indices.map { i in
            note.questions.count { q in
                q.sourceLine > sections[i].sourceLine && (i + 1 == sections.count || q.sourceLine < sections[i + 1].sourceLine)
            }
        }
        #expect(perSection == [4, 3, 5, 4, 4])
        // `z > 0` inside `\[…\]` on line 2 is not a separator.
        #expect(note.markdown.contains("& 1, z > 0 \\\\ & 0, z \\leq 0"))
        #expect(note.diagnostics.isEmpty)
        // The math stage reports `[公式]`; the line it sits on maps back to file line 28.
        let lost = try #require(note.markdown.sourceLines.firstIndex { $0.contains("[公式]") })
        #expect(note.lineMap.original(line: lost + 1).line == 28)
    }

    @Test func noteListSeedFollowUps() throws {
        let note = try Seeds.load("003").normalized()
        #expect(note.title == "深度学习常见问题")
        let withFollowUps = note.questions.enumerated().filter { !$0.element.followUps.isEmpty }
            .map { "\($0.offset + 1):\($0.element.followUps.count)" }
        #expect(withFollowUps == ["2:2", "5:1", "8:1", "12:1", "15:2"])
        #expect(note.diagnostics.map { "\($0.code)@\($0.location?.line ?? 0)" } == ["follow-up-guess@41"])
        // Lines 4 and 5 lost their formulas (`大小为 的实对称矩阵 ,`): the math stage needs them at 4 and 5.
        let gaps = note.markdown.sourceLines.indices.filter { note.markdown.sourceLines[$0].contains("大小为 的") }
        #expect(gaps.map { note.lineMap.original(line: $0 + 1).line } == [4, 5])
    }

    @Test func notionMarkdownSeed() throws {
        let note = try Seeds.load("001").normalized()
        #expect(note.title == "深度学习基础")
        #expect(note.questions.map(\.sourceLine) == [3, 14, 22, 34, 45, 91, 95, 99, 144, 166, 179, 184])
        #expect(note.headings.dropFirst().allSatisfy { $0.level == 2 })
    }

    @Test func jekyllSeed() throws {
        let note = try Seeds.load("004").normalized()
        #expect(note.title == "深度学习面试问题集锦")
        #expect(note.headings.filter { $0.level == 1 }.count == 1)
        #expect(note.questions.map(\.sourceLine) == [71, 113, 143, 148, 239])
        #expect(note.questions[3].followUps.map(\.sourceLine) == [159, 170, 173])
        let levelGuesses = note.diagnostics.filter { $0.code == "heading-level-guess" }.map { $0.location?.line ?? 0 }
        #expect(levelGuesses == [7, 181])
        #expect(!note.markdown.contains("**回归任务**"))
    }
}
