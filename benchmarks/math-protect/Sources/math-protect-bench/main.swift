// Times `MathProtector.protect` on one file: prints size, formulas, diagnostics and the median wall-clock and
// CPU seconds of `runs` runs (CPU time is what counts on a shared machine).
// Usage: math-protect-bench FILE [runs]
import Foundation
import SiteMath

let arguments = CommandLine.arguments
guard arguments.count >= 2, let text = try? String(contentsOfFile: arguments[1], encoding: .utf8) else {
    FileHandle.standardError.write("usage: math-protect-bench FILE [runs]\n".data(using: .utf8)!)
    exit(2)
}
let runs = arguments.count > 2 ? Int(arguments[2]) ?? 3 : 3

func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

let clock = ContinuousClock()
var wall: [Double] = [], cpu: [Double] = []
var formulas = 0, diagnostics = 0
for _ in 0..<runs {
    let cpuStart = cpuSeconds()
    let start = clock.now
    let protected = MathProtector.protect(text, path: "big.md")
    let elapsed = clock.now - start
    cpu.append(cpuSeconds() - cpuStart)
    wall.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    formulas = protected.spans.count
    diagnostics = protected.diagnostics.count
}
wall.sort()
cpu.sort()
print(String(format: "%6.1f MB  %8d formulas  %6d diagnostics  median %7.3f s wall (%.3f–%.3f)  %7.3f s CPU  n=%d",
             Double(text.utf8.count) / 1_048_576, formulas, diagnostics, wall[runs / 2], wall[0], wall[runs - 1],
             cpu[runs / 2], runs))
