import Testing
@testable import Tensor

/// The blocked matmul, strided gathers and reductions against naive loops on shapes that cross block edges.
@Suite struct KernelTests {
    func naiveMatmul(_ a: Tensor, _ b: Tensor) -> [Double] {
        naiveProduct(a.scalars, b.scalars, m: a.shape[0], k: a.shape[1], n: b.shape[1]).product
    }

    /// Shapes around the 4×4 tiles, the 128-deep blocks and the 256-wide panels, including rows left over
    /// after the last full tile, m < 4 (no tiles at all) and matrix-vector.
    @Test(arguments: [[1, 1, 1], [3, 5, 7], [3, 7, 5], [4, 128, 256], [7, 129, 257], [257, 129, 131], [130, 300, 260],
                      [65, 1, 513], [1, 300, 9], [9, 257, 1], [6, 4, 3]])
    func blockedMatmulMatchesNaive(_ dims: [Int]) throws {
        let a = try Tensor.normal([dims[0], dims[1]], seed: 1), b = try Tensor.normal([dims[1], dims[2]], seed: 2)
        let expected = try Tensor(shape: [dims[0], dims[2]], scalars: naiveMatmul(a, b))
        expectClose(try a.matmul(b), expected, relative: 1e-12, absolute: 1e-12, "matmul \(dims)")
    }

    @Test func transposedAndBatchedOperandsMatchNaive() throws {
        let a = try Tensor.normal([129, 257], seed: 3).transposed(), b = try Tensor.normal([7, 129], seed: 4).transposed()
        let expected = try Tensor(shape: [257, 7], scalars: naiveMatmul(a, b))
        expectClose(try a.matmul(b), expected, relative: 1e-12, absolute: 1e-12, "matmul of transposed operands")

        let stack = try Tensor.normal([3, 6, 5], seed: 5), shared = try Tensor.normal([5, 9], seed: 6)
        let product = try stack.matmul(shared)
        #expect(product.shape == [3, 6, 9])
        for item in 0..<3 {
            let slice = try stack.select(axis: 0, index: item)
            let expected = try Tensor(shape: [6, 9], scalars: naiveMatmul(slice, shared))
            expectClose(try product.select(axis: 0, index: item), expected, relative: 1e-12, absolute: 1e-12,
                        "batch item \(item)")
        }
    }

    @Test func permuteAndSliceMatchIndexArithmetic() throws {
        let x = try Tensor.arange(2 * 3 * 4)
        let t = try x.reshape([2, 3, 4]).permute([1, 2, 0])
        for i in 0..<3 { for j in 0..<4 { for k in 0..<2 {
            #expect(try t.value(at: [i, j, k]) == Double(k * 12 + i * 4 + j))
        } } }
        let s = try x.reshape([4, 6]).slice(axis: 0, start: -3, step: 2).slice(axis: 1, start: 5, end: 100)
        #expect(s.shape == [2, 1] && s.scalars == [11, 23])
    }

    @Test func reductionsKeepAndDropAxes() throws {
        let x = try Tensor.arange(0, 24).reshape([2, 3, 4])
        #expect(try x.sum(axes: [1]).scalars == [12, 15, 18, 21, 48, 51, 54, 57])
        #expect(try x.sum(axes: [0, 2], keepDims: true).shape == [1, 3, 1])
        #expect(try x.max(axes: [-1]).scalars == [3, 7, 11, 15, 19, 23])
        #expect(try x.argmax(axis: 1).scalars == [8, 9, 10, 11, 20, 21, 22, 23].map { Double(Int($0) / 4 % 3) })
        #expect(x.mean().scalar == 11.5)
        expectClose(try x.variance(correction: 1), Tensor(50.0), "unbiased variance of 0…23")
    }

    @Test func literalsAndDescription() throws {
        let t = try Tensor(literal: .list([.list([.number(1), .number(2.5)]), .list([.number(-3), .number(4)])]))
        #expect(t.shape == [2, 2])
        #expect(t.description == "[[1, 2.5], [-3, 4]]")
        #expect(t.strides == [2, 1])
        #expect(Tensor(7).description == "7" && Tensor(7).rank == 0)
    }

    @Test func seededSamplingIsReproducible() throws {
        #expect(try Tensor.normal([5], seed: 9).scalars == Tensor.normal([5], seed: 9).scalars)
        #expect(try Tensor.normal([5], seed: 9).scalars != Tensor.normal([5], seed: 10).scalars)
        let u = try Tensor.uniform([10_000], low: -1, high: 1, seed: 3)
        #expect(u.scalars.allSatisfy { $0 >= -1 && $0 < 1 })
        #expect(Swift.abs(u.mean().scalar!) < 0.05)
        let n = try Tensor.normal([10_000], seed: 4)
        #expect(Swift.abs(n.mean().scalar!) < 0.05)
        #expect(Swift.abs(try n.variance().scalar! - 1) < 0.05)
    }
}

@Suite struct PortableMathTests {
    @Test func logAndCosineAgreeWithLibmToAFewUlps() {
        var rng = TensorRNG(seed: 5)
        var worstLog = 0.0, worstCos = 0.0
        for _ in 0..<5_000 {
            let u = rng.uniform()
            let x = 1 - u
            worstLog = Swift.max(worstLog, Swift.abs(PortableMath.log(x) - LibM.log(x)) / Swift.max(1, Swift.abs(LibM.log(x))))
            worstCos = Swift.max(worstCos, Swift.abs(PortableMath.cosTwoPi(u) - LibM.cos(2 * Double.pi * u)))
        }
        #expect(worstLog <= 4e-16)
        #expect(worstCos <= 2e-15)
        #expect(PortableMath.log(1) == 0)
        #expect(PortableMath.log(0) == -.infinity)
        #expect(PortableMath.cosTwoPi(0) == 1 && PortableMath.cosTwoPi(0.5) == -1)
    }
}
