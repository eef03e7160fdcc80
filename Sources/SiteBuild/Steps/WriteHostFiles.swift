import Foundation
import SiteCore
import SiteSearch

extension BuildStep {
    /// Writes `robots.txt`, `CNAME` when `cname` is set and, when `baseURL` is an absolute URL, `sitemap.xml`
    /// of every page and `feed.xml` of the newest notes with a `date` (see `HostFiles`). A `robots.txt` beside
    /// the notes is published instead of the generated one.
    public static let writeHostFiles = BuildStep("host files") { context in
        if !context.assets.contains("robots.txt") {
            context.outputFiles["robots.txt"] = HostFiles.robots(siteURL: context.config.siteURL)
        }
        let cname = context.config.cname.trimmingCharacters(in: .whitespaces)
        if !cname.isEmpty { context.outputFiles["CNAME"] = Data((cname + "\n").utf8) }
        // Without an absolute baseURL there are no absolute URLs to list; `sitegen publish` warns about it.
        guard let siteURL = context.config.siteURL else { return }
        let notes = context.pages.filter { $0.isNote && !$0.isIndex }
        var dates: [String: String] = [:]
        for page in notes { dates[page.outputPath] = page.frontMatter.date }
        context.outputFiles["sitemap.xml"] = HostFiles.sitemap(siteURL: siteURL, outputPaths: Array(context.outputFiles.keys) + context.streamedFiles, dates: dates)

        let newest = notes.filter { $0.frontMatter.date != nil }.sorted { a, b in
            let (da, db) = (a.frontMatter.date ?? "", b.frontMatter.date ?? "")
            return da != db ? da > db : a.title < b.title
        }.prefix(HostFiles.feedLimit)
        let base = context.config.basePath
        let entries = newest.map { page in
            let sections = (page.searchDocument ?? page.cachedNote?.search ?? SearchDocument(page: page, basePath: base)).sections
            let text = sections.map { [$0.heading, $0.text].filter { !$0.isEmpty }.joined(separator: " ") }.joined(separator: " ")
            return HostFiles.FeedEntry(title: page.title, outputPath: page.outputPath, date: page.frontMatter.date ?? "",
                                       tags: page.frontMatter.tags, summary: HostFiles.summary(text))
        }
        context.outputFiles["feed.xml"] = HostFiles.atomFeed(siteURL: siteURL, config: context.config, entries: entries)
    }
}
