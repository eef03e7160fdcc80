import SiteMarkdown
import SiteSearch

extension BuildStep {
    /// Once its body is rendered and sanitised, a parsed note's tree, texts and highlighted code have served
    /// their purpose: its search document is made from the tree now (formulas show in it as `⋯`, typeset or
    /// not), and they are let go before the formulas are typeset, so that a large site does not hold every
    /// tree while it holds every typeset body. (`sitegen serve` keeps them: its store reuses them.)
    public static let finishParsedNotes = BuildStep("finish notes", perBatch: true) { context in
        guard context.artifacts == nil else { return }
        let base = context.config.basePath
        context.updateBatchPages { page in
            guard page.protected != nil, page.cachedNote == nil else { return page }
            var page = page
            page.searchDocument = SearchDocument(page: page, basePath: base)
            page.document = MarkdownNode(.document)
            // Already let go at parse, except for a cached note parsed again by `checkCachedNotes`.
            page.releaseSourceTexts()
            page.protected?.text = ""
            page.highlightedCode = [:]
            return page
        }
    }
}
