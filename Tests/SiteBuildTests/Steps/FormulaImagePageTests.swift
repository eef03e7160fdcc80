import Foundation
import SiteBuild
import SiteCore
import Testing

/// Formula images written for GitHub become formulas of the page: the site asks no formula service for anything.
@Suite struct FormulaImagePageTests {
    static let note = """
        # 损失函数

        均方误差 ![](https://latex.codecogs.com/gif.latex?L=\\frac{1}{2}(y-\\hat{y})^2) 最简单。

        ![[公式]](https://www.zhihu.com/equation?tex=%5Cmathrm%7BCE%7D%3D-%5Csum_k+y_k%5Clog+p_k)

        <p align="center"><img src="https://latex.codecogs.com/svg.latex?\\Large&space;H(p)=-\\sum&space;p\\log&space;p"></p>

        链接到编辑器的 [![](https://latex.codecogs.com/gif.latex?\\epsilon)](https://www.codecogs.com/eqnedit.php?latex=\\epsilon)
        和 <img src="https://render.githubusercontent.com/render/math?math=\\gamma%3D0.99" align="middle"> 与参考式 ![][kl]。

        [kl]: https://latex.codecogs.com/gif.latex?D_{KL}(p\\|q)
        """

    static let serviceHosts = ["codecogs.com", "zhihu.com", "render.githubusercontent.com", "chart.googleapis.com"]

    @Test func theBuiltPageHasNoFormulaServiceURLLeft() throws {
        let project = try TemporaryProject(notes: ["损失.md": Self.note])
        defer { project.delete() }
        let result = project.build()
        #expect(result.committed, "\(result.diagnostics)")
        let page = try project.page("损失/index.html")
        for host in Self.serviceHosts { #expect(!page.contains(host), "\(host) left in the page") }
        #expect(!page.contains("<img"))
        // Each became a formula: display when alone in its paragraph or centred, inline in a sentence.
        for inline in [#"\(L=\frac{1}{2}(y-\hat{y})^2\)"#, #"\(\epsilon\)"#, #"\(\gamma=0.99\)"#, #"\(D_{KL}(p\|q)\)"#] {
            #expect(page.contains(inline.htmlEscaped), "\(inline)")
        }
        for display in [#"\[\mathrm{CE}=-\sum_k y_k\log p_k\]"#, #"\[H(p)=-\sum p\log p\]"#] {
            #expect(page.contains(display.htmlEscaped), "\(display)")
        }

        // The report keeps every original URL in the notes at the images' lines.
        let notes = result.diagnostics.filter { $0.code == "math-formula-image" }
        #expect(notes.map { $0.location?.line ?? 0 } == [3, 5, 7, 9, 10, 10])
        #expect(notes.allSatisfy { $0.severity == .note && $0.message.contains("URL: https://") })
        let report = try BuildReport(result).json()
        let text = String(decoding: report, as: UTF8.self)
        #expect(text.contains("https://www.zhihu.com/equation?tex=%5Cmathrm%7BCE%7D"))
        #expect(result.diagnostics.warningCount == 0, "\(result.diagnostics)")
    }
}
