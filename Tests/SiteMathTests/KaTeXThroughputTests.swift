import Foundation
import SiteCore
import Testing
@testable import SiteMath

/// `SITEGEN_MATH_BENCH=1 swift test --filter KaTeXThroughput` prints formulas per second, cold and cached
/// (`SITEGEN_MATH_PROCESSES=n` fixes the number of node processes).
@Suite struct KaTeXThroughputTests {
    static let enabled = ProcessInfo.processInfo.environment["SITEGEN_MATH_BENCH"] == "1" && KaTeXRendererTests.available

    @Test(.enabled(if: enabled, "set SITEGEN_MATH_BENCH=1 to measure KaTeX throughput"))
    func throughput() throws {
        let seedSpans = SeedsTests.seeds.flatMap { url in
            MathProtector.protect((try? String(contentsOf: url, encoding: .utf8)) ?? "", path: url.lastPathComponent).spans
        }
        let base = seedSpans.isEmpty ? [span(#"\frac{\partial L}{\partial w} = \sum_i x_i"#)] : seedSpans
        var spans: [MathSpan] = []
        for copy in 0..<max(1, 2000 / base.count) {
            for s in base {
                var v = s
                v.tex += " + \(copy)"
                spans.append(v)
            }
        }
        let folder = try temporaryFolder("bench")
        defer { try? FileManager.default.removeItem(at: folder) }

        let clock = ContinuousClock()
        let startup = clock.now
        let processes = ProcessInfo.processInfo.environment["SITEGEN_MATH_PROCESSES"].flatMap { Int($0) }
        let renderer = try KaTeXRenderer(cacheDirectory: folder, processes: processes)
        let started = clock.now - startup
        let coldTime = clock.measure { _ = renderer.render(spans, macros: [:]) }
        let memoryTime = clock.measure { _ = renderer.render(spans, macros: [:]) }
        let warm = try KaTeXRenderer(cacheDirectory: folder)
        let diskTime = clock.measure { _ = warm.render(spans, macros: [:]) }
        let distinct = Set(spans.map { "\($0.display)\($0.tex)" }).count
        #expect(renderer.statistics.rendered == distinct)
        #expect(warm.statistics.rendered == 0)
        func rate(_ d: Duration) -> Int { Int(Double(distinct) / (Double(d.components.attoseconds) / 1e18 + Double(d.components.seconds))) }
        print("KaTeX \(renderer.katexVersion): \(spans.count) formulas (\(distinct) distinct); node start \(started); cold \(rate(coldTime))/s; cached (memory) \(rate(memoryTime))/s; cached (disk, new process) \(rate(diskTime))/s")
    }
}
