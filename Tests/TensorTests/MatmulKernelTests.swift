import Foundation
import Testing
@testable import Tensor

/// `(A · B, |A| · |B|)` by the textbook triple loop for `batch` row-major products A: m×k, B: k×n. The
/// second bounds rounding: any order of summing k products, fused or not, is within about k·ε·(|A| · |B|)[i, j]
/// of the exact value.
func naiveProduct(_ a: [Double], _ b: [Double], batch: Int = 1, m: Int, k: Int, n: Int)
    -> (product: [Double], magnitude: [Double]) {
    var product = [Double](repeating: 0, count: batch * m * n), magnitude = product
    for item in 0..<batch {
        let (aItem, bItem, cItem) = (item * m * k, item * k * n, item * m * n)
        for i in 0..<m { for j in 0..<n { for p in 0..<k {
            let term = a[aItem + i * k + p] * b[bItem + p * n + j]
            product[cItem + i * n + j] += term
            magnitude[cItem + i * n + j] += Swift.abs(term)
        } } }
    }
    return (product, magnitude)
}

/// Both register tiles of the blocked matmul (the AVX2 one only where the CPU has it) against the triple loop.
@Suite struct MatmulKernelTests {
    static var tiles: [MatmulTile] {
        #if arch(x86_64)
        MatmulTile.fastest == .avx2FMA6x8 ? [.baseline4x4, .avx2FMA6x8] : [.baseline4x4]
        #else
        [.baseline4x4]
        #endif
    }

    /// [batch, m, k, n]: m, k and n off the tiles' multiples, k past the 128-deep block, n past the 256-wide
    /// panel, batches of several products, fewer rows than a tile (no packing), fewer columns than a strip.
    static let shapes = [[3, 13, 131, 259], [2, 70, 257, 37], [1, 6, 129, 8], [4, 7, 5, 9], [2, 5, 3, 2], [3, 9, 1, 3]]

    @Test(arguments: tiles, shapes)
    func matchesTripleLoop(tile: MatmulTile, dims: [Int]) throws {
        let (batch, m, k, n) = (dims[0], dims[1], dims[2], dims[3])
        let a = try Tensor.normal([batch, m, k], seed: 11).scalars, b = try Tensor.normal([batch, k, n], seed: 12).scalars
        let c = try batchedMatmul(a, b, batch: batch, m: m, k: k, n: n, tile: tile)
        let reference = naiveProduct(a, b, batch: batch, m: m, k: k, n: n)
        #expect(c.count == reference.product.count)
        for (e, (actual, expected)) in zip(c, reference.product).enumerated()
        where !(Swift.abs(actual - expected) <= 4 * Double(k) * .ulpOfOne * reference.magnitude[e]) {
            Issue.record("\(tile) \(dims): element \(e) is \(actual), expected \(expected)")
            return
        }
    }

    /// Infinities next to the zero padding of the last row group and the last strip of the first product:
    /// the padding computes 0 · ∞ = NaN, and a padded row or column written back would land in the second.
    @Test(arguments: tiles)
    func paddingNeverReachesTheProduct(tile: MatmulTile) throws {
        let (m, k, n) = (tile.rows + 1, 3, tile.columns + 1)
        var a = try Tensor.normal([2, m, k], seed: 13).scalars, b = try Tensor.normal([2, k, n], seed: 14).scalars
        a[(m - 1) * k] = .infinity
        b[n - 1] = -.infinity
        let c = try batchedMatmul(a, b, batch: 2, m: m, k: k, n: n, tile: tile)
        let expected = naiveProduct(a, b, batch: 2, m: m, k: k, n: n).product
        #expect(!expected.contains { $0.isNaN } && expected.contains { $0.isInfinite })
        #expect(!c.contains { $0.isNaN })
        #expect(c.map { $0.isFinite } == expected.map { $0.isFinite })
        #expect(c.filter { $0.isInfinite } == expected.filter { $0.isInfinite })
    }

    #if os(Linux) && arch(x86_64)
    /// The run-time choice agrees with the CPU flags the kernel reports.
    @Test func fastestTileFollowsTheCPUFlags() throws {
        let cpuinfo = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        guard let flags = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else {
            Issue.record("/proc/cpuinfo has no flags line")
            return
        }
        let names = Set(flags.split(separator: " "))
        #expect(MatmulTile.fastest == (names.contains("avx2") && names.contains("fma") ? .avx2FMA6x8 : .baseline4x4))
    }
    #endif
}
