// Times the kernels the issue names; prints "name<TAB>median seconds<TAB>runs<TAB>ok<TAB>median CPU seconds"
// per line (CPU time of this thread, which time slices lost to other processes on a shared machine do not inflate).
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
import Tensor

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

func threadCPUSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) * 1e-9
}

/// Median wall time of `body` over at least `minRuns` runs (and at least ~0.3 s in total), after one warm-up.
func measure(_ name: String, minRuns: Int = 7, _ body: () throws -> Tensor) rethrows {
    let clock = ContinuousClock()
    var checksum = try body().scalars.first ?? 0
    var times: [Double] = [], cpuTimes: [Double] = []
    var total = 0.0
    while times.count < minRuns || (total < 0.3 && times.count < 200) {
        let start = clock.now, cpuStart = threadCPUSeconds()
        let result = try body()
        let t = seconds(clock.now - start)
        cpuTimes.append(threadCPUSeconds() - cpuStart)
        checksum += result.scalars.first ?? 0
        times.append(t)
        total += t
    }
    print("\(name)\t\(median(times))\t\(times.count)\t\(checksum.isNaN ? "nan" : "ok")\t\(median(cpuTimes))")
}

for n in [64, 256, 512] {
    let a = try Tensor.normal([n, n], seed: 1), b = try Tensor.normal([n, n], seed: 2)
    try measure("matmul \(n)x\(n)") { try a.matmul(b) }
}
let matrix = try Tensor.normal([1000, 1000], seed: 7), vector = try Tensor.normal([1000], seed: 8)
try measure("matvec 1000x1000") { try matrix.matmul(vector) }
let image = try Tensor.normal([1, 3, 64, 64], seed: 3)
let weight = try Tensor.normal([16, 3, 3, 3], seed: 4)
let bias = try Tensor.normal([16], seed: 5)
try measure("conv2d 1x3x64x64 -> 16 3x3 pad 1") { try conv2d(image, weight: weight, bias: bias, padding: Pair2D(1)) }
let logits = try Tensor.normal([1_000_000], seed: 6)
try measure("softmax 1e6") { try logits.softmax() }
let tracked = logits.requiringGrad()
try measure("softmax 1e6 fwd+bwd") {
    try (tracked.softmax() * logits).sum().backward().gradient(of: tracked)
}
