import Foundation
import SiteBuild
import SiteCore
import Testing

/// An outline seven levels deep: the deepest toggles are headings of the page and entries of its contents.
@Suite struct DeepHeadingPageTests {
    static let toggles = """
        优化笔记

        ▼ 基础

        ▼ 激活函数

        ▼ 常见的

        ▼ Sigmoid

        - 把输入压到 0 到 1 之间。

        ▼ 优点

        - 处处平滑。

        ▼ 缺点

        ▼ 饱和

        - 两端的导数接近零。

        ▼ 偏移

        - 输出总是正数，不以零为中心。
        """

    @Test func levelSevenIsAHeadingWithAnIdAndATableOfContentsEntry() throws {
        let project = try TemporaryProject(notes: ["激活.txt": Self.toggles])
        defer { project.delete() }
        let result = project.build()
        #expect(result.committed, "\(result.diagnostics)")
        #expect(result.diagnostics.warningCount == 0, "\(result.diagnostics)")
        let page = try project.page("激活/index.html")
        #expect(page.contains("<p role=\"heading\" aria-level=\"7\" id=\"饱和\">饱和<a class=\"heading-anchor\" href=\"#%E9%A5%B1%E5%92%8C\" aria-label=\"本节链接\">#</a></p>"))
        #expect(page.contains("<p role=\"heading\" aria-level=\"7\" id=\"偏移\">偏移<a class=\"heading-anchor\" href=\"#%E5%81%8F%E7%A7%BB\" aria-label=\"本节链接\">#</a></p>"))
        #expect(!page.contains("<strong>饱和</strong>") && !page.contains("#######"))
        // Listed in the contents, one level below 缺点, in reading order.
        let entries = ["缺点", "饱和", "偏移"].map { page.range(of: "<a href=\"#\($0)\">\($0)</a>")?.lowerBound }
        let found = entries.compactMap { $0 }
        #expect(found.count == 3 && found == found.sorted())
        #expect(page.contains("<li class=\"toc-depth-5\"><a href=\"#饱和\">"))
        // The points sit inside the answer of 缺点, a follow-up of Sigmoid.
        let followUp = try #require(page.range(of: "<summary><h6 id=\"缺点\">缺点<a class=\"heading-anchor\" href=\"#%E7%BC%BA%E7%82%B9\" aria-label=\"本节链接\">#</a></h6></summary>"))
        let point = try #require(page.range(of: "aria-level=\"7\" id=\"饱和\""))
        #expect(followUp.upperBound < point.lowerBound)
    }
}
