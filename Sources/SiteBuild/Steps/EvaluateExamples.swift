import SiteCore
import SiteMarkdown
import TensorScript

extension BuildStep {
    /// Runs every ```` ```tensor ```` block with the embedded kernel (cached by block source and kernel version).
    public static let evaluateExamples = BuildStep("evaluate examples", perBatch: true) { context in
        let cache = context.examples
        context.updateBatchPages { page in
            guard !page.reuse.parsed else { return page }
            var page = page
            let blocks = page.document.collect {
                if case .codeBlock(let info, _, _) = $0.kind { info.split(separator: " ").first == "tensor" } else { false }
            }
            for block in blocks {
                guard case .codeBlock(_, let source, _) = block.kind, let range = block.range else { continue }
                let first = page.location(line: range.startLine + 1, column: range.startColumn)
                let output = cache.output(for: source, path: page.displayPath, firstLine: first.line, column: first.column)
                page.examples[range.startLine] = output
                page.diagnostics += output.diagnostics
            }
            return page
        }
        guard context.isLastBatch else { return }
        context.counters["examples"] = context.pages.reduce(0) { $0 + $1.exampleCount }
    }
}
