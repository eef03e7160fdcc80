/// The primitive operations. Every differentiable op in the module is a composition of these; each has
/// exactly one gradient rule, in `GradientRules.swift`.
enum Primitive: Sendable {
    case leaf
    // Unary elementwise.
    case negate, exp, log, sqrt, reciprocal, sin, expm1, log1p, erf
    case power(Double)
    /// x + c, x · c and x / c for a constant c (no broadcast tensor is materialised for the constant).
    case addScalar(Double), multiplyScalar(Double), divideByScalar(Double)
    // Binary elementwise on equal shapes (broadcasting is an explicit `expand` first).
    case add, multiply, divide, maximum
    /// Inputs: condition (0/1, constant), value if true, value if false.
    case select
    // Reductions, always keeping the reduced axes with extent 1.
    case sum(axes: [Int])
    case max(axes: [Int])
    // Movement.
    case reshape
    case permute([Int])
    case expand
    case pad(before: [Int], after: [Int])
    case slice(SliceSpec)
    // Linear algebra and convolution geometry.
    case matmul
    case im2col(ConvGeometry)
    case col2im(ConvGeometry)
}

/// Per-axis half-open ranges with positive steps: `start ..< end` by `step`.
struct SliceSpec: Sendable, Equatable {
    var starts: [Int]
    var ends: [Int]
    var steps: [Int]

    func outputShape() -> [Int] {
        (0..<starts.count).map { axis in
            let span = ends[axis] - starts[axis]
            return span <= 0 ? 0 : (span + steps[axis] - 1) / steps[axis]
        }
    }
}

/// The sliding-window geometry of a 2-D convolution over an `[N, C, H, W]` input.
struct ConvGeometry: Sendable, Equatable {
    var batch: Int
    var channels: Int
    var height: Int
    var width: Int
    var kernelHeight: Int
    var kernelWidth: Int
    var strideH: Int
    var strideW: Int
    var padH: Int
    var padW: Int
    var dilationH: Int
    var dilationW: Int
    /// Value read outside the input (0 for convolution, −∞ for max pooling).
    var padValue: Double

    var outHeight: Int { (height + 2 * padH - dilationH * (kernelHeight - 1) - 1) / strideH + 1 }
    var outWidth: Int { (width + 2 * padW - dilationW * (kernelWidth - 1) - 1) / strideW + 1 }
    var imageShape: [Int] { [batch, channels, height, width] }
    var columnsShape: [Int] { [batch, channels * kernelHeight * kernelWidth, outHeight * outWidth] }
}
