import SiteCore

extension BuildStep {
    /// Once the templates are applied, no step reads a note's body again: the bodies (most of what a large
    /// site holds by then) are let go, batch by batch, before the topic pages and the search index are made,
    /// and so are the line maps (every diagnostic of the note has been made, and located, by then) and the
    /// formulas (typeset by then; the report and the home page read only how many there were).
    /// (`sitegen serve` keeps them: its store and its page refresh reuse them.)
    public static let releaseBodies = BuildStep("release bodies", perBatch: true) { context in
        guard context.artifacts == nil else { return }
        // The site model's list of notes holds the same pages; its search documents are read by no step (the
        // search index takes the pages' own, one batch at a time, and lets them go).
        let positions = context.builtSiteModel == nil ? [] : context.siteModelPositions()
        for i in context.batchPages {
            context.pages[i].releaseBody()
            guard i < positions.count, let j = positions[i] else { continue }
            context.builtSiteModel?.1[j].releaseBody()
            context.builtSiteModel?.1[j].searchDocument = nil
        }
    }
}

extension Page {
    /// Lets go of what only the note's own page needed: its body, the maps from its derived texts back to its
    /// file (three of them, 16 bytes a line) and its formulas (their TeX, source and location), keeping their
    /// number.
    mutating func releaseBody() {
        bodyHTML = ""
        bodyLineMap = LineMap(origins: [])
        normalized?.lineMap = LineMap(origins: [])
        protected?.lineMap = LineMap(origins: [])
        guard protected != nil else { return }
        releasedFormulaCount = formulaCount
        protected?.spans = []
    }
}
