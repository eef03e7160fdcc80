/// Activation functions, each composed from primitives (no gradient code of their own).
extension Tensor {
    /// 1/(1+e⁻ˣ), evaluated through e^(−|x|) so it never overflows in value or gradient.
    public func sigmoid() -> Tensor {
        let e = (-branchMagnitude()).exp()
        let positive = 1 / (1 + e)
        return Tensor.selectPrimitive(nonNegativeMask(), positive, e.binaryPrimitive(.multiply, positive))
    }

    /// 1 where x ≥ 0 (a constant): the branch predicate shared by every two-sided formula below.
    func nonNegativeMask() -> Tensor { compare(0) { $0 >= $1 } }

    /// |x| computed as x on the x ≥ 0 branch and −x otherwise, so its derivative at 0 (+1) matches the
    /// branch that `nonNegativeMask` selects there.
    func branchMagnitude() -> Tensor { Tensor.selectPrimitive(nonNegativeMask(), self, -self) }

    /// tanh x = sign(x) · (−expm1(−2|x|)) / (2 + expm1(−2|x|)), accurate near 0 and saturating cleanly.
    public func tanh() -> Tensor {
        let m = (branchMagnitude() * -2).expm1()
        let magnitude = (-m).binaryPrimitive(.divide, 2 + m)
        return Tensor.selectPrimitive(nonNegativeMask(), magnitude, -magnitude)
    }

    /// max(x, 0), with derivative 0 at 0.
    public func relu() -> Tensor { Tensor.selectPrimitive(signMask(), self, constantLike(0)) }

    /// x for x > 0, αx otherwise.
    public func leakyRelu(_ alpha: Double = 0.01) -> Tensor { Tensor.selectPrimitive(signMask(), self, self * alpha) }

    /// x for x > 0, `slope`·x otherwise; a 1-D `slope` of length C applies per channel (axis 1).
    public func prelu(_ slope: Tensor) throws -> Tensor {
        var s = slope
        if slope.rank == 1 && slope.count > 1 && rank >= 2 {
            guard shape[1] == slope.count else {
                throw TensorError("prelu slope of shape \(shapeText(slope.shape)) for input of shape \(shapeText(shape))")
            }
            s = try slope.reshape([slope.count] + [Int](repeating: 1, count: rank - 2))
        }
        return try Tensor.select(signMask(), self, self * s)
    }

    /// x for x > 0, α(eˣ − 1) otherwise (the exponential only sees non-positive inputs).
    public func elu(_ alpha: Double = 1) -> Tensor {
        let positive = signMask()
        let negativePart = Tensor.selectPrimitive(positive, constantLike(0), self)
        return Tensor.selectPrimitive(positive, self, negativePart.expm1() * alpha)
    }

    /// ln(1 + eˣ) = max(x, 0) + ln(1 + e^(−|x|)).
    public func softplus() -> Tensor {
        let positivePart = Tensor.selectPrimitive(nonNegativeMask(), self, constantLike(0))
        return positivePart.binaryPrimitive(.add, (-branchMagnitude()).exp().log1p())
    }

    /// x · Φ(x) with the exact normal CDF: ½x(1 + erf(x/√2)).
    public func gelu() -> Tensor {
        binaryPrimitive(.multiply, ((self * (1 / 2.0.squareRoot())).erf() + 1) * 0.5)
    }

    /// The tanh approximation ½x(1 + tanh(√(2/π)(x + 0.044715x³))).
    public func geluTanh() -> Tensor {
        let inner = self.binaryPrimitive(.add, self.pow(3) * 0.044715) * (2 / Double.pi).squareRoot()
        return self.binaryPrimitive(.multiply, (inner.tanh() + 1) * 0.5)
    }

    /// x · sigmoid(x) (SiLU / swish).
    public func silu() -> Tensor { binaryPrimitive(.multiply, sigmoid()) }

    /// x / (1 + |x|).
    public func softsign() -> Tensor { binaryPrimitive(.divide, abs() + 1) }

    /// exp(x − max) / Σ exp(x − max) along `axis`.
    public func softmax(axis: Int = -1) throws -> Tensor {
        let a = try normalizedAxis(axis)
        let shift = maxPrimitive(axes: [a]).detached()
        let e = try (self - shift).exp()
        return try e / e.sum(axes: [a], keepDims: true)
    }

    /// x − logΣexp(x) along `axis`, stable for large inputs.
    public func logSoftmax(axis: Int = -1) throws -> Tensor {
        let a = try normalizedAxis(axis)
        return try self - logSumExp(axes: [a], keepDims: true)
    }
}
