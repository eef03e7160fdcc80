extension BuildStep {
    /// Once the templates are applied, no step reads a note's body again: the bodies (most of what a large
    /// site holds by then) are let go before the topic pages and the search index are made. (`sitegen
    /// serve` keeps them: its store and its page refresh reuse them.)
    public static let releaseBodies = BuildStep("release bodies") { context in
        guard context.artifacts == nil else { return }
        for i in context.pages.indices { context.pages[i].bodyHTML = "" }
        // The site model's list of notes holds the same pages.
        for i in context.builtSiteModel?.1.indices ?? 0..<0 { context.builtSiteModel?.1[i].bodyHTML = "" }
    }
}
