/// A recoverable tensor failure; the message names the shapes involved, e.g. `cannot matmul [2,3] and [4,5]`.
public struct TensorError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, for callers that react differently to a refused size or a passed deadline.
    public enum Kind: Sendable, Equatable {
        /// Shapes, axes or arguments that do not fit.
        case invalidArgument
        /// A result of this shape would hold more than `Tensor.maxElementCount` elements; nothing was allocated.
        case tooLarge(shape: [Int])
        /// The `ComputeDeadline` bound by the caller passed; the computation stopped between two blocks of work.
        case deadlinePassed
    }

    public let message: String
    public let kind: Kind

    public init(_ message: String, kind: Kind = .invalidArgument) {
        self.message = message
        self.kind = kind
    }

    public var description: String { message }
}

/// Formats a shape the way error messages show it: `[2,3]`.
@inline(__always)
func shapeText(_ shape: [Int]) -> String {
    "[" + shape.map(String.init).joined(separator: ",") + "]"
}
