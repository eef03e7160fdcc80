#if arch(x86_64)
import CTensorKernels
#endif

/// C[b] = A[b] · B[b] for `batch` row-major matrices A: m×k, B: k×n. Checks the bound `ComputeDeadline`
/// between blocks, the one kernel whose time grows faster than the size of its operands and result.
/// `tile` is the register tile of the blocked product (tests pass `.baseline4x4` to run the fallback).
func batchedMatmul(_ a: [Double], _ b: [Double], batch: Int, m: Int, k: Int, n: Int,
                   tile: MatmulTile = .fastest) throws -> [Double] {
    var c = [Double](repeating: 0, count: batch * m * n)
    if m == 0 || n == 0 || k == 0 { return c }
    let deadline = ComputeDeadline.current
    // Packed copies of B and A for the tiles (written before they are read); unused without tiles.
    let tiled = n > 1 && m >= tile.rows
    let depth = Swift.min(depthBlock, k)
    let strips = (Swift.min(columnBlock, n) + tile.columns - 1) / tile.columns
    let panel = alignedDoubles(count: tiled ? depth * strips * tile.columns : 0)
    let rows = alignedDoubles(count: tiled ? depth * tile.rows * tile.copiesOfA : 0)
    defer {
        panel.deallocate()
        rows.deallocate()
    }
    try a.withUnsafeBufferPointer { aBuffer in
        try b.withUnsafeBufferPointer { bBuffer in
            try c.withUnsafeMutableBufferPointer { cBuffer in
                guard let aBase = aBuffer.baseAddress, let bBase = bBuffer.baseAddress,
                      let cBase = cBuffer.baseAddress else { return }
                for item in 0..<batch {
                    let (aItem, bItem, cItem) = (aBase + item * m * k, bBase + item * k * n, cBase + item * m * n)
                    if n == 1 {
                        try matrixVector(aItem, bItem, cItem, m: m, k: k, deadline: deadline)
                    } else if tiled {
                        try blockedMatmul(aItem, bItem, cItem, m: m, k: k, n: n, tile: tile, panel: panel, rows: rows,
                                          deadline: deadline)
                    } else {
                        try rowsTimesMatrix(aItem, bItem, cItem, m: m, k: k, n: n, deadline: deadline)
                    }
                }
            }
        }
    }
    return c
}

/// The register tile of the blocked matmul: the micro-kernel and the packing layouts it reads.
enum MatmulTile {
    /// 4×4 in `SIMD4` registers, on the x86-64 baseline (SSE2) every build runs on: the fallback.
    case baseline4x4
    #if arch(x86_64)
    /// 6×8 of AVX2 fused multiply-adds, in C (`CTensorKernels`) because Swift cannot compile one function
    /// for more than the baseline; only on CPUs with AVX2 and FMA.
    case avx2FMA6x8
    #endif

    /// The fastest tile this CPU runs, decided once per process.
    static let fastest: MatmulTile = {
        #if arch(x86_64)
        if ctk_cpu_has_avx2_fma() != 0 { return .avx2FMA6x8 }
        #endif
        return .baseline4x4
    }()

    /// Rows of A and C per tile.
    var rows: Int {
        switch self {
        case .baseline4x4: 4
        #if arch(x86_64)
        case .avx2FMA6x8: 6
        #endif
        }
    }

    /// Columns of B and C per tile, the width of a packed strip of B.
    var columns: Int {
        switch self {
        case .baseline4x4: 4
        #if arch(x86_64)
        case .avx2FMA6x8: 8
        #endif
        }
    }

    /// Copies of each value of A in the packed rows: the baseline kernel reads A pre-broadcast into both
    /// lanes of a `SIMD2` (see `microKernel4x4`); AVX2 has a broadcast load.
    var copiesOfA: Int {
        switch self {
        case .baseline4x4: 2
        #if arch(x86_64)
        case .avx2FMA6x8: 1
        #endif
        }
    }

    /// C[0..<rows, 0..<columns] += packed rows of A · one packed strip of B.
    @inline(__always)
    func multiply(_ a: UnsafePointer<Double>, _ strip: UnsafePointer<Double>, depth: Int,
                  _ c: UnsafeMutablePointer<Double>, ldc: Int, rows: Int, columns: Int) {
        switch self {
        case .baseline4x4:
            microKernel4x4(a, strip, depth: depth, c, ldc: ldc, rows: rows, columns: columns)
        #if arch(x86_64)
        case .avx2FMA6x8:
            ctk_matmul_tile_6x8_avx2(a, strip, depth, c, ldc, rows, columns)
        #endif
        }
    }
}

/// Rows of B (the shared k extent) and columns of B per packed panel: a 128×256 panel of doubles is
/// 256 KB and stays in L2, while the packed rows of A it meets (at most 8 KB) stay in L1.
private let depthBlock = 128
private let columnBlock = 256

/// Cache-blocked GEMM over register tiles of `tile.rows` × `tile.columns`.
///
/// For each k×n block, B is packed into strips of `tile.columns` columns (`panel[(strip · depth + p) · columns + t]`
/// is B[p, t] of the strip, the last strip zero-padded) and each group of `tile.rows` rows of A is packed
/// column-interleaved (`rows[(p · tile.rows + r) · copiesOfA + copy]` is A[r, p], the last group zero-padded),
/// so the micro-kernel reads both contiguously (no power-of-two strides that alias in cache) and every strip
/// of the panel meets the same rows of A while they are in L1. With a deadline, it is checked before each
/// k×n block and every 16 groups of rows within it.
private func blockedMatmul(
    _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ c: UnsafeMutablePointer<Double>,
    m: Int, k: Int, n: Int, tile: MatmulTile, panel: UnsafeMutablePointer<Double>, rows: UnsafeMutablePointer<Double>,
    deadline: ContinuousClock.Instant?
) throws {
    var j0 = 0
    while j0 < n {
        let width = Swift.min(columnBlock, n - j0)
        let strips = (width + tile.columns - 1) / tile.columns
        var p0 = 0
        while p0 < k {
            if let deadline { try ComputeDeadline.check(deadline) }
            let depth = Swift.min(depthBlock, k - p0)
            packPanel(b, n: n, rows: p0..<(p0 + depth), columns: j0..<(j0 + width), stripWidth: tile.columns, into: panel)
            for (group, i) in stride(from: 0, to: m, by: tile.rows).enumerated() {
                if let deadline, group % 16 == 0 { try ComputeDeadline.check(deadline) }
                let height = Swift.min(tile.rows, m - i)
                packRows(a + i * k + p0, k: k, count: height, depth: depth, tile: tile, into: rows)
                for strip in 0..<strips {
                    tile.multiply(rows, panel + strip * depth * tile.columns, depth: depth, c + i * n + j0 + strip * tile.columns,
                                  ldc: n, rows: height, columns: Swift.min(tile.columns, width - strip * tile.columns))
                }
            }
            p0 += depth
        }
        j0 += width
    }
}

/// C = A · B one row of A at a time (C's row += A[i, p] · B's row p), for fewer rows than a tile: packing B
/// would cost more than it saves.
private func rowsTimesMatrix(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ c: UnsafeMutablePointer<Double>,
                             m: Int, k: Int, n: Int, deadline: ContinuousClock.Instant?) throws {
    for i in 0..<m {
        if let deadline { try ComputeDeadline.check(deadline) }
        let out = c + i * n
        for p in 0..<k {
            let scale = a[i * k + p]
            let bRow = b + p * n
            for j in 0..<n { out[j] += scale * bRow[j] }
        }
    }
}

/// C = A · x for a single column x: one dot product per row of A, read in place (packing would copy each
/// element of A for a single use). Two `SIMD4` partial sums keep four independent add chains in flight.
private func matrixVector(_ a: UnsafePointer<Double>, _ x: UnsafePointer<Double>, _ c: UnsafeMutablePointer<Double>,
                          m: Int, k: Int, deadline: ContinuousClock.Instant?) throws {
    for i in 0..<m {
        if let deadline, i & 63 == 0 { try ComputeDeadline.check(deadline) }
        let row = a + i * k
        var sum0 = SIMD4<Double>.zero, sum1 = SIMD4<Double>.zero
        var p = 0
        while p + 8 <= k {
            sum0 += loadUnaligned(row + p) * loadUnaligned(x + p)
            sum1 += loadUnaligned(row + p + 4) * loadUnaligned(x + p + 4)
            p += 8
        }
        var total = (sum0 + sum1).sum()
        while p < k {
            total += row[p] * x[p]
            p += 1
        }
        c[i] = total
    }
}

/// Copies B[rows, columns] into strips of `stripWidth` columns, zero-padding the last strip.
@inline(__always)
private func packPanel(_ b: UnsafePointer<Double>, n: Int, rows: Range<Int>, columns: Range<Int>, stripWidth: Int,
                       into panel: UnsafeMutablePointer<Double>) {
    var target = panel
    for j in stride(from: columns.lowerBound, to: columns.upperBound, by: stripWidth) {
        let valid = Swift.min(stripWidth, columns.upperBound - j)
        for p in rows {
            let source = b + p * n + j
            for t in 0..<valid { target[t] = source[t] }
            for t in valid..<stripWidth { target[t] = 0 }
            target += stripWidth
        }
    }
}

/// Copies `count` rows of A (from `a`, row stride `k`) over `depth` columns into the interleaved layout of
/// `tile`, zero-padding up to `tile.rows` rows.
@inline(__always)
private func packRows(_ a: UnsafePointer<Double>, k: Int, count: Int, depth: Int, tile: MatmulTile,
                      into rows: UnsafeMutablePointer<Double>) {
    var target = rows
    for p in 0..<depth {
        for r in 0..<tile.rows {
            let value = r < count ? a[r * k + p] : 0
            for copy in 0..<tile.copiesOfA { target[copy] = value }
            target += tile.copiesOfA
        }
    }
}

/// `count` doubles aligned to 64 bytes (a cache line), so the kernels' vector loads of packed data never
/// straddle two lines.
private func alignedDoubles(count: Int) -> UnsafeMutablePointer<Double> {
    UnsafeMutableRawPointer.allocate(byteCount: count * MemoryLayout<Double>.stride, alignment: 64)
        .bindMemory(to: Double.self, capacity: count)
}

/// C[0..<rows, 0..<columns] += A · strip, accumulated in 4×4 registers, where `a[2(4p + r) + copy]` is
/// A[r, p] in both lanes of a `SIMD2` and `strip[4p + t]` is B[p, t]. A is packed pre-broadcast because the
/// x86-64 baseline (SSE2) has no broadcast load: splatting a scalar in the loop costs a shuffle per row and
/// step, on the same ports as the multiplies and adds.
@inline(__always)
private func microKernel4x4(_ a: UnsafePointer<Double>, _ strip: UnsafePointer<Double>, depth: Int,
                            _ c: UnsafeMutablePointer<Double>, ldc: Int, rows: Int, columns: Int) {
    var c0 = SIMD4<Double>.zero, c1 = SIMD4<Double>.zero, c2 = SIMD4<Double>.zero, c3 = SIMD4<Double>.zero
    for p in 0..<depth {
        let bv = UnsafeRawPointer(strip + 4 * p).load(as: SIMD4<Double>.self)
        let ap = UnsafeRawPointer(a + 8 * p)
        let a0 = ap.load(as: SIMD2<Double>.self), a1 = ap.load(fromByteOffset: 16, as: SIMD2<Double>.self)
        let a2 = ap.load(fromByteOffset: 32, as: SIMD2<Double>.self), a3 = ap.load(fromByteOffset: 48, as: SIMD2<Double>.self)
        c0 += SIMD4(lowHalf: a0, highHalf: a0) * bv
        c1 += SIMD4(lowHalf: a1, highHalf: a1) * bv
        c2 += SIMD4(lowHalf: a2, highHalf: a2) * bv
        c3 += SIMD4(lowHalf: a3, highHalf: a3) * bv
    }
    if rows == 4 && columns == 4 {
        addUnaligned(c0, to: c)
        addUnaligned(c1, to: c + ldc)
        addUnaligned(c2, to: c + 2 * ldc)
        addUnaligned(c3, to: c + 3 * ldc)
    } else {
        for (r, sums) in [c0, c1, c2, c3].prefix(rows).enumerated() {
            for t in 0..<columns { c[r * ldc + t] += sums[t] }
        }
    }
}

/// `row[0..<4] += v`.
@inline(__always)
private func addUnaligned(_ v: SIMD4<Double>, to row: UnsafeMutablePointer<Double>) {
    UnsafeMutableRawPointer(row).storeBytes(of: loadUnaligned(row) + v, as: SIMD4<Double>.self)
}

/// `p[0..<4]`; rows of A and C start at any multiple of 8 bytes, so SIMD4's 32-byte alignment cannot be assumed.
@inline(__always)
private func loadUnaligned(_ p: UnsafePointer<Double>) -> SIMD4<Double> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Double>.self)
}
