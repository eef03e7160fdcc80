import SiteCore

// CSS classes written by this renderer (the theme styles them; nothing here depends on a stylesheet):
//
//   figure.tensor-example            one evaluated block; also .tensor-example-failed when it has errors.
//                                    Its children alternate: pre.tensor-source (source lines), then the
//                                    div.tensor-output / div.tensor-error of the statements those lines end.
//   pre.tensor-source > code         source lines
//   span.tensor-error-line           a source line with an error
//   mark.tensor-error-mark           the character an error points at
//   div.tensor-output                the value of one statement
//   span.tensor-name                 `x =` before the value of an assignment
//   span.tensor-check                ✓ after a value that met its `# =>` expectation
//   div.tensor-error                 an error message (role="alert")
//   table.tensor-value               a number, vector or matrix; also .tensor-scalar / .tensor-vector / .tensor-matrix
//   span.tensor-shape                the shape written after a tensor, e.g. [2, 3]
//   div.tensor-slices, div.tensor-slice, span.tensor-slice-label   a rank ≥ 3 tensor as labelled matrices
//   td.tensor-gap, tr.tensor-gap, div.tensor-slice.tensor-gap      `...` where a large tensor's items are left out
//   span.tensor-stats, span.tensor-stat, span.tensor-stat-name     after a summarised tensor: mean, std, min, max
//   table.tensor-table               a table with a header row (an optimiser trajectory)
//   dl.tensor-record                 named parts of a result (dt name, dd value)
//   code.tensor-text                 a function, string or other text value
//   svg.tensor-plot                  a plot, inside div.tensor-output
//   svg classes: tensor-plot-grid, tensor-plot-axis, tensor-plot-ticks, tensor-plot-label,
//                tensor-plot-series + tensor-plot-series-1…6 (stroke), tensor-plot-markers,
//                tensor-plot-legend, tensor-plot-legend-entry
//
// The HTML holds no file positions, so a cached rendering is valid wherever the block moves.

/// Renders an evaluated block as HTML: the source, and under each statement its value or error.
enum HTMLRenderer {
    static func render(_ result: BlockResult) -> String {
        var lines = result.sourceLines
        while let last = lines.last, last.allSatisfy({ $0 == " " || $0 == "\t" }), lines.count > 1 { lines.removeLast() }

        var outputsAfterLine: [Int: [String]] = [:]
        var errorColumnsByLine: [Int: [Int]] = [:]
        for outcome in result.outcomes {
            var parts: [String] = []
            if let display = outcome.display {
                var html = "<div class=\"tensor-output\">"
                if let name = outcome.name { html += "<span class=\"tensor-name\">\(name.htmlEscaped) =</span> " }
                html += render(display)
                if outcome.expectationMet == true { html += " <span class=\"tensor-check\" title=\"matches the expected value\">✓</span>" }
                html += "</div>"
                parts.append(html)
            }
            if let error = outcome.error { parts.append(errorHTML(error)) }
            let anchor = min(max(outcome.lastLine, outcome.error?.line ?? 0), max(lines.count, 1))
            outputsAfterLine[anchor, default: []] += parts
        }
        for error in result.syntaxErrors {
            outputsAfterLine[min(error.line, max(lines.count, 1)), default: []].append(errorHTML(error))
        }
        for error in result.errors { errorColumnsByLine[error.line, default: []].append(error.column) }

        var html = "<figure class=\"tensor-example\(result.errors.isEmpty ? "" : " tensor-example-failed")\">"
        var pending: [String] = []
        func flush(_ outputs: [String]) {
            if !pending.isEmpty {
                html += "<pre class=\"tensor-source\"><code>" + pending.joined(separator: "\n") + "</code></pre>"
            }
            html += outputs.joined()
            pending = []
        }
        for (i, line) in lines.enumerated() {
            let number = i + 1
            pending.append(sourceLineHTML(line, errorColumns: errorColumnsByLine[number] ?? []))
            if let outputs = outputsAfterLine[number], !outputs.isEmpty { flush(outputs) }
        }
        let late = outputsAfterLine.filter { $0.key > lines.count }.sorted { $0.key < $1.key }.flatMap(\.value)
        if !pending.isEmpty || !late.isEmpty { flush(late) }
        html += "</figure>"
        return html
    }

    static func sourceLineHTML(_ line: String, errorColumns: [Int]) -> String {
        guard !errorColumns.isEmpty else { return line.htmlEscaped }
        let chars = Array(line)
        let marked = Set(errorColumns.map { min(max($0, 1), chars.count + 1) - 1 })
        var out = "<span class=\"tensor-error-line\">"
        for (i, c) in chars.enumerated() {
            out += marked.contains(i) ? "<mark class=\"tensor-error-mark\">\(String(c).htmlEscaped)</mark>" : String(c).htmlEscaped
        }
        if marked.contains(chars.count) { out += "<mark class=\"tensor-error-mark\"> </mark>" }
        return out + "</span>"
    }

    static func errorHTML(_ error: BlockError) -> String {
        "<div class=\"tensor-error\" role=\"alert\">error: \(error.message.htmlEscaped)</div>"
    }

    static func render(_ display: Display) -> String {
        switch display {
        case .scalar(let text):
            return "<table class=\"tensor-value tensor-scalar\"><tr><td>\(text.htmlEscaped)</td></tr></table>"
        case .grid(let shape, let rows, let stats):
            let kind = shape.count == 1 ? "tensor-vector" : "tensor-matrix"
            return "<table class=\"tensor-value \(kind)\">" + rowsHTML(rows) + "</table> " + shapeHTML(shape, stats)
        case .slices(let shape, let slices, let stats):
            var html = "<div class=\"tensor-slices\">"
            for slice in slices {
                if slice.label == Display.gap {
                    html += "<div class=\"tensor-slice tensor-gap\">\(Display.gap)</div>"
                } else {
                    html += "<div class=\"tensor-slice\"><span class=\"tensor-slice-label\">\(slice.label.htmlEscaped)</span><table class=\"tensor-value tensor-matrix\">" + rowsHTML(slice.rows) + "</table></div>"
                }
            }
            return html + "</div> " + shapeHTML(shape, stats)
        case .table(let columns, let rows):
            var html = "<table class=\"tensor-table\"><thead><tr>"
            for c in columns { html += "<th>\(c.htmlEscaped)</th>" }
            html += "</tr></thead><tbody>"
            html += rowsHTML(rows)
            return html + "</tbody></table>"
        case .record(let fields):
            var html = "<dl class=\"tensor-record\">"
            for field in fields { html += "<dt>\(field.name.htmlEscaped)</dt><dd>\(render(field.value))</dd>" }
            return html + "</dl>"
        case .text(let text):
            return "<code class=\"tensor-text\">\(text.htmlEscaped)</code>"
        case .plot(let svg, _):
            return svg
        }
    }

    /// The shape, then the statistics of a summarised tensor.
    private static func shapeHTML(_ shape: [Int], _ stats: [Display.Stat]) -> String {
        var html = "<span class=\"tensor-shape\">\(Display.shapeText(shape))</span>"
        guard !stats.isEmpty else { return html }
        html += " <span class=\"tensor-stats\">"
        for stat in stats {
            html += " <span class=\"tensor-stat\"><span class=\"tensor-stat-name\">\(stat.name.htmlEscaped)</span> \(stat.value.htmlEscaped)</span>"
        }
        return html + "</span>"
    }

    /// Table rows; a `Display.gap` cell, or a row that is only a gap, marks items left out.
    private static func rowsHTML(_ rows: [[String]]) -> String {
        let columns = rows.map(\.count).max() ?? 1
        return rows.map { row in
            if row == [Display.gap] { return "<tr class=\"tensor-gap\"><td colspan=\"\(columns)\">\(Display.gap)</td></tr>" }
            return "<tr>" + row.map { $0 == Display.gap ? "<td class=\"tensor-gap\">\($0)</td>" : "<td>\($0.htmlEscaped)</td>" }.joined() + "</tr>"
        }.joined()
    }
}
