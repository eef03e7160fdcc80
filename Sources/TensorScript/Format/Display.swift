/// A value laid out for a reader, independent of HTML or terminal: the renderers only arrange it.
indirect enum Display: Hashable, Sendable, Codable {
    /// One number (or word) on its own.
    case scalar(String)
    /// A vector (one row) or a matrix, every cell already formatted in one style, with its shape. A tensor
    /// too large to show in full is summarised numpy-style: `Display.gap` cells and rows stand for the
    /// items left out, and `stats` (otherwise empty) describe all of its values.
    case grid(shape: [Int], rows: [[String]], stats: [Stat])
    /// A rank ≥ 3 tensor as matrices, each labelled by its leading index (`[0, :, :]`); summarised like a
    /// grid, with a slice labelled `Display.gap` where matrices are left out.
    case slices(shape: [Int], [Slice], stats: [Stat])
    /// A table with named columns (an optimiser trajectory, a comparison).
    case table(columns: [String], rows: [[String]])
    /// Named parts of a compound result (the `h` and `c` of an LSTM step).
    case record([Field])
    /// Plain text: a function, a string, a setting.
    case text(String)
    /// An inline SVG document.
    case plot(svg: String, alt: String)

    struct Slice: Hashable, Sendable, Codable {
        var label: String
        var rows: [[String]]
    }

    struct Stat: Hashable, Sendable, Codable {
        var name: String
        var value: String
    }

    struct Field: Hashable, Sendable, Codable {
        var name: String
        var value: Display
    }

    /// Written where items are left out (a cell, a whole row, or a slice label), as numpy does.
    static let gap = "..."
}

/// Limits above which a tensor is summarised: longer axes show their first and last `edgeItems` around a gap.
enum DisplayLimits {
    static let vectorLength = 16
    static let matrixRows = 12
    static let matrixColumns = 12
    /// A rank ≥ 3 tensor of at most this many numbers shows every matrix; a larger one at most `2 × edgeItems`.
    static let sliceElements = 64
    /// Items shown at each end of a summarised axis (numpy's `edgeitems`).
    static let edgeItems = 3
}

extension Display {
    /// Lays out a tensor given as shape and row-major values. Only the values shown are formatted (their
    /// common style is chosen from them alone, as numpy does), so a large tensor costs one pass for its
    /// statistics and a few dozen formatted numbers.
    static func tensor(shape: [Int], scalars: [Double]) -> Display {
        guard let columns = shape.last else {
            let value = scalars.first ?? .nan
            return .scalar(NumberFormat.choose(for: [value]).format(value))
        }
        let rank = shape.count
        guard !scalars.isEmpty else { return .grid(shape: shape, rows: rank == 1 ? [[]] : [], stats: []) }
        let rows = rank >= 2 ? shape[rank - 2] : 1
        let matrices = rank >= 3 ? shape.dropLast(2).reduce(1, *) : 1
        let visibleColumns = visible(columns, limit: rank == 1 ? DisplayLimits.vectorLength : DisplayLimits.matrixColumns)
        let visibleRows = visible(rows, limit: rank == 1 ? 1 : DisplayLimits.matrixRows)
        let visibleMatrices = visible(matrices, limit: scalars.count <= DisplayLimits.sliceElements ? matrices : 2 * DisplayLimits.edgeItems)

        var shown: [Double] = []
        for matrix in visibleMatrices.compactMap({ $0 }) {
            for row in visibleRows.compactMap({ $0 }) {
                for column in visibleColumns.compactMap({ $0 }) { shown.append(scalars[(matrix * rows + row) * columns + column]) }
            }
        }
        let format = NumberFormat.choose(for: shown)
        func layout(_ matrix: Int) -> [[String]] {
            visibleRows.map { row in
                guard let row else { return [gap] }
                return visibleColumns.map { column in
                    column.map { format.format(scalars[(matrix * rows + row) * columns + $0]) } ?? gap
                }
            }
        }
        let summarised = [visibleColumns, visibleRows, visibleMatrices].contains { $0.contains(nil) }
        let stats = summarised ? statistics(scalars) : []
        guard rank >= 3 else { return .grid(shape: shape, rows: layout(0), stats: stats) }
        let leading = Array(shape.dropLast(2))
        let slices = visibleMatrices.map { matrix -> Slice in
            guard let matrix else { return Slice(label: gap, rows: []) }
            let index = multiIndex(matrix, shape: leading).map(String.init).joined(separator: ", ")
            return Slice(label: "[\(index), :, :]", rows: layout(matrix))
        }
        return .slices(shape: shape, slices, stats: stats)
    }

    /// The indices of an axis to show: all of them up to `limit`, else the first and last
    /// `DisplayLimits.edgeItems` with `nil` (a gap) between.
    static func visible(_ extent: Int, limit: Int) -> [Int?] {
        let edge = DisplayLimits.edgeItems
        guard extent > max(limit, 2 * edge) else { return Array(0..<extent) }
        return Array(0..<edge) + [nil] + Array((extent - edge)..<extent)
    }

    private static func multiIndex(_ flat: Int, shape: [Int]) -> [Int] {
        var index = [Int](repeating: 0, count: shape.count)
        var rest = flat
        for axis in stride(from: shape.count - 1, through: 0, by: -1) where shape[axis] > 0 {
            index[axis] = rest % shape[axis]
            rest /= shape[axis]
        }
        return index
    }

    /// mean, std (population), min and max of all values, each to four significant digits.
    static func statistics(_ scalars: [Double]) -> [Stat] {
        guard !scalars.isEmpty else { return [] }
        var sum = 0.0, lo = Double.infinity, hi = -Double.infinity
        for v in scalars {
            sum += v
            if v < lo { lo = v }
            if v > hi { hi = v }
        }
        let mean = sum / Double(scalars.count)
        var squares = 0.0
        for v in scalars { squares += (v - mean) * (v - mean) }
        let std = (squares / Double(scalars.count)).squareRoot()
        return [("mean", mean), ("std", std), ("min", lo), ("max", hi)].map { Stat(name: $0.0, value: NumberFormat.compact($0.1)) }
    }

    /// `[2, 3]`, the way shapes are written to readers.
    static func shapeText(_ shape: [Int]) -> String {
        "[" + shape.map(String.init).joined(separator: ", ") + "]"
    }
}
