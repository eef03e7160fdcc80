/// Site settings from `sitegen.yml`; every field has a default so the file is optional.
public struct SiteConfig: Hashable, Sendable, Codable {
    public var title = "学习笔记"
    public var description = "深度学习面试笔记"
    /// The `lang` of every page.
    public var language = "zh-CN"
    public var author = ""
    /// Where the site is served, e.g. `https://example.github.io/notes/`; only its path matters for links.
    public var baseURL = ""
    /// The custom domain a host serves the site at (`notes.example.org`), written to `CNAME` (GitHub Pages).
    public var cname = ""
    /// The repository the notes live in, e.g. `https://github.com/me/notes`: pages link to their source's
    /// edit page (`<repoURL>/edit/<editBranch>/<editPath>/<note>`).
    public var repoURL = ""
    public var editBranch = "main"
    /// The notes folder's path inside the repository (`.` for its root); empty: the `notes` setting.
    public var editPath = ""
    public var notesDirectory = "notes"
    /// Templates and assets that override the built-in theme file by file.
    public var templatesDirectory = "templates"
    /// The templates folder was named (in `sitegen.yml` or with `--templates`), so it must exist; the default
    /// one may be absent, leaving the built-in theme alone.
    public var templatesDirectoryRequired = false
    public var outputDirectory = "public"
    /// Cached formula and example results, reused across builds.
    public var cacheDirectory = ".sitegen-cache"
    /// Let raw HTML in notes through (GFM tagfilter still applies) instead of omitting it.
    public var allowRawHTML = false
    /// Build notes marked `draft: true` too.
    public var includeDrafts = false
    /// TeX macros for every formula, e.g. `\R: \mathbb{R}`.
    public var mathMacros: [String: String] = [:]
    /// What a formula KaTeX cannot typeset is: a warning (`math: {errors: warn}`) or an error (`fail`).
    public var mathErrors = MathErrors.warn
    /// Show a marker (`公式缺失`) where an export dropped a formula (`math: {markLost:}`).
    public var mathMarksLost = true
    /// Section titles by folder (relative to the notes folder), in the order the sections are listed (`sections:`).
    public var sections: [SectionSetting] = []
    /// Forced source formats by note path relative to the notes folder, e.g. `old/export.txt: notion-toggle`.
    public var formats: [String: String] = [:]
    /// Seconds one ```` ```tensor ```` block may run before it is stopped with an error (`examples: timeout:`).
    public var exampleTimeout = SiteConfig.defaultExampleTimeout
    public static let defaultExampleTimeout = 5.0
    /// The topic registry, relative to the notes folder (`topics: {file:}`); it extends the built-in one.
    public var topicsFile = "topics.yml"
    /// Start from sitegen's deep-learning registry (`topics: {builtIn:}`); false: only the site's own topics.
    public var topicsBuiltIn = true
    /// Which mentions of a topic link to its page (`topics: {links:}`).
    public var topicLinks = TopicLinks.firstPerSection

    public init() {}

    /// One entry of `sections:`: a folder and the title its section shows.
    public struct SectionSetting: Hashable, Sendable, Codable {
        public var folder: String
        public var title: String

        public init(folder: String, title: String) {
            self.folder = folder
            self.title = title
        }
    }

    public enum MathErrors: String, Hashable, Sendable, Codable, CaseIterable {
        case warn, fail
    }

    public enum TopicLinks: String, Hashable, Sendable, Codable, CaseIterable {
        case off
        case firstPerSection = "first-per-section"
        case firstPerPage = "first-per-page"
    }

    /// `baseURL` ending in `/` when it is an absolute `http(s)://host/…` URL, else `nil`: what the sitemap,
    /// the feed and canonical links are built on (they need absolute URLs).
    public var siteURL: String? {
        guard let scheme = ["https://", "http://"].first(where: { baseURL.lowercased().hasPrefix($0) }),
              !baseURL.dropFirst(scheme.count).prefix(while: { $0 != "/" }).isEmpty,
              !baseURL.contains(where: { $0 == "?" || $0 == "#" || $0.isWhitespace })
        else { return nil }
        return baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
    }

    /// The path prefix of every URL: `/` or `/sub/path/`.
    public var basePath: String {
        var path = baseURL
        if let colon = path.firstIndex(of: ":"), path[colon...].hasPrefix("://") {
            let afterScheme = path[path.index(colon, offsetBy: 3)...]
            path = afterScheme.firstIndex(of: "/").map { String(afterScheme[$0...]) } ?? "/"
        }
        if !path.hasPrefix("/") { path = "/" + path }
        if !path.hasSuffix("/") { path += "/" }
        return path
    }
}
