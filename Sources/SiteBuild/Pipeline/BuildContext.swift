import Foundation
import SiteCore
import SiteHTML
import SiteMarkdown
import SiteMath
import SiteNormalize
import SiteRender
import SiteSearch
import SiteTopics
import TensorScript

/// Everything a build knows, handed from step to step.
public struct BuildContext: Sendable {
    public var config: SiteConfig
    /// The project folder; relative settings and diagnostic paths are relative to it.
    public var root: URL
    /// The settings file the config came from (present or not); its folder is never replaced by the output.
    public var configFile: URL?
    public var notesURL: URL
    public var templatesURL: URL
    public var outputURL: URL
    /// Where this build writes; swapped into `outputURL` only if the build succeeds.
    public var stagingURL: URL
    public var fileSystem: FileSystem
    public var pages: [Page] = []
    /// Files under the notes folder that are not notes (images, PDFs), relative paths.
    public var assets: [String] = []
    /// Navigation files under the notes folder (`_sidebar.md`, `SUMMARY.md`), relative paths; not pages.
    public var navigationFiles: [String] = []
    /// The URL path of each section (by its folder relative to the notes folder), unique across the site:
    /// `基础` → `基础`; its index page is `<path>/index.html`.
    public var sectionPaths: [String: String] = [:]
    /// Section titles the navigation files give, by folder (`""` for the root).
    public var sectionTitles: [String: String] = [:]
    /// Where the navigation files list each section, by folder (`""` for the root): listed ones come first.
    public var sectionRanks: [String: Int] = [:]
    /// The built-in theme with the templates folder's overrides.
    public var theme = Theme.builtIn
    /// Where each theme asset is written, by its path in the theme: `assets/style.css` →
    /// `assets/style.3f2a9c1b2d.css` (see `AssetNames`).
    public var assetPaths: [String: String] = [:]
    public var templates: TemplateSet?
    public var math: (any MathRendering)?
    public var mathMode: MathRenderingMode = .clientSide
    public var examples: ExampleCache
    /// Notes parsed and rendered by earlier builds of this process (`sitegen serve`); nil: none kept.
    public var artifacts: NoteArtifactStore?
    /// Read unchanged notes from and write built ones to `.sitegen-cache/notes/` (`NoteCache`); ignored
    /// when `artifacts` is set.
    public var usesNoteCache = true
    /// The note cache of this build (set by `readNoteCache`).
    public internal(set) var noteCache: NoteCache?
    /// What earlier builds of this process wrote (`sitegen serve`); nil: every build is staged and written whole.
    public var outputLedger: OutputLedger?
    /// This build updates the output folder in place (set by `SiteBuilder` from `outputLedger`).
    public internal(set) var writesInPlace = false
    /// Asked between the steps of a build in place: true stops it before it writes (newer edits wait).
    public var isSuperseded: (@Sendable () -> Bool)?
    public var diagnostics: [Diagnostic] = []
    /// Rendered files by path relative to the output folder.
    public var outputFiles: [String: Data] = [:]
    /// Note pages are written into the staging folder as they are rendered instead of being kept in
    /// `outputFiles`, so a build holds no more than a few pages at a time (set by `SiteBuilder` for a
    /// staged build without an output ledger).
    public internal(set) var streamsPages = false
    /// The pages already written into the staging folder (`streamsPages`), by path relative to the output folder.
    public internal(set) var streamedFiles: Set<String> = []
    public var counters: [String: Int] = [:]
    /// The pages the per-batch steps (`BuildStep.runsPerBatch`) work on in this round; nil: every page.
    public internal(set) var batch: PageBatch?
    /// The site's topics: the built-in registry with the notes folder's `topics.yml`.
    public var topics = TopicRegistry.empty
    /// The joins over the notes' topics and links; `nil` before the topics step.
    public var topicIndex: TopicIndex?
    /// The hash of everything this build reads (`SiteManifest`); nil when it keeps no manifest.
    var siteInputs: String?
    /// Set when the inputs and the output folder are as the last build left them: the build stops there.
    public internal(set) var unchangedSite: UnchangedSite?
    /// Each note's last-commit day (`commitDays()`), once asked.
    var lastCommitDays: [String: String]?
    /// Where every note and asset lives, made by the topics step for it and the rendering steps (the notes'
    /// URLs and heading ids do not change after it); `nil` before it.
    var linkTable: LinkTable?
    /// `linkTable`'s hash, once the rendering step has made it (with an artifact store).
    var linkTableHash: Int?
    /// `siteModel()` once made.
    var builtSiteModel: (SiteModel, [Page])?
    /// With an artifact store (`sitegen serve`), what the topics step resolved wikilinks and topic links
    /// against, for `PageRefresh`: the wikilink table and each topic's page URL (nil: the topic has none).
    var topicLinkTargets: (wikilinks: WikilinkTable, topicURLs: [String?])?
    /// What `linkTrees` links the notes' trees with, made by the topics step's joins.
    var topicLinking: TopicLinking?
    /// The pages are some edited notes alone (`PageRefresh`): steps must not forget the other notes' artifacts.
    var refreshesEditedNotes = false

    public init(config: SiteConfig, root: URL, fileSystem: FileSystem = .disk) {
        self.config = config
        self.root = root
        self.fileSystem = fileSystem
        notesURL = Self.resolve(config.notesDirectory, against: root)
        templatesURL = Self.resolve(config.templatesDirectory, against: root)
        outputURL = Self.resolve(config.outputDirectory, against: root)
        stagingURL = StagedOutput.stagingURL(for: outputURL)
        let cache = Self.resolve(config.cacheDirectory, against: root)
        examples = ExampleCache(directory: cache.appendingPathComponent("examples"), timeLimit: .seconds(config.exampleTimeout),
                                language: config.language)
    }

    /// `path` as a file URL, relative to `root` unless absolute.
    public static func resolve(_ path: String, against root: URL) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path).standardizedFileURL
            : root.appendingPathComponent(path).standardizedFileURL
    }

    /// The build writes a file at `path` (relative to the output folder).
    func produces(_ path: String) -> Bool {
        outputFiles[path] != nil || streamedFiles.contains(path)
    }

    /// How a path is shown in diagnostics: relative to the project folder when inside it.
    public func displayPath(_ url: URL) -> String {
        let rootPath = root.standardizedFileURL.path
        let path = url.standardizedFileURL.path
        if path.hasPrefix(rootPath + "/") { return String(path.dropFirst(rootPath.count + 1)) }
        return path
    }
}

/// One note on its way to a page.
public struct Page: Sendable {
    /// Path relative to the notes folder, `/`-separated, e.g. `formats/notion.md`.
    public var sourcePath: String
    /// Path shown in diagnostics, e.g. `notes/formats/notion.md`.
    public var displayPath: String
    public var text: String
    public var frontMatter = FrontMatter()
    public var body = ""
    public var bodyLineMap = LineMap(origins: [])
    public var slug = ""
    /// The folder the note lives in, `nil` at the root of the notes folder.
    public var section: String?
    /// The folder's index page (`README.md`, `_index.md`, `index.md`): the section page shows it above the
    /// folder's notes, the home page shows the root's; it is no note page of its own.
    public var isIndex = false
    /// The title a navigation file (`_sidebar.md`, `SUMMARY.md`) gives the note.
    public var navigationTitle: String?
    /// Absolute URL path including the base path, e.g. `/sub/formats/notion/`.
    public var url = ""
    /// Output file relative to the output folder, e.g. `formats/notion/index.html`.
    public var outputPath = ""
    public var title = ""
    public var normalized: NormalizedNote?
    public var protected: ProtectedMarkdown?
    public var document = MarkdownNode(.document)
    public var headingIDs: [String] = []
    public var toc: [TOCEntry] = []
    public var questions: [QuestionEntry] = []
    /// The first paragraph as plain text, for `<meta name="description">` (see `Page.description(of:spans:)`).
    public var description = ""
    /// Ids of the headings that fold like questions but ask nothing (Notion toggles such as `优点`).
    public var topicIDs: Set<String> = []
    /// The content shows its own `<h1>`: it begins with one, or one further down is the title (after a
    /// badge line, say). The template should not repeat the title.
    public var contentShowsTitle = false
    /// The leading `# Title` was taken out of the content to become the page title.
    public var liftedTitleHeading = false
    /// Evaluated `tensor` blocks by the block's start line in the parsed text.
    public var examples: [Int: ExampleOutput] = [:]
    /// Code blocks highlighted at build time (`<pre><code class="language-…">` with Prism's tokens), by the
    /// block's start line in the parsed text.
    public var highlightedCode: [Int: String] = [:]
    public var bodyHTML = ""
    /// The sanitiser whose marks surround the note's raw HTML in `bodyHTML`; `nil` when it has none.
    public var htmlSanitizer: HTMLSanitizer?
    public var diagnostics: [Diagnostic] = []
    /// A navigation file (`_sidebar.md`, `SUMMARY.md`) lists the note.
    public var listedInNavigation = false
    /// The note's sections and the topics and links in them (see `NoteTopics`).
    public var topicSummary: NoteTopics?
    /// The topics the note is on, most sections first.
    public var topicsOn: [PageLink] = []
    /// The places that link to this page (links and wikilinks, not topic links).
    public var backlinks: [PageLink] = []
    /// Other notes' questions on the same topics, by the start line of this note's question heading.
    public var alsoAnswered: [Int: [PageLink]] = [:]
    /// What came from `BuildContext.artifacts` instead of being made again.
    public var reuse = ArtifactReuse()
    /// The note's entry in the note cache, when its summary and body came from there.
    var cachedNote: CachedNote?
    /// The note's name in the note cache (`NoteCache.key`); empty without a cache.
    var cacheKey = ""
    /// The note's Markdown links and images as parsed (before topic links are added).
    var sourceLinks: [CachedNote.Link] = []
    /// The hash of what the note's links, wikilinks and topic links resolve to in this build.
    var siteInputs = ""
    /// The page's search document, once `finishParsedNotes` has made it from the tree (the note cache keeps it too).
    var searchDocument: SearchDocument?
    /// The tree was let go once the note's topics were summarised (a build in batches): `linkTrees` parses
    /// the note again.
    var parsesAgain = false
    /// How many formulas `protected` held before `releaseBodies` let them go (`formulaCount` reads it then).
    var releasedFormulaCount: Int?
    /// The topic names `summarizeTopics` found in the tree's texts, for `linkTrees` (kept as fingerprints of
    /// the texts, so it outlives a tree that was let go).
    var topicMemo: TopicMatcher.Memo?

    public init(sourcePath: String, displayPath: String, text: String) {
        self.sourcePath = sourcePath
        self.displayPath = displayPath
        self.text = text
    }

    /// What stands for the code block starting at `line`: its example's output, else its highlighted code.
    func codeBlockHTML(line: Int) -> String? {
        examples[line]?.html ?? highlightedCode[line]
    }

    /// The page's location for a line of the parsed (protected) text.
    func location(line: Int, column: Int) -> SourceLocation {
        let map = protected?.lineMap ?? normalized?.lineMap ?? bodyLineMap
        return map.location(path: displayPath, line: line, column: column)
    }
}

/// A link to a page or a section of one, as templates show it.
public struct PageLink: Hashable, Sendable {
    public var title: String
    /// Absolute URL path with the anchor, e.g. `/基础/激活函数/#sigmoid`.
    public var url: String
    /// The section's heading, or the note's title for another note's question.
    public var detail: String = ""
}

public struct TOCEntry: Hashable, Sendable, Codable {
    public var id: String
    /// Plain text, formulas as `√d_k`.
    public var text: String
    /// The heading's text as HTML with its formulas typeset (after `renderMath`; placeholders before).
    public var html: String
    public var level: Int
    public var depth: Int
}

public struct QuestionEntry: Hashable, Sendable, Codable {
    public var id: String
    public var title: String
    /// The heading's text as HTML with its formulas typeset (after `renderMath`; placeholders before).
    public var html: String
    /// `Q3` (counted, or the number the source gave it), `追问 1` for a follow-up.
    public var label: String
    public var sourceLine: Int
    public var followUps: [QuestionEntry]
}
