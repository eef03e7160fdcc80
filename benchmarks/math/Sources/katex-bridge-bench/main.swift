// Times `KaTeXRenderer.render` on the formulas of a JSON file (`[{"tex": "...", "display": true}]`): a new
// renderer per run (node started cold, as in a build) with a new, empty disk cache (filled as a cold build
// fills it). Prints the median wall-clock seconds and formulas/s, and the median CPU seconds of sitegen and of
// its node workers (CPU is what counts on a shared machine).
// Usage: katex-bridge-bench FORMULAS.json [runs] [processes]
import Foundation
import SiteCore
import SiteMath

struct Formula: Decodable {
    var tex: String
    var display: Bool
}

let arguments = CommandLine.arguments
guard arguments.count >= 2, let data = FileManager.default.contents(atPath: arguments[1]),
      let formulas = try? JSONDecoder().decode([Formula].self, from: data) else {
    FileHandle.standardError.write(Data("usage: katex-bridge-bench FORMULAS.json [runs] [processes]\n".utf8))
    exit(2)
}
let runs = arguments.count > 2 ? Int(arguments[2]) ?? 5 : 5
let processes = arguments.count > 3 ? Int(arguments[3]) : nil
let spans = formulas.enumerated().map { i, formula in
    MathSpan(tex: formula.tex, original: formula.display ? "$$\(formula.tex)$$" : "$\(formula.tex)$",
             delimiter: formula.display ? .doubleDollar : .dollar, display: formula.display,
             location: SourceLocation(path: "formulas.json", line: i + 1, column: 1))
}

func cpuSeconds(_ who: Int32) -> Double {
    var usage = rusage()
    getrusage(who, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

let clock = ContinuousClock()
var wall: [Double] = [], ownCPU: [Double] = [], nodeCPU: [Double] = []
var failed = 0, bytes = 0
for _ in 0..<runs {
    let ownStart = cpuSeconds(RUSAGE_SELF.rawValue), nodeStart = cpuSeconds(RUSAGE_CHILDREN.rawValue)
    let start = clock.now
    do {
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("katex-bridge-bench-\(getpid())")
        try? FileManager.default.removeItem(at: cache)
        defer { try? FileManager.default.removeItem(at: cache) }
        let renderer = try KaTeXRenderer(cacheDirectory: cache, processes: processes)
        let rendered = renderer.render(spans, macros: [:])
        failed = renderer.statistics.failed
        bytes = rendered.reduce(0) { $0 + $1.html.utf8.count }
    }   // the renderer ends its node processes here, so their CPU time is counted
    let elapsed = clock.now - start
    wall.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    ownCPU.append(cpuSeconds(RUSAGE_SELF.rawValue) - ownStart)
    nodeCPU.append(cpuSeconds(RUSAGE_CHILDREN.rawValue) - nodeStart)
}
func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
print(String(format: "bridge: %d formulas, %d failed, %d bytes/formula  median %.3f s wall (%.0f formulas/s)  CPU %.3f s sitegen + %.3f s node  n=%d",
             spans.count, failed, bytes / max(1, spans.count), median(wall), Double(spans.count) / median(wall),
             median(ownCPU), median(nodeCPU), runs))
