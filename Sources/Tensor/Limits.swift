extension Tensor {
    /// The largest number of elements a tensor may hold (32 MB of doubles). Every operation that can make a
    /// result larger than its inputs checks the result's shape with `checkSize` before allocating: the
    /// creators (`full`, `zeros`, `uniform`, `eye`, `oneHot`, …) and the primitives every other operation is
    /// built from (expand, pad, matmul, im2col, col2im). So `zeros(100000, 100000)`, an outer product or a
    /// concatenation that is too large throws instead of exhausting memory.
    public static let maxElementCount = 4_000_000
    /// The most axes a tensor may have (numpy's limit of old), checked with the element count.
    public static let maxRank = 32

    /// `shape` if every extent is ≥ 0, the element count is at most `maxElementCount` and the rank at most `maxRank`.
    public static func validatedShape(_ shape: [Int]) throws -> [Int] {
        if let bad = shape.first(where: { $0 < 0 }) {
            throw TensorError("negative dimension \(bad) in shape \(shapeText(shape))")
        }
        try checkSize(shape)
        return shape
    }

    /// The one size check: throws `TensorError` of kind `.tooLarge` when `shape` holds more than
    /// `maxElementCount` elements, and an `.invalidArgument` one when it has more than `maxRank` axes.
    static func checkSize(_ shape: [Int]) throws {
        guard shape.count <= maxRank else {
            throw TensorError("a tensor of \(shape.count) axes has more than the \(maxRank) allowed")
        }
        let count = elementCount(shape.map { Swift.max($0, 0) })
        guard count <= maxElementCount else {
            let elements = count == Int.max ? "too many" : String(count)
            throw TensorError("a tensor of shape \(shapeText(shape)) would hold \(elements) elements, more than the \(maxElementCount) allowed",
                              kind: .tooLarge(shape: shape))
        }
    }
}

/// A wall-clock limit for callers that run untrusted work (the example language). Bind it around the work with
/// `ComputeDeadline.$current.withValue(deadline) { … }`; the kernels that can run long on tensors within
/// `Tensor.maxElementCount` (matrix products, and so convolution and attention) call `check()` between blocks of
/// work and throw `TensorError` of kind `.deadlinePassed`. Nothing is interrupted from outside.
public enum ComputeDeadline {
    /// The deadline of the current task or thread; `nil` (the default) means no limit.
    @TaskLocal public static var current: ContinuousClock.Instant?

    /// Throws when the current deadline has passed.
    public static func check() throws {
        if let deadline = current { try check(deadline) }
    }

    @inline(__always)
    static func check(_ deadline: ContinuousClock.Instant) throws {
        guard ContinuousClock.now < deadline else {
            throw TensorError("the computation ran past its deadline", kind: .deadlinePassed)
        }
    }
}
