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
            page.normalize(forcedFormats: forced)
            return page
        }
    }

    /// Cuts every formula out of the Markdown (repairing what exports broke) so cmark-gfm cannot damage it.
    public static let protectMath = BuildStep("protect math") { context in
        let siteMacros = context.config.mathMacros
        let marksLost = context.config.mathMarksLost
        context.pages = context.pages.parallelMap { page in
            var page = page
            guard page.normalized != nil, !page.reuse.parsed else { return page }
            page.protectMath(siteMacros: siteMacros, marksLost: marksLost)
            return page
        }
    }
}

extension Page {
    /// Recognises the note's export format (`forcedFormats` by path: the `formats` setting) and rebuilds its outline.
    mutating func normalize(forcedFormats forced: [String: String]) {
        var declared: SourceFormat?
        if let name = frontMatter.format ?? forced[sourcePath] {
            declared = SourceFormat.named(name)
            if declared == nil {
                let known = SourceFormat.allCases.map(\.rawValue).joined(separator: ", ")
                diagnostics.append(.warning("unknown format '\(name)' (known: \(known)); detecting it instead",
                                            code: "format-unknown",
                                            at: frontMatter.valueLocations["format"] ?? SourceLocation(path: displayPath, line: 1, column: 1)))
            }
        }
        let input = NormalizerInput(
            text: body, path: displayPath, lineMap: bodyLineMap, declaredFormat: declared,
            frontMatterKeys: frontMatter.keys, frontMatterTitle: frontMatter.title)
        let normalized = Normalizer.normalize(input)
        diagnostics += normalized.diagnostics
        self.normalized = normalized
    }

    /// Cuts every formula out of the normalised Markdown (`siteMacros`: the site's math macros).
    mutating func protectMath(siteMacros: [String: String], marksLost: Bool) {
        guard let normalized else { return }
        let macros = siteMacros.merging(frontMatter.macros) { _, pageValue in pageValue }
        let protected = MathProtector.protect(
            normalized.markdown, path: displayPath, lineMap: normalized.lineMap, macros: macros,
            fromExport: normalized.format != .markdown, marksLost: marksLost)
        diagnostics += protected.diagnostics
        self.protected = protected
    }
}
