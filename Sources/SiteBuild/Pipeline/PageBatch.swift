/// Pages the per-batch steps (`BuildStep.runsPerBatch`: render, sanitise and typeset the body, let the tree
/// go, cache, apply the note template, let the body go) work on together, so that a large site holds one
/// batch of bodies instead of all of them, and lets the trees go batch by batch.
public struct PageBatch: Sendable, Equatable {
    /// Indices into `BuildContext.pages`.
    public var pages: [Int]
    public var isFirst: Bool
    public var isLast: Bool

    /// `pages`' indices in batches of `size` notes, in order; the index pages go with the first batch (the
    /// home and section pages show their bodies, and the site model reads them when the first batch makes it).
    static func batches(of pages: [Page], size: Int) -> [PageBatch] {
        let indexPages = pages.indices.filter { pages[$0].isIndex }
        let others = pages.indices.filter { !pages[$0].isIndex }
        var groups: [[Int]] = []
        var start = 0
        repeat {
            let end = min(start + max(size, 1), others.count)
            groups.append((groups.isEmpty ? indexPages : []) + others[start..<end])
            start = end
        } while start < others.count
        return groups.enumerated().map { PageBatch(pages: $1, isFirst: $0 == 0, isLast: $0 == groups.count - 1) }
    }
}

extension BuildContext {
    /// The pages a per-batch step works on now: the batch's, or every page.
    var batchPages: [Int] { batch?.pages ?? Array(pages.indices) }

    /// The last batch is running, or the steps run once over every page: what a per-batch step does once
    /// for the whole site (prune the note cache, render the home page) is done now.
    var isLastBatch: Bool { batch?.isLast ?? true }

    /// Replaces each page of the batch (`batchPages`) by `transform` of it, the pages in parallel.
    mutating func updateBatchPages(_ transform: @Sendable (Page) -> Page) {
        let indices = batchPages
        let updated: [Page]
        do {
            let pages = self.pages
            updated = indices.parallelMap { transform(pages[$0]) }
        }
        for (i, page) in zip(indices, updated) { pages[i] = page }
    }
}
