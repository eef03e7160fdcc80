/// C[b] = A[b] · B[b] for `batch` row-major matrices A: m×k, B: k×n. Checks the bound `ComputeDeadline`
/// between blocks, the one kernel whose time grows faster than the size of its operands and result.
func batchedMatmul(_ a: [Double], _ b: [Double], batch: Int, m: Int, k: Int, n: Int) throws -> [Double] {
    var c = [Double](repeating: 0, count: batch * m * n)
    if m == 0 || n == 0 || k == 0 { return c }
    let deadline = ComputeDeadline.current
    try a.withUnsafeBufferPointer { aBuffer in
        try b.withUnsafeBufferPointer { bBuffer in
            try c.withUnsafeMutableBufferPointer { cBuffer in
                guard let aBase = aBuffer.baseAddress, let bBase = bBuffer.baseAddress,
                      let cBase = cBuffer.baseAddress else { return }
                var packedB = [SIMD4<Double>](repeating: .zero, count: kBlock * (nBlock / 4))
                var packedA = [Double](repeating: 0, count: kBlock * 4)
                try packedB.withUnsafeMutableBufferPointer { panel in
                    try packedA.withUnsafeMutableBufferPointer { rows in
                        guard let panelBase = panel.baseAddress, let rowsBase = rows.baseAddress else { return }
                        for item in 0..<batch {
                            try blockedMatmul(aBase + item * m * k, bBase + item * k * n, cBase + item * m * n,
                                              m: m, k: k, n: n, panel: panelBase, rows: rowsBase, deadline: deadline)
                        }
                    }
                }
            }
        }
    }
    return c
}

/// Columns of B per packed panel and rows of B (the shared k extent) per block: a 256×256 panel of
/// doubles is 512 KB, sized for L2; every 4-row strip of A streams through it.
private let kBlock = 128
private let nBlock = 256

/// Cache-blocked GEMM with a 4×4 register micro-kernel.
///
/// For each k×n block, B is packed into strips of 4 columns (`panel[strip][p]` is one `SIMD4`) and each
/// group of 4 rows of A is packed column-interleaved, so the micro-kernel reads both contiguously (no
/// power-of-two strides that alias in cache); it keeps a 4×4 tile of C in four `SIMD4` accumulators across the
/// whole block and adds it to C once. Rows of A that do not fill a strip of 4 fall back to an axpy loop.
/// With a deadline, it is checked before each k×n block and every 64 rows within it.
private func blockedMatmul(
    _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ c: UnsafeMutablePointer<Double>,
    m: Int, k: Int, n: Int, panel: UnsafeMutablePointer<SIMD4<Double>>, rows: UnsafeMutablePointer<Double>,
    deadline: ContinuousClock.Instant?
) throws {
    var j0 = 0
    while j0 < n {
        let width = Swift.min(nBlock, n - j0)
        let strips = (width + 3) / 4
        var p0 = 0
        while p0 < k {
            if let deadline { try ComputeDeadline.check(deadline) }
            let depth = Swift.min(kBlock, k - p0)
            packPanel(b, n: n, rows: p0..<(p0 + depth), columns: j0..<(j0 + width), into: panel)
            var i = 0
            while i + 4 <= m {
                if let deadline, i & 63 == 0 { try ComputeDeadline.check(deadline) }
                for p in 0..<depth {
                    for r in 0..<4 { rows[p * 4 + r] = a[(i + r) * k + p0 + p] }
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

/// C[0..<4, 0..<columns] += A · strip, where `a[4p + r]` is A[r, p] (4 packed rows); accumulates in registers.
@inline(__always)
private func microKernel4x4(_ a: UnsafePointer<Double>, _ strip: UnsafePointer<SIMD4<Double>>, depth: Int,
                            _ c: UnsafeMutablePointer<Double>, ldc: Int, columns: Int) {
    var c0 = SIMD4<Double>.zero, c1 = SIMD4<Double>.zero, c2 = SIMD4<Double>.zero, c3 = SIMD4<Double>.zero
    for p in 0..<depth {
        let bv = strip[p]
        let ap = a + 4 * p
        c0 += ap[0] * bv
        c1 += ap[1] * bv
        c2 += ap[2] * bv
        c3 += ap[3] * bv
    }
    if columns == 4 {
        let rows = (c, c + ldc, c + 2 * ldc, c + 3 * ldc)
        for t in 0..<4 {
            rows.0[t] += c0[t]
            rows.1[t] += c1[t]
            rows.2[t] += c2[t]
            rows.3[t] += c3[t]
        }
    } else {
        for t in 0..<columns {
            c[t] += c0[t]
            c[ldc + t] += c1[t]
            c[2 * ldc + t] += c2[t]
            c[3 * ldc + t] += c3[t]
        }
    }
}
