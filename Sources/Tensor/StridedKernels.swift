/// Copies the elements of `source` visited by an arbitrary strided view into a new contiguous array.
/// `strides[axis]` may be 0 (broadcast) and `offset` is the position of the view's first element.
func stridedGather(_ source: [Double], shape: [Int], strides: [Int], offset: Int) -> [Double] {
    let total = elementCount(shape)
    if total == 0 { return [] }
    let rank = shape.count
    if rank == 0 { return [source[offset]] }
    return source.withUnsafeBufferPointer { src in
        [Double](unsafeUninitializedCapacity: total) { out, initialized in
            var index = [Int](repeating: 0, count: rank)
            var rowStart = offset
            let inner = shape[rank - 1]
            let innerStride = strides[rank - 1]
            var written = 0
            while written < total {
                var p = rowStart
                if innerStride == 1 {
                    for j in 0..<inner { out[written + j] = src[p + j] }
                } else {
                    for j in 0..<inner { out[written + j] = src[p]; p += innerStride }
                }
                written += inner
                var axis = rank - 2
                while axis >= 0 {
                    index[axis] += 1
                    rowStart += strides[axis]
                    if index[axis] < shape[axis] { break }
                    rowStart -= strides[axis] * shape[axis]
                    index[axis] = 0
                    axis -= 1
                }
            }
            initialized = total
        }
    }
}

/// Reduces `source` (row-major, `shape`) over `axes`, keeping them with extent 1.
func reduceKeepingAxes(
    _ source: [Double], shape: [Int], axes: Set<Int>, initial: Double,
    combine: (Double, Double) -> Double
) -> (shape: [Int], scalars: [Double]) {
    let outShape = shape.enumerated().map { axes.contains($0.offset) ? 1 : $0.element }
    let outCount = elementCount(outShape)
    var result = [Double](repeating: initial, count: outCount)
    let total = source.count
    if total == 0 || shape.isEmpty {
        if shape.isEmpty, let v = source.first { result = [combine(initial, v)] }
        return (outShape, result)
    }
    let outStrides = rowMajorStrides(outShape)
    let rank = shape.count
    let walkStrides = (0..<rank).map { axes.contains($0) ? 0 : outStrides[$0] }
    source.withUnsafeBufferPointer { src in
        result.withUnsafeMutableBufferPointer { out in
            var index = [Int](repeating: 0, count: rank)
            var rowTarget = 0
            let inner = shape[rank - 1]
            let innerStride = walkStrides[rank - 1]
            var read = 0
            while read < total {
                if innerStride == 0 {
                    var acc = out[rowTarget]
                    for j in 0..<inner { acc = combine(acc, src[read + j]) }
                    out[rowTarget] = acc
                } else {
                    for j in 0..<inner { out[rowTarget + j] = combine(out[rowTarget + j], src[read + j]) }
                }
                read += inner
                var axis = rank - 2
                while axis >= 0 {
                    index[axis] += 1
                    rowTarget += walkStrides[axis]
                    if index[axis] < shape[axis] { break }
                    rowTarget -= walkStrides[axis] * shape[axis]
                    index[axis] = 0
                    axis -= 1
                }
            }
        }
    }
    return (outShape, result)
}

/// Elementwise map into a new array.
@inline(__always)
func mapScalars(_ a: [Double], _ f: (Double) -> Double) -> [Double] {
    a.withUnsafeBufferPointer { x in
        [Double](unsafeUninitializedCapacity: x.count) { out, n in
            for i in 0..<x.count { out[i] = f(x[i]) }
            n = x.count
        }
    }
}

/// Elementwise combination of two equally long arrays.
@inline(__always)
func zipScalars(_ a: [Double], _ b: [Double], _ f: (Double, Double) -> Double) -> [Double] {
    a.withUnsafeBufferPointer { x in
        b.withUnsafeBufferPointer { y in
            [Double](unsafeUninitializedCapacity: x.count) { out, n in
                for i in 0..<x.count { out[i] = f(x[i], y[i]) }
                n = x.count
            }
        }
    }
}
