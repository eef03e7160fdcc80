import Foundation
import SiteCore

import SiteMath
import SiteNormalize

extension BuildStep {
    /// Recognises each note's export format and rebuilds its outline as clean Markdown.
    public static let normalizeNotes = BuildStep("normalise") { context in
        let forced = context.config.formats
        context.pages = context.pages.parallelMap { page in
            var page = page
            guard !page.reuse.parsed, !page.text.isEmpty || page.diagnostics.isEmpty else { return page }
            var declared: SourceFormat?
            if let name = page.frontMatter.format ?? forced[page.sourcePath] {
                declared = SourceFormat.named(name)
                if declared == nil {
                    let known = SourceFormat.allCases.map(\.rawValue).joined(separator: ", ")
                    page.diagnostics.append(.warning("unknown format '\(name)' (known: \(known)); detecting it instead",
                                                     code: "format-unknown",
                                                     at: page.frontMatter.valueLocations["format"] ?? SourceLocation(path: page.displayPath, line: 1, column: 1)))
                }
            }
            let input = NormalizerInput(
                text: page.body, path: page.displayPath, lineMap: page.bodyLineMap, declaredFormat: declared,
                frontMatterKeys: page.frontMatter.keys, frontMatterTitle: page.frontMatter.title)
            let normalized = Normalizer.normalize(input)
            page.diagnostics += normalized.diagnostics
            page.normalized = normalized
            return page
        }
    }

    /// Cuts every formula out of the Markdown (repairing what exports broke) so cmark-gfm cannot damage it.
    public static let protectMath = BuildStep("protect math") { context in
        let siteMacros = context.config.mathMacros
        let marksLost = context.config.mathMarksLost
        context.pages = context.pages.parallelMap { page in
            var page = page
            guard let normalized = page.normalized, !page.reuse.parsed else { return page }
            let macros = siteMacros.merging(page.frontMatter.macros) { _, pageValue in pageValue }
            let protected = MathProtector.protect(
                normalized.markdown, path: page.displayPath, lineMap: normalized.lineMap, macros: macros,
                fromExport: normalized.format != .markdown, marksLost: marksLost)
            page.diagnostics += protected.diagnostics
            page.protected = protected
            return page
        }
    }
}
