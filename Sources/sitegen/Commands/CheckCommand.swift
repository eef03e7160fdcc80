import ArgumentParser
import Foundation
import SiteBuild
import SiteCore

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run the build's checks without writing a site.",
        discussion: """
            Lists broken links, anchors and wikilinks, missing images, notes nothing links to, questions asked \
            in two notes, and topics of topics.yml that no note is on; the report's counts sum them up.
            """)

    @Option(help: "Folder of notes (.md, .markdown, .txt).") var notes: String?
    @Option(help: "Folder of Mustache templates and theme assets that override the built-in theme file by file.") var templates: String?
    @Option(help: "Write a JSON report (pages, diagnostics, counts, timings) to this file.") var report: String?
    @Option(help: "Settings file (default: sitegen.yml, which may be absent).") var config: String?
    @Flag(help: "Fail on warnings too.") var strict = false
    @Flag(name: .shortAndLong, help: "Print only errors and warnings.") var quiet = false
    @Flag(help: "Include notes marked draft: true.") var drafts = false

    func run() throws {
        let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        var (settings, configURL, configDiagnostics) = try BuildCommand.settings(config: config, root: root,
                                                                                 notes: notes, templates: templates)
        if drafts { settings.includeDrafts = true }
        var context = BuildContext(config: settings, root: root)
        context.configFile = configURL
        context.diagnostics += configDiagnostics
        let progress = ProgressLine(enabled: !quiet && isatty(STDERR_FILENO) != 0)
        let result = SiteBuilder.check(context) { index, count, step in progress.show("[\(index)/\(count)] \(step)…") }
        progress.clear()
        BuildCommand.printOutcome(result, quiet: quiet)
        try BuildCommand.writeReport(result, to: report, root: root)
        let counts = BuildReport(result).counts
        if !quiet {
            let line = "\(counts.brokenLinks) broken links, \(counts.missingImages) missing images, \(counts.orphanNotes) orphan notes, "
                + "\(counts.duplicateQuestions) duplicate questions, \(counts.topicsWithoutPages) topics without pages"
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
        if result.diagnostics.errorCount > 0 || (strict && result.diagnostics.warningCount > 0) { throw ExitCode(1) }
    }
}
