/// C[b] = A[b] · B[b] for `batch` row-major matrices A: m×k, B: k×n. Checks the bound `ComputeDeadline`
/// between blocks, the one kernel whose time grows faster than the size of its operands and result.
func batchedMatmul(_ a: [Double], _ b: [Double], batch: Int, m: Int, k: Int, n: Int) throws -> [Double] {
    var c = [Double](repeating: 0, count: batch * m * n)
    if m == 0 || n == 0 || k == 0 { return c }
    let deadline = ComputeDeadline.current
    // Packed copies of B and A for the 4×4 tiles (written before they are read); unused without tiles.
    let tiled = n > 1 && m >= 4
    let depth = Swift.min(depthBlock, k)
    let panel = UnsafeMutablePointer<SIMD4<Double>>.allocate(capacity: tiled ? depth * ((Swift.min(columnBlock, n) + 3) / 4) : 0)
    let rows = UnsafeMutablePointer<SIMD2<Double>>.allocate(capacity: tiled ? depth * 4 : 0)
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
                    } else {
                        try blockedMatmul(aItem, bItem, cItem, m: m, k: k, n: n, panel: panel, rows: rows, deadline: deadline)
                    }
                }
            }
        }
    }
    return c
}

/// Rows of B (the shared k extent) and columns of B per packed panel: a 128×256 panel of doubles is
/// 256 KB and stays in L2, while the 4 packed rows of A it meets (8 KB) stay in L1.
private let depthBlock = 128
private let columnBlock = 256

/// Cache-blocked GEMM with a 4×4 register micro-kernel.
///
/// For each k×n block, B is packed into strips of 4 columns (`panel[strip][p]` is one `SIMD4`) and each
/// group of 4 rows of A is packed column-interleaved (`rows[4p + r]` is A[r, p] in both lanes of a `SIMD2`,
/// see `microKernel4x4`), so the micro-kernel reads both contiguously (no
/// power-of-two strides that alias in cache) and every strip of the panel meets the same 4 rows while they
/// are in L1. Rows of A that do not fill a group of 4 fall back to an axpy loop (so does all of A when
/// m < 4, and B is then not packed). With a deadline, it is checked before each k×n block and every 64 rows
/// within it.
private func blockedMatmul(
    _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ c: UnsafeMutablePointer<Double>,
    m: Int, k: Int, n: Int, panel: UnsafeMutablePointer<SIMD4<Double>>, rows: UnsafeMutablePointer<SIMD2<Double>>,
    deadline: ContinuousClock.Instant?
) throws {
    var j0 = 0
    while j0 < n {
        let width = Swift.min(columnBlock, n - j0)
        let strips = (width + 3) / 4
        var p0 = 0
        while p0 < k {
            if let deadline { try ComputeDeadline.check(deadline) }
            let depth = Swift.min(depthBlock, k - p0)
            if m >= 4 { packPanel(b, n: n, rows: p0..<(p0 + depth), columns: j0..<(j0 + width), into: panel) }
            var i = 0
            while i + 4 <= m {
                if let deadline, i & 63 == 0 { try ComputeDeadline.check(deadline) }
                for p in 0..<depth {
                    for r in 0..<4 { rows[p * 4 + r] = SIMD2(repeating: a[(i + r) * k + p0 + p]) }
                }
                for strip in 0..<strips {
                    microKernel4x4(rows, panel + strip * depth, depth: depth,
                                   c + i * n + j0 + strip * 4, ldc: n, columns: Swift.min(4, width - strip * 4))
                }
                i += 4
            }
            while i < m {
                let row = a + i * k
                let out = c + i * n + j0
                for p in p0..<(p0 + depth) {
                    let scale = row[p]
                    let bRow = b + p * n + j0
                    for j in 0..<width { out[j] += scale * bRow[j] }
                }
                i += 1
            }
            p0 += depth
        }
        j0 += width
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

/// Copies B[rows, columns] into strips of 4 columns, zero-padding the last strip.
@inline(__always)
private func packPanel(_ b: UnsafePointer<Double>, n: Int, rows: Range<Int>, columns: Range<Int>,
                       into panel: UnsafeMutablePointer<SIMD4<Double>>) {
    let depth = rows.count
    var strip = 0
    var j = columns.lowerBound
    while j < columns.upperBound {
        let valid = Swift.min(4, columns.upperBound - j)
        let target = panel + strip * depth
        for (offset, p) in rows.enumerated() {
            let source = b + p * n + j
            if valid == 4 {
                target[offset] = SIMD4(source[0], source[1], source[2], source[3])
            } else {
                var v = SIMD4<Double>.zero
                for t in 0..<valid { v[t] = source[t] }
                target[offset] = v
            }
        }
        strip += 1
        j += 4
    }
}

/// C[0..<4, 0..<columns] += A · strip, accumulated in registers, where `a[4p + r]` holds A[r, p] in both
/// lanes. A is packed pre-broadcast because the x86-64 baseline (SSE2) has no broadcast load: splatting
/// a scalar in the loop costs a shuffle per row and step, on the same ports as the multiplies and adds.
@inline(__always)
private func microKernel4x4(_ a: UnsafePointer<SIMD2<Double>>, _ strip: UnsafePointer<SIMD4<Double>>, depth: Int,
                            _ c: UnsafeMutablePointer<Double>, ldc: Int, columns: Int) {
    var c0 = SIMD4<Double>.zero, c1 = SIMD4<Double>.zero, c2 = SIMD4<Double>.zero, c3 = SIMD4<Double>.zero
    for p in 0..<depth {
        let bv = strip[p]
        let ap = a + 4 * p
        c0 += SIMD4(lowHalf: ap[0], highHalf: ap[0]) * bv
        c1 += SIMD4(lowHalf: ap[1], highHalf: ap[1]) * bv
        c2 += SIMD4(lowHalf: ap[2], highHalf: ap[2]) * bv
        c3 += SIMD4(lowHalf: ap[3], highHalf: ap[3]) * bv
    }
    if columns == 4 {
        addUnaligned(c0, to: c)
        addUnaligned(c1, to: c + ldc)
        addUnaligned(c2, to: c + 2 * ldc)
        addUnaligned(c3, to: c + 3 * ldc)
    } else {
        for t in 0..<columns {
            c[t] += c0[t]
            c[ldc + t] += c1[t]
            c[2 * ldc + t] += c2[t]
            c[3 * ldc + t] += c3[t]
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
