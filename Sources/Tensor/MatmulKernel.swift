/// C[b] = A[b] · B[b] for `batch` row-major matrices A: m×k, B: k×n.
///
/// Cache-blocked i–k–j order: a block of B rows (kBlock × nBlock, ≤ 256 KB) stays in cache while a panel of
/// A rows streams over it, and the innermost loop is a contiguous axpy (C row += a · B row) that the
/// compiler vectorises; four C rows are updated per pass so each loaded B vector is reused four times.
func batchedMatmul(_ a: [Double], _ b: [Double], batch: Int, m: Int, k: Int, n: Int) -> [Double] {
    var c = [Double](repeating: 0, count: batch * m * n)
    if m == 0 || n == 0 || k == 0 { return c }
    a.withUnsafeBufferPointer { aBuffer in
        b.withUnsafeBufferPointer { bBuffer in
            c.withUnsafeMutableBufferPointer { cBuffer in
                guard let aBase = aBuffer.baseAddress, let bBase = bBuffer.baseAddress,
                      let cBase = cBuffer.baseAddress else { return }
                for item in 0..<batch {
                    blockedMatmul(aBase + item * m * k, bBase + item * k * n, cBase + item * m * n, m: m, k: k, n: n)
                }
            }
        }
    }
    return c
}

private let kBlock = 128
private let nBlock = 256

private func blockedMatmul(
    _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ c: UnsafeMutablePointer<Double>,
    m: Int, k: Int, n: Int
) {
    var k0 = 0
    while k0 < k {
        let k1 = Swift.min(k0 + kBlock, k)
        var j0 = 0
        while j0 < n {
            let j1 = Swift.min(j0 + nBlock, n)
            let width = j1 - j0
            var i = 0
            while i + 4 <= m {
                let c0 = c + i * n + j0, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n
                for p in k0..<k1 {
                    let a0 = a[i * k + p], a1 = a[(i + 1) * k + p]
                    let a2 = a[(i + 2) * k + p], a3 = a[(i + 3) * k + p]
                    let row = b + p * n + j0
                    for j in 0..<width {
                        let bv = row[j]
                        c0[j] += a0 * bv
                        c1[j] += a1 * bv
                        c2[j] += a2 * bv
                        c3[j] += a3 * bv
                    }
                }
                i += 4
            }
            while i < m {
                let c0 = c + i * n + j0
                for p in k0..<k1 {
                    let a0 = a[i * k + p]
                    let row = b + p * n + j0
                    for j in 0..<width { c0[j] += a0 * row[j] }
                }
                i += 1
            }
            j0 = j1
        }
        k0 = k1
    }
}
