import Foundation
import SiteCore
import SiteHTML

extension BuildStep {
    /// Passes the raw HTML of notes through the allow-list of `HTMLPolicy.notes` (as written with
    /// `rawHTML: true`), in pages that have any: images and links in it are checked and rewritten like
    /// Markdown ones, and what was removed is one `html-removed` warning per note. See docs/html.md.
    public static let sanitizeHTML = BuildStep("sanitise HTML", perBatch: true) { context in
        if context.batch?.isFirst ?? true { context.counters["rawHTMLPages"] = 0 }
        let withRawHTML = context.batchPages.count { context.pages[$0].htmlSanitizer != nil }
        guard withRawHTML > 0 else { return }
        let links = context.linkTable ?? LinkTable(context)
        context.updateBatchPages { page in
            guard let sanitizer = page.htmlSanitizer else { return page }
            var page = page
            page.sanitizeHTML(with: sanitizer, links: links)
            return page
        }
        context.counters["rawHTMLPages", default: 0] += withRawHTML
    }
}

extension Page {
    mutating func sanitizeHTML(with sanitizer: HTMLSanitizer, links: LinkTable) {
        let page = self
        let spans = protected?.spans ?? []
        var lines: [Substring]?
        /// The location of `needle` (else of `fallback`) on a line of the parsed text.
        func location(line: Int?, of needle: String, or fallback: String) -> SourceLocation {
            guard let line else { return page.location(line: 1, column: 1) }
            if lines == nil { lines = page.protected?.text.sourceLines ?? [] }
            let text = lines.map { $0.indices.contains(line - 1) ? $0[line - 1] : "" } ?? ""
            let found = text.range(of: needle, options: .caseInsensitive) ?? text.range(of: fallback, options: .caseInsensitive)
            return page.location(line: line, column: found.map { text.distance(from: text.startIndex, to: $0.lowerBound) + 1 } ?? 1)
        }

        var warnings: [Diagnostic] = []
        let result = sanitizer.sanitize(bodyHTML) { attribute in
            // A formula in an attribute stays the text the author wrote.
            let value = attribute.value.replacingMathPlaceholders { spans.indices.contains($0) ? spans[$0].original : "" }
            let isImage = attribute.element == "img" && attribute.name == "src"
            guard isImage || (attribute.element == "a" && attribute.name == "href") else { return value }
            let resolved = links.resolve(value, from: page, isImage: isImage)
            if let problem = resolved.problem {
                warnings.append(.warning(problem.message, code: problem.code,
                                         at: location(line: attribute.line, of: attribute.value, or: "<" + attribute.element)))
            }
            return resolved.url ?? value
        }
        bodyHTML = ExamplePlaceholder.substitute(in: result.html) { codeBlockHTML(line: $0) }
        diagnostics += warnings
        if let first = result.removals.first {
            diagnostics.append(.warning(
                HTMLRemoval.summary(result.removals) + " in the note's HTML (pages keep only safe HTML; "
                    + "`rawHTML: true` in sitegen.yml keeps all of it, for notes you trust)",
                code: "html-removed", at: location(line: first.line, of: "<" + first.element, or: first.name)))
        }
    }
}

/// The token that stands for an evaluated example or highlighted code (by its block's start line) while a
/// page with raw HTML is sanitised: U+E002, the line, U+E003 (private-use characters, as `MathPlaceholder`).
enum ExamplePlaceholder {
    static func make(_ line: Int) -> String {
        "\u{E002}\(line)\u{E003}"
    }

    /// `html` with each token replaced by `output(line)`; tokens without an output are left as they are.
    static func substitute(in html: String, output: (Int) -> String?) -> String {
        guard html.unicodeScalars.contains("\u{E002}") else { return html }
        var out = ""
        var rest = html[...]
        while let open = rest.firstIndex(of: "\u{E002}") {
            out += rest[..<open]
            let afterOpen = rest.index(after: open)
            if let close = rest[afterOpen...].firstIndex(of: "\u{E003}"), let line = Int(rest[afterOpen..<close]),
               let replacement = output(line)
            {
                out += replacement
                rest = rest[rest.index(after: close)...]
            } else {
                out.append("\u{E002}")
                rest = rest[afterOpen...]
            }
        }
        out += rest
        return out
    }
}
