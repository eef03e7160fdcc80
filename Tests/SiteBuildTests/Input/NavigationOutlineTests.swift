import Testing
@testable import SiteBuild

@Suite struct NavigationOutlineTests {
    private func shape(_ entries: [NavigationOutline.Entry], depth: Int = 0) -> [String] {
        entries.flatMap { entry in
            ["\(String(repeating: "  ", count: depth))\(entry.title) -> \(entry.destination ?? "·") @\(entry.line):\(entry.column)"]
                + shape(entry.children, depth: depth + 1)
        }
    }

    @Test func docsifySidebarWithLabelsAndNesting() {
        let outline = NavigationOutline(parsing: """
            - 目录
            - [开始之前](/)
            - 第一部分 **基础**
              - [激活函数](part1/activation)
              - [损失函数 *Loss*](part1/loss.md ':disabled')
                - [交叉熵](part1/loss.md?id=交叉熵)
            * [第二部分](part2/)
            """)
        #expect(shape(outline.entries) == [
            "目录 -> · @1:3",
            "开始之前 -> / @2:3",
            "第一部分 基础 -> · @3:3",
            "  激活函数 -> part1/activation @4:5",
            "  损失函数 Loss -> part1/loss.md @5:5",
            "    交叉熵 -> part1/loss.md?id=交叉熵 @6:7",
            "第二部分 -> part2/ @7:3",
        ])
        #expect(outline.flattened.map(\.title) == ["目录", "开始之前", "第一部分 基础", "激活函数", "损失函数 Loss", "交叉熵", "第二部分"])
    }

    @Test func mdBookSummaryWithPrefixChapterPartsAndDrafts() {
        let outline = NavigationOutline(parsing: """
            # Summary

            [前言](README.md)

            # 用户指南

            - [安装](guide/install.md)
                - [在 Linux 上](guide/linux.md)
            - [尚未写完]()

            ---

            # 参考

            - [命令](ref/cli.md)

            [贡献者](misc/contributors.md)
            """)
        #expect(shape(outline.entries) == [
            "前言 -> README.md @3:1",
            "用户指南 -> · @5:1",
            "  安装 -> guide/install.md @7:3",
            "    在 Linux 上 -> guide/linux.md @8:7",
            "  尚未写完 ->  @9:3",
            "参考 -> · @13:1",
            "  命令 -> ref/cli.md @15:3",
            "  贡献者 -> misc/contributors.md @17:1",
        ])
    }

    @Test func deepNestingIsCut() {
        let text = (0..<200).map { String(repeating: "  ", count: $0) + "- [第 \($0) 层](n\($0).md)" }.joined(separator: "\n")
        let outline = NavigationOutline(parsing: text)
        #expect(outline.flattened.count == NavigationOutline.maximumDepth + 1)
        #expect(outline.flattened.last?.destination == "n\(NavigationOutline.maximumDepth).md")
    }
}
