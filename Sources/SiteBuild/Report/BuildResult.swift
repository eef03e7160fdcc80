import Foundation
import SiteCore

/// What a build did: pages, diagnostics, time per step, and whether the output was replaced.
public struct BuildResult: Sendable {
    public struct Timing: Sendable, Codable, Hashable {
        public var step: String
        public var seconds: Double
    }

    public let context: BuildContext
    public var timings: [Timing]
    public var seconds: Double
    /// True when the new site replaced the output folder.
    public var committed: Bool
    /// True when the output folder was refused before anything was touched (`OutputSafety`): a usage error.
    public var refused: Bool
    /// True for `sitegen check`, which writes nothing.
    public var checked: Bool
    /// True when the build stopped before writing because newer edits wait (`BuildContext.isSuperseded`).
    public var superseded: Bool
    /// Every diagnostic of the build, by file and line (sorted once: a flood can hold 100,000).
    public let diagnostics: [Diagnostic]

    init(context: BuildContext, timings: [Timing], seconds: Double, committed: Bool, refused: Bool = false, checked: Bool = false,
         superseded: Bool = false) {
        self.context = context
        self.checked = checked
        self.superseded = superseded
        self.timings = timings
        self.seconds = seconds
        self.committed = committed
        self.refused = refused
        diagnostics = context.allDiagnostics
    }

    /// The pages of the site (those of the last build when the site was unchanged).
    public var pageCount: Int { context.unchangedSite?.pageCount ?? context.pages.count }

    /// `built 23 pages, 2 warnings, 0 errors in 0.41 s`; `23 pages unchanged, …` when nothing changed.
    public var summary: String {
        let d = diagnostics
        let verb = checked ? "checked \(pageCount) pages"
            : context.unchangedSite != nil && committed ? "\(pageCount) pages unchanged"
            : committed ? "built \(pageCount) pages"
            : refused ? "nothing built" : "build failed, \(context.outputURL.lastPathComponent)/ left as it was"
        let w = d.warningCount, e = d.errorCount
        return "\(verb), \(w) warning\(w == 1 ? "" : "s"), \(e) error\(e == 1 ? "" : "s") in \(String(format: "%.2f", seconds)) s"
    }
}

/// The `--report FILE` JSON; its schema is documented in the README ("Build report").
public struct BuildReport: Codable, Sendable {
    public struct PageEntry: Codable, Sendable {
        public var source: String
        public var output: String
        public var url: String
        public var title: String
        public var format: String
        public var questions: Int
        public var formulas: Int
        public var examples: Int
    }

    public struct DiagnosticEntry: Codable, Sendable {
        public var file: String?
        public var line: Int?
        public var column: Int?
        public var severity: String
        public var code: String
        public var message: String
    }

    public struct Counts: Codable, Sendable {
        public var pages: Int
        public var errors: Int
        public var warnings: Int
        public var notes: Int
        public var formulas: Int
        /// Formulas KaTeX typeset in this build, and those taken from the cache (both 0 in client-side mode).
        public var formulasRendered: Int
        public var formulasCached: Int
        /// Formulas shown as marked source because KaTeX could not typeset them (`math-katex-error`).
        public var formulasFailed: Int
        public var examples: Int
        /// Notes with raw HTML, whose pages went through the HTML parser (`docs/html.md`).
        public var rawHTMLPages: Int
        /// Topic pages written, links to them in the text, `[[wikilinks]]` and those that lead nowhere
        /// (docs/topics.md).
        public var topicPages: Int
        public var topicLinks: Int
        public var wikilinks: Int
        public var wikilinksUnresolved: Int
        /// Questions asked again in another note (`question-duplicate`).
        public var duplicateQuestions: Int
        /// Links, anchors and wikilinks that lead nowhere; images that do not exist.
        public var brokenLinks: Int
        public var missingImages: Int
        /// Only `sitegen check` counts these: notes nothing links to, and topics no note is on.
        public var orphanNotes: Int
        public var topicsWithoutPages: Int
        /// Code blocks highlighted by Prism at build time.
        public var codeBlocksHighlighted: Int
    }

    public var schemaVersion = 1
    public var sitegenVersion: String
    public var succeeded: Bool
    public var mathMode: String
    public var pages: [PageEntry]
    public var diagnostics: [DiagnosticEntry]
    public var counts: Counts
    public var timings: [BuildResult.Timing]
    public var totalSeconds: Double

    public init(_ result: BuildResult) {
        let context = result.context
        sitegenVersion = SiteBuild.sitegenVersion
        succeeded = result.committed || (result.checked && result.diagnostics.errorCount == 0)
        mathMode = context.mathMode.rawValue
        pages = context.unchangedSite?.reportPages ?? Self.pageEntries(of: context)
        let all = result.diagnostics
        diagnostics = all.map {
            DiagnosticEntry(file: $0.location?.path, line: $0.location?.line,
                            column: ($0.location?.column ?? 0) > 0 ? $0.location?.column : nil,
                            severity: $0.severity.rawValue, code: $0.code, message: $0.message)
        }
        counts = Counts(pages: pages.count, errors: all.errorCount, warnings: all.warningCount,
                        notes: all.count { $0.severity == .note },
                        formulas: context.counters["formulas"] ?? 0,
                        formulasRendered: context.counters["formulasRendered"] ?? 0,
                        formulasCached: context.counters["formulasCached"] ?? 0,
                        formulasFailed: context.counters["formulasFailed"] ?? 0,
                        examples: context.counters["examples"] ?? 0,
                        rawHTMLPages: context.counters["rawHTMLPages"] ?? 0,
                        topicPages: context.counters["topicPages"] ?? 0,
                        topicLinks: context.counters["topicLinks"] ?? 0,
                        wikilinks: context.counters["wikilinks"] ?? 0,
                        wikilinksUnresolved: context.counters["wikilinksUnresolved"] ?? 0,
                        duplicateQuestions: context.counters["duplicateQuestions"] ?? 0,
                        brokenLinks: all.count { ["link-broken", "anchor-missing", "wikilink-unresolved"].contains($0.code) },
                        missingImages: all.count { $0.code == "image-missing" },
                        orphanNotes: context.counters["orphanNotes"] ?? 0,
                        topicsWithoutPages: context.counters["topicsWithoutPages"] ?? 0,
                        codeBlocksHighlighted: context.counters["codeBlocksHighlighted"] ?? 0)
        timings = result.timings
        totalSeconds = result.seconds
    }

    /// The report's entry for each note page of `context`.
    static func pageEntries(of context: BuildContext) -> [PageEntry] {
        let output = context.displayPath(context.outputURL)
        return context.pages.filter(\.isNote).map { page in
            PageEntry(source: page.displayPath, output: "\(output)/\(page.outputPath)", url: page.url, title: page.title,
                      format: page.formatName, questions: page.questions.count,
                      formulas: page.formulaCount, examples: page.exampleCount)
        }
    }

    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
