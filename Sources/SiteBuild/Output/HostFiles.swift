import Foundation
import SiteCore

/// What static hosts and crawlers look for at the root of a site: `sitemap.xml`, `robots.txt` and an Atom
/// feed. The sitemap and the feed need absolute URLs, so they are written only when `baseURL` is one
/// (`SiteConfig.siteURL`).
public enum HostFiles {
    /// The files the host-files step may write, none of which a page shows.
    public static let names: Set = ["sitemap.xml", "robots.txt", "feed.xml", "CNAME"]

    /// The feed lists at most this many notes, the newest first.
    static let feedLimit = 50

    /// The absolute URL of the page written at `outputPath`: `https://x.org/notes/` and
    /// `基础/激活函数/index.html` give `https://x.org/notes/%E5%9F%BA%E7%A1%80/…/`.
    static func absoluteURL(siteURL: String, outputPath: String) -> String {
        let folder = outputPath.hasSuffix("index.html") ? String(outputPath.dropLast("index.html".count)) : outputPath
        return (siteURL + folder).urlEscaped
    }

    /// `sitemap.xml` (sitemaps.org 0.9) listing every page (`…/index.html`) in `outputPaths`, the home page
    /// first; `dates` (`YYYY-MM-DD` by output path) become `<lastmod>`.
    static func sitemap(siteURL: String, outputPaths: [String], dates: [String: String]) -> Data {
        let pages = outputPaths.filter { $0 == "index.html" || $0.hasSuffix("/index.html") }
            .sorted { a, b in a == "index.html" || (b != "index.html" && a < b) }
        var xml = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        xml += #"<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">"# + "\n"
        for path in pages {
            xml += "<url><loc>\(absoluteURL(siteURL: siteURL, outputPath: path).htmlEscaped)</loc>"
            if let date = dates[path] { xml += "<lastmod>\(date.htmlEscaped)</lastmod>" }
            xml += "</url>\n"
        }
        xml += "</urlset>\n"
        return Data(xml.utf8)
    }

    /// `robots.txt` allowing every crawler, naming the sitemap when there is one.
    static func robots(siteURL: String?) -> Data {
        var text = "User-agent: *\nAllow: /\n"
        if let siteURL { text += "\nSitemap: \((siteURL + "sitemap.xml").urlEscaped)\n" }
        return Data(text.utf8)
    }

    /// One note of the feed.
    struct FeedEntry {
        var title: String
        var outputPath: String
        /// `YYYY-MM-DD`.
        var date: String
        var tags: [String]
        var summary: String
    }

    /// `feed.xml` (Atom, RFC 4287) of `entries` in the order given; `nil` when there are none (a feed
    /// needs a date of its own, taken from its newest entry). Titles and summaries are plain text.
    static func atomFeed(siteURL: String, config: SiteConfig, entries: [FeedEntry]) -> Data? {
        guard let newest = entries.map(\.date).max() else { return nil }
        func text(_ s: String) -> String { xmlText(s) }
        func time(_ date: String) -> String { date + "T00:00:00Z" }
        let home = absoluteURL(siteURL: siteURL, outputPath: "")
        var xml = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        xml += #"<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\#(text(config.language))">"# + "\n"
        xml += "<title>\(text(config.title))</title>\n"
        if !config.description.isEmpty { xml += "<subtitle>\(text(config.description))</subtitle>\n" }
        xml += "<id>\(text(home))</id>\n"
        xml += #"<link rel="alternate" type="text/html" href="\#(text(home))"/>"# + "\n"
        xml += #"<link rel="self" type="application/atom+xml" href="\#(text(absoluteURL(siteURL: siteURL, outputPath: "feed.xml")))"/>"# + "\n"
        xml += "<updated>\(time(newest))</updated>\n"
        xml += "<author><name>\(text(config.author.isEmpty ? config.title : config.author))</name></author>\n"
        xml += #"<generator version="\#(sitegenVersion)">sitegen</generator>"# + "\n"
        for entry in entries {
            let url = text(absoluteURL(siteURL: siteURL, outputPath: entry.outputPath))
            xml += "<entry>\n"
            xml += "<title>\(text(entry.title))</title>\n"
            xml += #"<link rel="alternate" type="text/html" href="\#(url)"/>"# + "\n"
            xml += "<id>\(url)</id>\n"
            xml += "<updated>\(time(entry.date))</updated>\n"
            for tag in entry.tags { xml += #"<category term="\#(text(tag))"/>"# + "\n" }
            if !entry.summary.isEmpty { xml += "<summary>\(text(entry.summary))</summary>\n" }
            xml += "</entry>\n"
        }
        xml += "</feed>\n"
        return Data(xml.utf8)
    }

    /// `text` escaped for XML, without the control characters XML 1.0 does not allow (messy exports hold
    /// some), which would make the whole file unreadable.
    static func xmlText(_ text: String) -> String {
        var clean = text
        clean.unicodeScalars.removeAll { s in
            (s.value < 0x20 && s != "\t" && s != "\n" && s != "\r") || s.value == 0xFFFE || s.value == 0xFFFF
        }
        return clean.htmlEscaped
    }

    /// The first `limit` characters of `text`, cut after a whole word where there is one near, with `…`.
    static func summary(_ text: String, limit: Int = 160) -> String {
        guard text.count > limit else { return text }
        var cut = text.prefix(limit)
        if let space = cut.lastIndex(of: " "), cut.distance(from: cut.startIndex, to: space) > limit * 3 / 4 {
            cut = cut[..<space]
        }
        return cut + "…"
    }
}
