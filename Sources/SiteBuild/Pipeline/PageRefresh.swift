import Foundation
import SiteCore

/// What `sitegen serve` does first when notes are saved: each edited note's own page is made again from
/// its new text against the rest of the site as the last complete build left it, and written in place.
/// A build of the whole site follows at once and brings the rest up to date (section lists, topic pages,
/// backlinks, the search index); it reuses what the refresh made. See docs/incremental.md.
public enum PageRefresh {
    /// The per-note steps, run over the edited notes alone.
    public static let steps: [BuildStep] = [
        .reuseParsedNotes, .normalizeNotes, .protectMath, .parseMarkdown, .linkEditedNotes, .evaluateExamples,
        .highlightCode, .renderBodies, .sanitizeHTML, .renderMath,
    ]

    public struct Result: Sendable {
        /// The notes refreshed, by path relative to the notes folder.
        public var notes: [String]
        /// The pages written (relative to the output folder): those whose bytes changed.
        public var written: [String]
        public var timings: [BuildResult.Timing]
        public var seconds: Double
    }

    /// Refreshes the pages of the notes at `paths` (absolute file paths). `last` is the context a complete
    /// build with an artifact store and an output ledger ended with. Nil when that is not all that changed
    /// (another file, a new, removed or index note, front matter), or when a refreshed note has a problem
    /// that fails a build (errors; warnings under `strict`): then only a whole build can answer.
    public static func refresh(_ paths: Set<String>, after last: BuildContext, strict: Bool) -> Result? {
        let start = DispatchTime.now()
        guard !paths.isEmpty, let store = last.artifacts, let ledger = last.outputLedger, ledger.describes(last.outputURL),
              let (model, notes) = last.builtSiteModel, let templates = last.templates, last.topicLinkTargets != nil
        else { return nil }
        let prefix = last.notesURL.path + "/"
        var edited: [(position: Int, page: Page)] = []
        for path in paths.sorted() {
            guard path.hasPrefix(prefix) else { return nil }
            let relative = String(path.dropFirst(prefix.count))
            guard NotesLayout.role(of: relative) == .note, let position = notes.firstIndex(where: { $0.sourcePath == relative }),
                  let page = reread(notes[position], at: URL(fileURLWithPath: path), in: last)
            else { return nil }
            if page.text != notes[position].text { edited.append((position, page)) }
        }

        var context = last
        context.pages = edited.map(\.page)
        context.diagnostics = []
        context.outputFiles = [:]
        context.counters = [:]
        context.refreshesEditedNotes = true
        var timings: [BuildResult.Timing] = []
        for step in steps {
            let stepStart = DispatchTime.now()
            do { try step.run(&context) } catch { return nil }
            timings.append(.init(step: step.name, seconds: SiteBuilder.seconds(since: stepStart)))
        }
        let diagnostics = context.allDiagnostics
        guard diagnostics.errorCount == 0, !(strict && diagnostics.warningCount > 0) else { return nil }
        store.rememberParsed(context.pages)
        store.rememberBodies(context.pages)

        let templatesStart = DispatchTime.now()
        let renderer = PageRenderer(templates: templates, context: context)
        // Each page in its place among the last build's notes (which are not copied: a `Page` is large).
        let files: [(path: String, data: Data)] = zip(edited, context.pages).map { edited, page in
            let rendered = renderer.render("note", page.outputPath, inputs: {
                model.noteInputs(notes, at: edited.position, page: page, bodyKey: TemplateInputs.key(of: page.bodyHTML), into: &$0)
            }) { model.noteValue(notes, at: edited.position, page: page) }
            return (page.outputPath, rendered.data)
        }
        timings.append(.init(step: "apply templates", seconds: SiteBuilder.seconds(since: templatesStart)))

        // A build of this process may be running (one whose edits are not the newest; it will not write
        // after this): it holds the output lock, so no other process writes; else take that lock.
        let writeStart = DispatchTime.now()
        ledger.writeLock.lock()
        defer { ledger.writeLock.unlock() }
        var lock: OutputLock?
        if !ledger.buildHoldsOutputLock {
            guard let acquired = try? OutputLock.acquire(for: last.outputURL, waiting: 0) else { return nil }
            lock = acquired
        }
        defer { lock?.release() }
        guard let written = try? ledger.replaceFiles(files, in: last.outputURL, fileSystem: last.fileSystem) else {
            ledger.forget()
            return nil
        }
        timings.append(.init(step: "write", seconds: SiteBuilder.seconds(since: writeStart)))
        return Result(notes: context.pages.map(\.sourcePath), written: written, timings: timings,
                      seconds: SiteBuilder.seconds(since: start))
    }

    /// The note `old` read again from `url`, with what the site gave it (URL, section, navigation title,
    /// backlinks, questions answered elsewhere) as it was; nil when it cannot be read or its front matter
    /// changed (it may change its URL, title, date or tags).
    private static func reread(_ old: Page, at url: URL, in context: BuildContext) -> Page? {
        guard let data = try? context.fileSystem.read(url),
              case .success(let text) = TextDecoding.utf8(data, path: old.displayPath, code: "note-encoding", consequence: "")
        else { return nil }
        guard text != old.text else { return old }
        var page = Page(sourcePath: old.sourcePath, displayPath: old.displayPath, text: text)
        let split = FrontMatter.split(text, path: old.displayPath)
        guard split.frontMatter == old.frontMatter else { return nil }
        page.frontMatter = split.frontMatter
        page.body = split.body
        page.bodyLineMap = .identity(lineCount: split.body.sourceLineCount, firstLine: split.bodyFirstLine)
        page.diagnostics = split.diagnostics
        page.reuse.splitDiagnostics = page.diagnostics.count
        page.isIndex = old.isIndex
        page.navigationTitle = old.navigationTitle
        page.listedInNavigation = old.listedInNavigation
        page.slug = old.slug
        page.section = old.section
        page.url = old.url
        page.outputPath = old.outputPath
        page.backlinks = old.backlinks
        page.alsoAnswered = old.alsoAnswered
        return page
    }
}
