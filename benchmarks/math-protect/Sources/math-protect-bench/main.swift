// Times `MathProtector.protect` on one file: prints size, formulas, diagnostics and the median of `runs` runs.
// Usage: math-protect-bench FILE [runs]
import Foundation
import SiteMath

let arguments = CommandLine.arguments
guard arguments.count >= 2, let text = try? String(contentsOfFile: arguments[1], encoding: .utf8) else {
    FileHandle.standardError.write("usage: math-protect-bench FILE [runs]\n".data(using: .utf8)!)
    exit(2)
}
let runs = arguments.count > 2 ? Int(arguments[2]) ?? 3 : 3
let clock = ContinuousClock()
var seconds: [Double] = []
var formulas = 0, diagnostics = 0
for _ in 0..<runs {
    let start = clock.now
    let protected = MathProtector.protect(text, path: "big.md")
    let elapsed = clock.now - start
    seconds.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    formulas = protected.spans.count
    diagnostics = protected.diagnostics.count
}
seconds.sort()
let median = seconds[seconds.count / 2]
print(String(format: "%.1f MB\t%d formulas\t%d diagnostics\tmedian %.3f s\tmin %.3f\tmax %.3f\tn=%d",
             Double(text.utf8.count) / 1_048_576, formulas, diagnostics, median, seconds.first!, seconds.last!, runs))
