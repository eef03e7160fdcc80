/// A value laid out for a reader, independent of HTML or terminal: the renderers only arrange it.
indirect enum Display: Hashable, Sendable, Codable {
    /// One number (or word) on its own.
    case scalar(String)
    /// A vector (one row) or a matrix, every cell already formatted in one style, with its shape.
    case grid(shape: [Int], rows: [[String]])
    /// A rank ≥ 3 tensor small enough to show as matrices, each labelled by its leading index (`[0, :, :]`).
    case slices(shape: [Int], [Slice])
    /// A tensor too large to show: its shape and a few statistics.
    case summary(shape: [Int], stats: [Stat])
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
}

/// Limits above which a tensor is summarised instead of shown in full.
enum DisplayLimits {
    static let vectorLength = 16
    static let matrixRows = 12
    static let matrixColumns = 12
    static let sliceElements = 64
}

extension Display {
    /// Lays out a tensor given as shape and row-major values.
    static func tensor(shape: [Int], scalars: [Double]) -> Display {
        let format = NumberFormat.choose(for: scalars)
        switch shape.count {
        case 0:
            return .scalar(format.format(scalars.first ?? .nan))
        case 1 where shape[0] <= DisplayLimits.vectorLength:
            return .grid(shape: shape, rows: [scalars.map(format.format)])
        case 2 where shape[0] <= DisplayLimits.matrixRows && shape[1] <= DisplayLimits.matrixColumns:
            return .grid(shape: shape, rows: rows(scalars, columns: shape[1], format: format))
        default:
            let count = scalars.count
            if shape.count >= 3, count <= DisplayLimits.sliceElements, count > 0,
               let columns = shape.last, let rowCount = shape.dropLast().last, columns > 0, rowCount > 0 {
                let leading = Array(shape.dropLast(2))
                var slices: [Slice] = []
                let per = rowCount * columns
                for (n, start) in stride(from: 0, to: count, by: per).enumerated() {
                    let index = multiIndex(n, shape: leading).map(String.init).joined(separator: ", ")
                    let chunk = Array(scalars[start..<min(start + per, count)])
                    slices.append(Slice(label: "[\(index), :, :]", rows: rows(chunk, columns: columns, format: format)))
                }
                return .slices(shape: shape, slices)
            }
            return .summary(shape: shape, stats: statistics(scalars))
        }
    }

    private static func rows(_ scalars: [Double], columns: Int, format: NumberFormat) -> [[String]] {
        guard columns > 0 else { return [] }
        return stride(from: 0, to: scalars.count, by: columns).map { start in
            scalars[start..<min(start + columns, scalars.count)].map(format.format)
        }
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

    /// mean, std (population), min, max, and the first values.
    static func statistics(_ scalars: [Double]) -> [Stat] {
        guard !scalars.isEmpty else { return [Stat(name: "elements", value: "0")] }
        let n = Double(scalars.count)
        let mean = scalars.reduce(0, +) / n
        let variance = scalars.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
        let lo = scalars.min() ?? 0, hi = scalars.max() ?? 0
        let format = NumberFormat.choose(for: [mean, variance.squareRoot(), lo, hi])
        let head = Array(scalars.prefix(4))
        let headFormat = NumberFormat.choose(for: head)
        return [
            Stat(name: "mean", value: format.format(mean)),
            Stat(name: "std", value: format.format(variance.squareRoot())),
            Stat(name: "min", value: format.format(lo)),
            Stat(name: "max", value: format.format(hi)),
            Stat(name: "first", value: head.map(headFormat.format).joined(separator: ", ") + (scalars.count > 4 ? ", …" : "")),
        ]
    }

    /// `[2, 3]`, the way shapes are written to readers.
    static func shapeText(_ shape: [Int]) -> String {
        "[" + shape.map(String.init).joined(separator: ", ") + "]"
    }
}
