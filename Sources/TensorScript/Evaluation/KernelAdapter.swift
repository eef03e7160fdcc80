import Tensor

/// The few places where the language needs the kernel in a shape the kernel does not offer directly.
enum KernelAdapter {
    static func matmul(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        try a.matmul(b)
    }

    /// An axis argument in `-rank..<rank`, normalised to `0..<rank`.
    static func axis(_ axis: Int, rank: Int) throws -> Int {
        let normalised = axis < 0 ? axis + rank : axis
        guard normalised >= 0 && normalised < max(rank, 1) else {
            throw TensorError("axis \(axis) is out of range for a tensor with \(rank) axes")
        }
        return normalised
    }

    /// Integer class labels from a tensor of whole numbers.
    static func labels(_ t: Tensor) throws -> [Int] {
        try t.scalars.map { v in
            guard v == v.rounded(), v >= 0, v < 1e9 else {
                throw TensorError("class labels must be whole numbers ≥ 0, got \(v)")
            }
            return Int(v)
        }
    }
}
