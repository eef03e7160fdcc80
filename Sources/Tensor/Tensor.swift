/// An N-dimensional array of `Double` in row-major (C) order, optionally tracked for reverse-mode autodiff.
///
/// `Tensor` is a value: operations return new tensors. A tensor created by `requiringGrad()` (or computed
/// from one) carries a graph node; `backward()` on a scalar result walks that graph.
public struct Tensor: Sendable {
    /// Extent of each axis; `[]` for a scalar.
    public let shape: [Int]
    /// The elements in row-major order; `scalars.count == shape.product`.
    public let scalars: [Double]
    /// The element precision: `.float32` tensors hold values rounded to `Float` after every operation.
    public let precision: Precision
    /// The autodiff node that produced this tensor, or `nil` for a constant.
    let node: AutodiffNode?

    /// Internal designated initialiser; callers guarantee `scalars.count == product(shape)`.
    init(uncheckedShape shape: [Int], scalars: [Double], node: AutodiffNode? = nil, precision: Precision = .float64) {
        self.shape = shape
        self.scalars = scalars
        self.node = node
        self.precision = precision
    }

    /// A tensor of the given shape; throws when the number of values does not match the shape.
    public init(shape: [Int], scalars: [Double]) throws {
        if let bad = shape.first(where: { $0 < 0 }) {
            throw TensorError("negative dimension \(bad) in shape \(shapeText(shape))")
        }
        try Tensor.checkSize(shape)
        let expected = elementCount(shape)
        guard expected == scalars.count else {
            throw TensorError("shape \(shapeText(shape)) needs \(expected) values, got \(scalars.count)")
        }
        self.init(uncheckedShape: shape, scalars: scalars)
    }

    /// A rank-0 tensor holding one value.
    public init(_ value: Double) {
        self.init(uncheckedShape: [], scalars: [value])
    }

    /// A rank-1 tensor.
    public init(_ values: [Double]) {
        self.init(uncheckedShape: [values.count], scalars: values)
    }

    /// A rank-2 tensor from rows; throws when the rows are ragged.
    public init(_ rows: [[Double]]) throws {
        try self.init(literal: .list(rows.map { .list($0.map(TensorLiteral.number)) }))
    }

    /// A tensor from a nested literal such as `[[1, 2], [3, 4]]`; throws when it is ragged.
    public init(literal: TensorLiteral) throws {
        var flat: [Double] = []
        let shape = try literal.inferShape()
        try Tensor.checkSize(shape)
        literal.flatten(into: &flat)
        self.init(uncheckedShape: shape, scalars: flat)
    }

    /// Number of axes.
    public var rank: Int { shape.count }
    /// Number of elements.
    public var count: Int { scalars.count }
    /// Row-major strides in elements: the last axis has stride 1.
    public var strides: [Int] { rowMajorStrides(shape) }
    /// The only element, if the tensor holds exactly one.
    public var scalar: Double? { scalars.count == 1 ? scalars[0] : nil }
    /// Whether gradients flow to or through this tensor.
    public var requiresGrad: Bool { node != nil }

    /// The same values without autodiff history (a constant).
    public func detached() -> Tensor {
        Tensor(uncheckedShape: shape, scalars: scalars, precision: precision)
    }

    /// The same values as a fresh autodiff leaf whose gradient `backward()` reports.
    public func requiringGrad() -> Tensor {
        Tensor(uncheckedShape: shape, scalars: scalars, node: AutodiffNode(leafOfShape: shape), precision: precision)
    }

    /// The element at a multi-index (negative indices count from the end).
    public func value(at index: [Int]) throws -> Double {
        guard index.count == rank else {
            throw TensorError("index of \(index.count) axes into tensor of shape \(shapeText(shape))")
        }
        var offset = 0
        let strides = self.strides
        for axis in 0..<rank {
            let i = index[axis] < 0 ? index[axis] + shape[axis] : index[axis]
            guard i >= 0 && i < shape[axis] else {
                throw TensorError("index \(index[axis]) out of range for axis \(axis) of shape \(shapeText(shape))")
            }
            offset += i * strides[axis]
        }
        return scalars[offset]
    }

    /// Values rounded to the nearest `Float` (IEEE single), still stored as `Double` and still Float64.
    public func roundedToFloat32() -> Tensor {
        Tensor(uncheckedShape: shape, scalars: mapScalars(scalars) { Double(Float($0)) }, precision: precision)
    }

    /// The same tensor in another precision (a constant: autodiff history is dropped). Converting to
    /// `.float32` rounds the values; every result computed from a Float32 tensor is rounded to `Float`.
    public func converted(to precision: Precision) -> Tensor {
        let values = precision == .float32 ? mapScalars(scalars) { Double(Float($0)) } : scalars
        return Tensor(uncheckedShape: shape, scalars: values, precision: precision)
    }
}

/// Element precision. Storage and arithmetic are `Double`; Float32 tensors round every result to the
/// nearest `Float`, which is exact IEEE single arithmetic for + − × ÷ √ (double rounding is innocuous for
/// these) and within one Float ulp for exp, log and the other library functions. Gradients stay Float64.
public enum Precision: String, Sendable, Equatable {
    case float64, float32
}

/// A nested array literal: a number or a list of literals.
public indirect enum TensorLiteral: Sendable, Equatable {
    case number(Double)
    case list([TensorLiteral])

    func inferShape() throws -> [Int] {
        switch self {
        case .number:
            return []
        case .list(let items):
            guard let first = items.first else { return [0] }
            let inner = try first.inferShape()
            for item in items.dropFirst() {
                let other = try item.inferShape()
                guard other == inner else {
                    throw TensorError("ragged nested list: rows of shape \(shapeText(inner)) and \(shapeText(other))")
                }
            }
            return [items.count] + inner
        }
    }

    func flatten(into out: inout [Double]) {
        switch self {
        case .number(let v): out.append(v)
        case .list(let items): for item in items { item.flatten(into: &out) }
        }
    }
}

extension Tensor: CustomStringConvertible {
    /// Nested brackets with up to 6 significant digits, e.g. `[[1, 2], [3, 4]]`.
    public var description: String {
        if rank == 0 { return formatScalar(scalars[0]) }
        var out = ""
        var position = 0
        func emit(axis: Int) {
            out += "["
            for i in 0..<shape[axis] {
                if i > 0 { out += ", " }
                if axis == rank - 1 {
                    out += formatScalar(scalars[position]); position += 1
                } else {
                    emit(axis: axis + 1)
                }
            }
            out += "]"
        }
        emit(axis: 0)
        return out
    }
}

func formatScalar(_ v: Double) -> String {
    if v.isNaN { return "nan" }
    if v.isInfinite { return v > 0 ? "inf" : "-inf" }
    if v == v.rounded() && abs(v) < 1e15 { return String(Int64(v)) }
    return String(v)
}

/// Product of the extents, saturating at `Int.max` instead of trapping on overflow.
@inline(__always)
func elementCount(_ shape: [Int]) -> Int {
    var product = 1
    for extent in shape {
        let (next, overflow) = product.multipliedReportingOverflow(by: extent)
        if overflow { return Int.max }
        product = next
    }
    return product
}

func rowMajorStrides(_ shape: [Int]) -> [Int] {
    var strides = [Int](repeating: 1, count: shape.count)
    var running = 1
    for axis in stride(from: shape.count - 1, through: 0, by: -1) {
        strides[axis] = running
        running *= shape[axis]
    }
    return strides
}

extension Tensor: Equatable {
    /// Equal shapes and elements (autodiff history is ignored; NaN ≠ NaN as for `Double`).
    public static func == (a: Tensor, b: Tensor) -> Bool {
        a.shape == b.shape && a.scalars == b.scalars
    }
}
