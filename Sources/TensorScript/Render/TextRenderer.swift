/// Renders an evaluated block for a terminal: each source line, and under it the value or error, indented.
enum TextRenderer {
    static func render(_ result: BlockResult, lineLabel: (Int) -> String = { String($0) }) -> String {
        var outputsAfterLine: [Int: [String]] = [:]
        for outcome in result.outcomes {
            if let display = outcome.display {
                var text = render(display)
                if let name = outcome.name { text = "\(name) = " + text.replacingNewlines(indent: name.count + 3) }
                if outcome.expectationMet == true { text += "  ✓" }
                outputsAfterLine[outcome.lastLine, default: []].append(text)
            }
            if let error = outcome.error {
                outputsAfterLine[max(outcome.lastLine, error.line), default: []].append("error: \(error.message)")
            }
        }
        for error in result.syntaxErrors { outputsAfterLine[error.line, default: []].append("error: \(error.message)") }
        var out: [String] = []
        var lines = result.sourceLines
        while let last = lines.last, last.trimmingSpaces.isEmpty, lines.count > 1 { lines.removeLast() }
        let width = lines.indices.map { lineLabel($0 + 1).count }.max() ?? 1
        for (i, line) in lines.enumerated() {
            let label = lineLabel(i + 1)
            out.append(String(repeating: " ", count: width - label.count) + label + " │ " + line)
            for output in outputsAfterLine[i + 1] ?? [] {
                for (k, piece) in output.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    out.append(String(repeating: " ", count: width) + (k == 0 ? " ⇒ " : "   ") + piece)
                }
            }
        }
        return out.joined(separator: "\n")
    }

    static func render(_ display: Display) -> String {
        switch display {
        case .scalar(let s): return s
        case .grid(let shape, let rows, let stats):
            return bracketed(rows, matrix: shape.count == 2) + (stats.isEmpty ? "" : "\n" + shapeLine(shape, stats))
        case .slices(let shape, let slices, let stats):
            return slices.map { $0.label == Display.gap ? Display.gap : "\($0.label)\n" + bracketed($0.rows, matrix: true) }
                .joined(separator: "\n") + "\n" + shapeLine(shape, stats)
        case .table(let columns, let rows):
            let all = [columns] + rows
            let widths = columns.indices.map { c in all.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0 }
            return all.map { row in
                row.enumerated().map { c, cell in String(repeating: " ", count: max(widths[c] - cell.count, 0)) + cell }.joined(separator: "  ")
            }.joined(separator: "\n")
        case .record(let fields):
            return fields.map { field in
                "\(field.name): " + render(field.value).replacingNewlines(indent: field.name.count + 2)
            }.joined(separator: "\n")
        case .text(let s): return s
        case .plot(_, let alt): return "[\(alt) — drawn as SVG on the page]"
        }
    }

    /// `shape [2000, 2000]: mean 1, std 0, min 1, max 1`
    static func shapeLine(_ shape: [Int], _ stats: [Display.Stat]) -> String {
        "shape \(Display.shapeText(shape))" + (stats.isEmpty ? "" : ": " + stats.map { "\($0.name) \($0.value)" }.joined(separator: ", "))
    }

    /// `[a, b]` or a matrix with right-aligned columns, one row per line; a gap row (`[...]`) is written `...`.
    static func bracketed(_ rows: [[String]], matrix: Bool) -> String {
        let cellRows = rows.filter { $0 != [Display.gap] }
        let columns = cellRows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { c in cellRows.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0 }
        let lines = rows.map { row in
            row == [Display.gap] ? Display.gap : "[" + row.enumerated().map { c, cell in String(repeating: " ", count: max(widths[c] - cell.count, 0)) + cell }.joined(separator: ", ") + "]"
        }
        guard matrix else { return lines.first ?? "[]" }
        return "[" + lines.enumerated().map { i, l in (i == 0 ? "" : " ") + l }.joined(separator: ",\n") + "]"
    }
}

extension String {
    func replacingNewlines(indent: Int) -> String {
        split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { i, line in
            i == 0 ? String(line) : String(repeating: " ", count: indent) + line
        }.joined(separator: "\n")
    }

    var trimmingSpaces: String { String(drop { $0 == " " || $0 == "\t" }) }
}
