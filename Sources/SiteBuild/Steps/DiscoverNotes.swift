import Foundation
import SiteCore

extension BuildStep {
    /// Finds `.md`, `.markdown` and `.txt` notes and each folder's index page (other files become assets,
    /// apart from navigation files and litter: see `NotesLayout`), reads them and their front matter.
    public static let discoverNotes = BuildStep("discover notes") { context in
        let notesURL = context.notesURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: notesURL.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            context.diagnostics.append(.error("notes folder '\(context.displayPath(notesURL))' does not exist", code: "notes-missing"))
            throw BuildAbort(step: "discover notes")
        }
        let files: [String]
        do {
            files = try context.fileSystem.listFiles(notesURL)
        } catch {
            context.diagnostics.append(.error("cannot list '\(context.displayPath(notesURL))': \(FileSystem.reason(for: error))", code: "notes-unreadable"))
            throw BuildAbort(step: "discover notes")
        }
        var notePaths: [String] = []
        for relative in files {
            switch NotesLayout.role(of: relative) {
            case .note: notePaths.append(relative)
            case .asset: context.assets.append(relative)
            case .navigation: context.navigationFiles.append(relative)
            case .otherToolPart, .litter: break
            }
        }
        notePaths.sort { $0.naturallyPrecedes($1) }
        context.assets.sort()
        let indexPages = Set(NotesLayout.indexPages(among: notePaths).values)

        let fileSystem = context.fileSystem
        let displayBase = context.displayPath(notesURL)
        let includeDrafts = context.config.includeDrafts
        let artifacts = context.artifacts
        let sources = artifacts?.sources
        sources?.begin()
        let loaded: [Page?] = notePaths.parallelMap { relative in
            // Not `appendingPathComponent`, which asks the file system whether the path is a folder.
            let url = URL(fileURLWithPath: "\(notesURL.path)/\(relative)", isDirectory: false)
            let display = displayBase.isEmpty ? relative : "\(displayBase)/\(relative)"
            let stamp = sources == nil ? nil : OutputLedger.stamp(source: url)
            if var known = sources?.page(relative, displayPath: display, stamp: stamp) {
                known.isIndex = indexPages.contains(relative)
                return known.frontMatter.draft && !includeDrafts ? nil : known
            }
            let readAt = NoteSourceCache.now()
            var page = Page(sourcePath: relative, displayPath: display, text: "")
            page.isIndex = indexPages.contains(relative)
            do {
                switch TextDecoding.utf8(try fileSystem.read(url), path: display, code: "note-encoding", consequence: "; the note is skipped") {
                case .success(let text): page.text = text
                case .failure(let failure):
                    page.diagnostics.append(failure.diagnostic)
                    return page
                }
            } catch {
                page.diagnostics.append(.error("cannot read the note: \(FileSystem.reason(for: error))", code: "note-unreadable",
                                               at: SourceLocation(path: display, line: 1, column: 1)))
                return page
            }
            if let known = artifacts?.reuseSplit(page) {
                page = known
            } else {
                let split = FrontMatter.split(page.text, path: display)
                page.frontMatter = split.frontMatter
                page.body = split.body
                page.bodyLineMap = .identity(lineCount: split.body.sourceLineCount, firstLine: split.bodyFirstLine)
                page.diagnostics += split.diagnostics
            }
            page.reuse.splitDiagnostics = page.diagnostics.count
            sources?.remember(page, stamp: stamp, readAt: readAt)
            if page.frontMatter.draft && !includeDrafts { return nil }
            return page
        }
        context.pages = loaded.compactMap { $0 }
        sources?.keepOnly(Set(notePaths))
        if context.pages.isEmpty {
            context.diagnostics.append(.warning("no notes (.md, .markdown, .txt) in '\(context.displayPath(notesURL))'", code: "notes-empty"))
        }
    }

    static let noteExtensions: Set = ["md", "markdown", "txt"]
}
