import Foundation
import SiteCore
import SiteRender

/// What a page is rendered from, as a 128-bit hash: the templates, the output path and the template
/// context, with strings by their UTF-8 bytes and dictionaries by sorted key (their own order differs
/// between equal ones). Two pages with equal inputs render to equal bytes, so a page whose inputs are
/// unchanged is not rendered again (`NoteArtifactStore.renderedPage`). Stable within the process.
struct TemplateInputs {
    private var first = Hasher()
    private var second = Hasher()

    /// The key of rendering `context` into `path` with the templates hashed as `templates`.
    static func key(templates: Int, path: String, context: Any) -> String {
        key(templates: templates, path: path) { $0.combine(value: context) }
    }

    /// The key of rendering into `path` with the templates hashed as `templates` from the inputs `add` combines.
    static func key(templates: Int, path: String, _ add: (inout TemplateInputs) -> Void) -> String {
        var inputs = TemplateInputs()
        inputs.second.combine(0x5eed)
        inputs.combine(templates)
        inputs.combine(string: path)
        add(&inputs)
        return "\(inputs.first.finalize()):\(inputs.second.finalize())"
    }

    /// A 128-bit hash of `text`, which stands in for it in inputs (`SiteModel.noteInputs`).
    static func key(of text: String) -> String {
        key(templates: 0, path: text) { _ in }
    }

    mutating func combine(_ number: Int) {
        first.combine(number)
        second.combine(number)
    }

    mutating func combine(strings: String...) {
        combine(strings: strings)
    }

    mutating func combine(strings: [String]) {
        combine(strings.count)
        for string in strings { combine(string: string) }
    }

    private mutating func combine(string: String) {
        var string = string
        combine(string.utf8.count)
        string.withUTF8 { bytes in
            first.combine(bytes: UnsafeRawBufferPointer(bytes))
            second.combine(bytes: UnsafeRawBufferPointer(bytes))
        }
    }

    /// Adds `value`: dictionaries by sorted key, arrays in order, strings, numbers and flags themselves. With
    /// `shapeOnly`, only the keys and what kind each value is, not the strings and numbers, which is all the
    /// template variable check reads of a sample (`TemplateSet.checkAll`); values of other types are added whole.
    mutating func combine(value: Any, shapeOnly: Bool = false) {
        switch value {
        case let dictionary as [String: Any]:
            combine(1)
            combine(dictionary.count)
            for key in dictionary.keys.sorted() {
                combine(string: key)
                combine(value: dictionary[key]!, shapeOnly: shapeOnly)
            }
        case let array as [Any]:
            combine(2)
            combine(array.count)
            for element in array { combine(value: element, shapeOnly: shapeOnly) }
        case let text as String:
            combine(3)
            if !shapeOnly { combine(string: text) }
        case let number as Int:
            if shapeOnly {
                combine(3)
            } else {
                combine(4)
                combine(number)
            }
        case let flag as Bool:
            combine(5)
            if !shapeOnly { combine(flag ? 1 : 0) }
        default:
            combine(6)
            combine(string: "\(type(of: value)):\(value)")
        }
    }
}

/// Renders pages through the templates; with an artifact store, a page whose inputs (`TemplateInputs`) are
/// those it was last rendered from is taken from the store instead. When the build streams pages
/// (`BuildContext.streamsPages`), a page rendered with `streams` is written to the staging folder at once
/// and only its path is kept.
struct PageRenderer: Sendable {
    let templates: TemplateSet
    let store: NoteArtifactStore?
    let basePath: String
    /// A hash of the templates' texts (0 without a store).
    let templatesKey: Int
    /// Where streamed pages go, when the build streams them.
    let staging: (folder: URL, fileSystem: FileSystem, shownOutput: String)?

    init(templates: TemplateSet, context: BuildContext) {
        self.templates = templates
        store = context.artifacts
        basePath = context.config.basePath
        templatesKey = store == nil ? 0 : BuildStep.fingerprint(context.theme.templates)
        staging = context.streamsPages ? (context.stagingURL, context.fileSystem, context.displayPath(context.outputURL)) : nil
    }

    struct Rendered: Sendable {
        var path: String
        /// The page's bytes; empty once streamed.
        var data: Data
        /// The page's inputs; nil without a store.
        var key: String?
        var streamed = false
        var failure: Diagnostic?
    }

    /// `template` applied to `context`, its relative URLs rewritten for `path`.
    func render(_ template: String, _ path: String, _ context: [String: Any], streams: Bool = false) -> Rendered {
        render(template, path, inputs: { $0.combine(value: context) }, streams: streams) { context }
    }

    /// `template` applied to the context `makeContext` builds, which is built only when the page must be
    /// rendered: with a store, the page is taken from it when the inputs `inputs` adds (the context, or what
    /// determines it, see `SiteModel.noteInputs`) are those it was last rendered from.
    func render(_ template: String, _ path: String, inputs: (inout TemplateInputs) -> Void, streams: Bool = false,
                context makeContext: () -> [String: Any]) -> Rendered {
        render(template, path, inputs: inputs, streams: streams) { templates.renderBytes(template, context: makeContext()) }
    }

    /// The same for a typed context (`SiteModel.noteValue`), rendered without casts.
    func render(_ template: String, _ path: String, inputs: (inout TemplateInputs) -> Void, streams: Bool = false,
                value makeValue: () -> TemplateValue) -> Rendered {
        render(template, path, inputs: inputs, streams: streams) { templates.renderBytes(template, value: makeValue()) }
    }

    private func render(_ template: String, _ path: String, inputs: (inout TemplateInputs) -> Void, streams: Bool,
                        html: () -> [UInt8]) -> Rendered {
        let key = store.map { _ in TemplateInputs.key(templates: templatesKey, path: template + "\u{0}" + path, inputs) }
        if let key, let known = store?.renderedPage(path, key: key) { return Rendered(path: path, data: known, key: key) }
        let data = Data(RelativeURLs.rewrittenBytes(html(), outputPath: path, basePath: basePath))
        guard streams, let staging else { return Rendered(path: path, data: data, key: key) }
        do {
            try staging.fileSystem.write(data, staging.folder.appendingPathComponent(path))
            return Rendered(path: path, data: Data(), key: key, streamed: true)
        } catch {
            return Rendered(path: path, data: Data(), key: key, streamed: true,
                            failure: .error("cannot write '\(staging.shownOutput)/\(path)': \(FileSystem.reason(for: error))", code: "output-write"))
        }
    }

    /// Creates the folders of the pages at `paths` in the staging folder, each once, before they are streamed
    /// (which would otherwise create a folder per page). A folder that cannot be created fails the writes of
    /// its pages, each an error of its own.
    func createFolders(of paths: [String]) {
        guard let staging else { return }
        var folders: Set<Substring> = []
        for path in paths {
            var folder = path[...]
            while let slash = folder.lastIndex(of: "/") {
                folder = folder[..<slash]
                guard folders.insert(folder).inserted else { break }
            }
        }
        for folder in folders.sorted() {  // a folder before those inside it
            try? staging.fileSystem.createFolder(staging.folder.appendingPathComponent(String(folder), isDirectory: true))
        }
    }

    /// `templates.checkAll(samples)`; with a store, the last result of `step` when the templates and the
    /// samples' shapes are the same.
    func check(_ samples: [String: [[String: Any]]], step: String) -> [Diagnostic] {
        guard let store else { return templates.checkAll(samples) }
        let key = TemplateInputs.key(templates: templatesKey, path: step) { $0.combine(value: samples, shapeOnly: true) }
        if let known = store.templateCheck(step, key: key) { return known }
        let diagnostics = templates.checkAll(samples)
        store.rememberTemplateCheck(step, key: key, diagnostics)
        return diagnostics
    }

    /// Puts `pages` into the output and keeps them in the store for the next build; a page that could not
    /// be streamed stops the build.
    func output(_ pages: [Rendered], into context: inout BuildContext) throws {
        for page in pages {
            if page.streamed { context.streamedFiles.insert(page.path) } else { context.outputFiles[page.path] = page.data }
        }
        let failures = pages.compactMap(\.failure)
        context.diagnostics += failures
        guard failures.isEmpty else { throw BuildAbort(step: "apply templates") }
        store?.rememberRenderedPages(pages.compactMap { page in page.key.map { (page.path, $0, page.data) } })
    }
}
