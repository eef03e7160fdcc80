/// A recoverable tensor failure; the message names the shapes involved, e.g. `cannot matmul [2,3] and [4,5]`.
public struct TensorError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

/// Formats a shape the way error messages show it: `[2,3]`.
@inline(__always)
func shapeText(_ shape: [Int]) -> String {
    "[" + shape.map(String.init).joined(separator: ",") + "]"
}
