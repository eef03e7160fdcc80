import Foundation
import Testing
@testable import SiteRender

/// Rendering speed of the shipped note template, for the build's budget (10k notes in a few seconds).
/// Runs only with `SITEGEN_RENDER_BENCH=1`; meaningful in release:
/// `SITEGEN_RENDER_BENCH=1 swift test -c release -Xswiftc -enable-testing --filter RenderSpeed`
/// Prints the best of 5 rounds per page (the machine may be busy).
@Suite struct RenderSpeedTests {
    private func bestPerPage(rounds: Int = 5, pages: Int, _ body: () -> Void) -> Duration {
        let clock = ContinuousClock()
        return (0..<rounds).map { _ in clock.measure { for _ in 0..<pages { body() } } / pages }.min() ?? .zero
    }

    @Test func noteRenderingStaysWellUnderAMillisecond() throws {
        guard ProcessInfo.processInfo.environment["SITEGEN_RENDER_BENCH"] != nil else { return }
        let (loaded, _) = TemplateSet.load(from: repositoryRoot().appendingPathComponent("templates"))
        let set = try #require(loaded)
        #expect(set.usesFastRenderer)
        let context = SampleContexts.note()
        let value = try #require(TemplateValue(context))
        var bytes = 0
        let typed = bestPerPage(pages: 1000) { bytes &+= set.render("note", value: value).utf8.count }
        let untyped = bestPerPage(pages: 1000) { bytes &+= set.render("note", context: context).utf8.count }
        let reference = bestPerPage(rounds: 3, pages: 200) { bytes &+= set.renderWithSwiftMustache("note", context: context).utf8.count }
        print("""
            render note (\(set.render("note", value: value).utf8.count) bytes), best per page: \
            TemplateValue \(typed), [String: Any] \(untyped), swift-mustache \(reference)
            """)
        #expect(typed < .microseconds(200))
    }
}
