import Testing
import SiteCore
@testable import SiteNormalize

/// Hand-checked structure of each fixture, independent of the goldens.
@Suite struct FormatStructureTests {
    func heading(_ note: NormalizedNote, _ text: String) -> NormalizedHeading? {
        note.headings.first { $0.text == text }
    }

    func codes(_ note: NormalizedNote, line: Int) -> [String] {
        note.diagnostics.filter { $0.location?.line == line }.map(\.code)
    }

    @Test func toggleOutlineRebuildsNesting() throws {
        let note = try Fixtures.load("toggle-outline.txt").normalized()
        #expect(note.format == .notionToggle)
        #expect(note.title == "注意力机制面试笔记")
        #expect(note.markdown.hasPrefix("# 注意力机制面试笔记\n"))
        // A toggle with no body followed by a toggle opens a level.
        #expect(heading(note, "模型结构")?.level == 2)
        #expect(heading(note, "Attention")?.level == 3)
        // Facets belong to the topic before them; repeated 优点/缺点 make the scoring functions siblings.
        for topic in ["点积 (dot product)", "缩放点积 (scaled dot product)", "加性打分 (additive)", "双线性 (bilinear)"] {
            #expect(heading(note, topic)?.level == 5, "\(topic)")
        }
        // A topic and its facets fold but ask nothing: they are not questions.
        #expect(heading(note, "加性打分 (additive)")?.role == .topic)
        #expect(note.headings.filter { $0.text == "优点" }.allSatisfy { $0.role == .topic })
        // 问题 does not fit the 优点/缺点 pattern of the scoring functions, so it climbs to Attention.
        #expect(heading(note, "问题")?.level == 4)
        #expect(heading(note, "问题")?.role == .section)
        #expect(heading(note, "为什么要除以根号 d")?.role == .question)
        // Points under a level-6 facet are level-7 headings, sections of the facet's body; the facet is a topic.
        #expect(heading(note, "数值过大")?.level == 7)
        #expect(heading(note, "数值过大")?.role == .section)
        #expect(heading(note, "对尺度敏感")?.level == 7)
        #expect(heading(note, "缺点")?.role == .topic)
        #expect(note.markdown.contains("\n\n####### 数值过大\n\n"))
        #expect(codes(note, line: 42) == [])
        // Empty toggles merge: their formula sits under the heading above, nothing is written for `▼`.
        #expect(!note.markdown.contains("▼"))
        #expect(!note.markdown.contains("▪"))
        // `- ▼ sentence` is a bullet; a toggle that only held an image is a caption line.
        #expect(note.markdown.contains("\n- 计算更慢。每一对"))
        #expect(note.markdown.contains("\n- 可以看作点积除以一个常数\n"))
        #expect(codes(note, line: 86) == ["toggle-as-text"])
        #expect(codes(note, line: 25) == ["truncated-url"])
        #expect(codes(note, line: 28) == ["image-lost"])
        // Every question of the outline: only the toggles phrased as one.
        #expect(note.questions.map(\.title) == [
            "为什么需要 Attention", "为什么要除以根号 d", "为什么 Transformer 用 LayerNorm 而不是 BatchNorm",
        ])
        #expect(note.questions.first?.followUps == [])
        #expect(heading(note, "长距离依赖")?.role == .topic)
        #expect(note.questions.first?.sourceLine == 11)
    }

    @Test func aBulletWithAToggleArrowIsText() {
        let text = "笔记\n\n▼ 主题\n\n- ▼ 这其实是一句话，只是前面多了一个箭头。\n\n▼ 另一个主题\n\n- 内容\n"
        let note = Normalizer.normalize(NormalizerInput(text: text, path: "t.txt"))
        #expect(note.format == .notionToggle)
        #expect(note.headings.map(\.text) == ["笔记", "主题", "另一个主题"])
        #expect(note.markdown.contains("\n- 这其实是一句话，只是前面多了一个箭头。\n"))
    }

    @Test func emptyTogglesMergeIntoTheirParent() {
        let text = "▼ 公式\n\n▼\n\n$$a = b$$\n\n▼\n\n▼ 下一个\n\n- x\n"
        let note = Normalizer.normalize(NormalizerInput(text: text, path: "t.txt"))
        #expect(note.headings.map(\.text) == ["公式", "下一个"])
        #expect(note.headings.map(\.level) == [2, 2])
        #expect(note.markdown == "## 公式\n\n$$a = b$$\n\n## 下一个\n\n- x\n")
        #expect(note.lineMap.original(line: 3).line == 5)
    }

    @Test func notionMarkdownDedentsAnswers() throws {
        let note = try Fixtures.load("notion-export.md").normalized()
        #expect(note.questions.count == 5)
        #expect(note.markdown.contains("## SGD 和 Momentum 有什么区别？\n\nSGD 每一步"))
        // Nested structure survives, one level less indented.
        #expect(note.markdown.contains("\n    $v_t = \\beta v_{t-1} + g_t$\n"))
        #expect(note.markdown.contains("\n2. 除以 $1-\\beta^t$ 把它们放大回无偏的尺度。\n    1. t 很大时"))
        // Text after the bold question opens the answer.
        #expect(note.markdown.contains("## 学习率调度有哪些常见做法？\n\n先简单回答：衰减或者周期。\n"))
        #expect(!note.markdown.contains("\n    SGD"))
        // Columns of dedented lines map back: the answer starts at column 5 of file line 5.
        let line = try #require(note.markdown.sourceLines.firstIndex { $0.hasPrefix("SGD 每一步") })
        let loc = note.lineMap.location(path: "n", line: line + 1, column: 1)
        #expect(loc.line == 5 && loc.column == 5)
    }

    @Test func questionLinesSplitOnlyOutsideMath() throws {
        let note = try Fixtures.load("question-lines.txt").normalized()
        #expect(note.markdown.contains("\n当 \\(z > 0\\) 时输出就是 z\n\n否则输出 0,也就是 \\[\\mathrm{ReLU}(z) = \\max(0, z), \\quad z > 0 \\Rightarrow z\\]\n"))
        #expect(note.markdown.contains("\n参考 $\\lambda > 0$ 的情形"))
        // ` >\[` and ` >对` (no space after `>`) still separate.
        #expect(note.markdown.contains("\n\\[y = p\\,W x\\]\n"))
        #expect(note.markdown.contains("\n对 Adam 不等价,见 AdamW\n"))
        #expect(note.headings.filter { $0.role == .section }.map(\.text) == ["归一化", "正则化"])
        #expect(note.questions.count == 5)
        #expect(note.title == nil)
        #expect(note.diagnostics.isEmpty)
        // The math stage reports the lost formula; it needs the part's line and column in the file.
        let lines = note.markdown.sourceLines
        let lost = try #require(lines.firstIndex { $0.contains("[公式]") })
        let column = try #require(lines[lost].firstRange(of: "[公式]")).lowerBound
        let at = note.lineMap.location(path: "q", line: lost + 1, column: lines[lost].distance(from: lines[lost].startIndex, to: column) + 1)
        let fileLine = try Fixtures.load("question-lines.txt").fileLines[at.line - 1]
        #expect(at.line == 10)
        #expect(fileLine.dropFirst(at.column - 1).hasPrefix("[公式]"))
    }

    @Test func answerPartsKeepFormulasWhole() {
        let parts = AnswerParts.split("Q? > \\[f(z) = 1, z > 0\\] > 当 $a > b$ 时 >下一部分")
        #expect(parts.map(\.text) == ["Q?", "\\[f(z) = 1, z > 0\\]", "当 $a > b$ 时", "下一部分"])
        #expect(parts.map(\.column) == [1, 6, 28, 41])
        #expect(AnswerParts.split("> 引用").count == 1)
        #expect(AnswerParts.split("a >= b").count == 1)
        #expect(AnswerParts.split("x->y 和 <X,Y>").count == 1)
    }

    @Test func noteListFollowUps() throws {
        let note = try Fixtures.load("note-cards.txt").normalized()
        #expect(note.title == "机器学习基础问答")
        #expect(note.questions.map(\.title) == ["什么是交叉熵", "偏差和方差的权衡", "梯度裁剪的作用", "常见的数据增强方法", "设一个维度为 的矩阵 ,它的秩怎么求"])
        #expect(note.questions.map(\.followUps.count) == [2, 1, 1, 2, 0])
        // The card number is the question's label, not part of its heading (no `Q1 1.…`).
        #expect(note.questions.map(\.number) == [1, 2, 3, 4, 5])
        #expect(note.markdown.contains("\n## 什么是交叉熵\n"))
        #expect(note.questions[0].followUps[1].title == "交叉熵和 KL 散度什么关系?")
        #expect(note.questions[3].followUps[0].title == "Mixup 为什么有效")
        #expect(note.markdown.contains("### 交叉熵和 KL 散度什么关系?\n\n真实分布固定时"))
        #expect(!note.markdown.contains("\nnote\n"))
        #expect(codes(note, line: 16) == ["follow-up-guess"])
        #expect(note.questions.last?.sourceLine == 27)
        #expect(note.diagnostics.map(\.code) == ["follow-up-guess"])
    }

    @Test func jekyllLevelsAndQuestions() throws {
        let file = try Fixtures.load("jekyll-post.md")
        let note = file.normalized()
        #expect(note.title == "卷积网络复习")
        #expect(note.headings.map(\.level) == [1, 2, 2, 3, 3, 4, 5, 2, 3])
        #expect(heading(note, "感受野")?.role == .section)
        let q = try #require(note.questions.first)
        #expect(q.title == "参数量怎么算？")
        #expect(q.followUps.first?.title == "那么计算量呢？")
        #expect(q.followUps.first?.followUps.first?.title == "如果用深度可分离卷积呢？")
        #expect(note.questions.last?.title == "最大池化和平均池化的区别")
        #expect(note.markdown.contains("```python\n# 这不是标题\n"))
        #expect(codes(note, line: 7) == ["heading-level-guess"])
        #expect(codes(note, line: 21) == ["heading-level-guess"])
        // The title comes from front matter; it points at the file's first line.
        #expect(note.lineMap.original(line: 1).line == 1)
    }

    @Test func headingLevelRules() {
        #expect(HeadingLevels.normalize([1, 2, 3, 2]).levels == [2, 2, 3, 2])
        #expect(HeadingLevels.normalize([1, 2, 1, 2]).levels == [2, 3, 2, 3])
        #expect(HeadingLevels.normalize([2, 4, 5, 3]).levels == [2, 3, 4, 3])
        #expect(HeadingLevels.normalize([3, 3]).levels == [2, 2])
        #expect(HeadingLevels.normalize([2, 4, 5, 3]).guesses.map(\.index) == [1, 2])
        #expect(HeadingLevels.normalize([]).levels == [])
    }
}
