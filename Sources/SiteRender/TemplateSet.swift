import Foundation
import Mustache
import SiteCore

/// The Mustache templates of a site, loaded from a folder (`templates/`), ready to render pages.
///
/// Every `*.mustache` file below the folder is a template named by its path without the extension
/// (`note`, `partials/toc`); templates use each other as partials (`{{>toc}}`) and as parent layouts
/// (`{{<base}}{{$content}}…{{/content}}{{/base}}`). The `assets` folder is not scanned.
///
/// Contexts are plain `[String: Any]` trees (dictionaries, arrays, strings, numbers, `Bool`); they are
/// passed in and used on the calling thread only, so they need not be `Sendable`. A `nil` or `""` value
/// is the same as an absent one: it renders as nothing and its section is skipped.
public struct TemplateSet: Sendable {
    /// The templates every site needs: note pages, the home page, the not-found page.
    public static let requiredNames = ["note", "home", "404"]

    private let library: MustacheLibrary
    private let parsed: [String: ParsedTemplate]

    /// The names of the loaded templates, sorted.
    public var names: [String] { parsed.keys.sorted() }

    public func contains(_ name: String) -> Bool { parsed[name] != nil }

    /// Loads every template in `directory`. Diagnostics name files as `displayPath/<file>` (default: the
    /// directory's path relative to the current directory). Returns `nil` when there is an error: a syntax
    /// error, an unreadable file, a missing required template or a missing folder.
    public static func load(from directory: URL, displayPath: String? = nil) -> (TemplateSet?, [Diagnostic]) {
        let shownDirectory = displayPath ?? relativeToCurrentDirectory(directory)
        let files: [(name: String, relativePath: String)]
        switch templateFiles(in: directory) {
        case .some(let found):
            files = found
        case .none:
            return (nil, [.error("templates folder '\(shownDirectory)' does not exist", code: "template-missing")])
        }
        var diagnostics: [Diagnostic] = []
        var library = MustacheLibrary()
        var parsed: [String: ParsedTemplate] = [:]
        for file in files {
            let shownPath = shownDirectory.isEmpty ? file.relativePath : "\(shownDirectory)/\(file.relativePath)"
            let url = directory.appendingPathComponent(file.relativePath)
            guard let data = FileManager.default.contents(atPath: url.path),
                  let text = String(data: data, encoding: .utf8) else {
                diagnostics.append(.error("cannot read template as UTF-8 text", code: "template-read",
                                          at: SourceLocation(path: shownPath, line: 1)))
                continue
            }
            switch compile(text, path: shownPath) {
            case .compiled(let template, let nodes):
                library.register(template, named: file.name)
                parsed[file.name] = ParsedTemplate(path: shownPath, nodes: nodes)
            case .failed(let diagnostic):
                diagnostics.append(diagnostic)
            }
        }
        for name in requiredNames where parsed[name] == nil && !files.contains(where: { $0.name == name }) {
            diagnostics.append(.error("required template '\(shownDirectory)/\(name).mustache' is missing",
                                      code: "template-missing"))
        }
        guard diagnostics.errorCount == 0 else { return (nil, diagnostics) }
        return (TemplateSet(library: library, parsed: parsed), diagnostics)
    }

    /// The template named `name` rendered with `context`; `""` when there is no such template.
    /// Safe to call from several threads at once.
    public func render(_ name: String, context: [String: Any]) -> String {
        library.render(ContextNormalizer.normalized(context), withTemplate: name) ?? ""
    }

    /// Warnings for the names `name` (with its partials and parent layout) uses that the page model does
    /// not provide. `sampleContexts` are real contexts of the kind this template renders (one is enough);
    /// the documented model (`template-context.md`) fills in optional fields they lack.
    public func check(_ name: String, sampleContexts: [[String: Any]]) -> [Diagnostic] {
        let samples = sampleContexts.compactMap { ValueShape(of: $0) }.map(PageModel.completing)
        return checker(samples: samples).check(name, samples: samples)
    }

    /// `check` for several templates at once, each with its own sample contexts (`["note": [ctx], "home":
    /// [ctx], "404": [ctx]]`), with the warnings of shared templates (the layout) reported once, and a
    /// section name counted as known when any of the samples has it.
    public func checkAll(_ samplesByTemplate: [String: [[String: Any]]]) -> [Diagnostic] {
        let shapes = samplesByTemplate.mapValues { $0.compactMap { ValueShape(of: $0) }.map(PageModel.completing) }
        let checker = checker(samples: shapes.values.flatMap { $0 })
        var seen: Set<String> = []
        var diagnostics: [Diagnostic] = []
        for name in shapes.keys.sorted() {
            for diagnostic in checker.check(name, samples: shapes[name] ?? []) where seen.insert(diagnostic.description).inserted {
                diagnostics.append(diagnostic)
            }
        }
        return diagnostics.sortedByLocation()
    }

    private func checker(samples: [ValueShape]) -> VariableChecker {
        var keys: Set<String> = []
        PageModel.shape.collectKeys(into: &keys)
        for sample in samples { sample.collectKeys(into: &keys) }
        return VariableChecker(templates: parsed, knownKeys: keys)
    }

    // MARK: Loading

    /// Scans the template with our scanner (for positions) and compiles it with swift-mustache (the
    /// renderer). swift-mustache decides whether it is valid; our scanner's message and position are used
    /// when it agrees there is an error, since it points at the tag that is wrong.
    private enum Compiled {
        case compiled(MustacheTemplate, [TemplateNode])
        case failed(Diagnostic)
    }

    private static func compile(_ text: String, path: String) -> Compiled {
        let scanned = TemplateScanner.scan(text)
        do {
            let template = try MustacheTemplate(string: text)
            let nodes = (try? scanned.get()) ?? []
            return .compiled(template, nodes)
        } catch {
            if case .failure(let syntax) = scanned {
                return .failed(.error(syntax.message, code: "template-syntax",
                                       at: SourceLocation(path: path, line: syntax.position.line, column: syntax.position.column)))
            }
            guard let parserError = error as? MustacheTemplate.ParserError else {
                return .failed(.error("\(error)", code: "template-syntax", at: SourceLocation(path: path, line: 1)))
            }
            let context = parserError.context
            return .failed(.error(message(for: parserError.error), code: "template-syntax",
                                   at: SourceLocation(path: path, line: context.lineNumber, column: context.columnNumber)))
        }
    }

    private static func message(for error: Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "invalid template: \(error)" }
        switch error {
        case .sectionCloseNameIncorrect: return "closing tag does not match the open section"
        case .unfinishedName: return "malformed tag"
        case .expectedSectionEnd: return "a section is never closed"
        case .invalidSetDelimiter: return "malformed set-delimiter tag"
        case .transformAppliedToInheritanceSection: return "a block cannot apply transforms"
        case .illegalTokenInsideInheritSection: return "only block definitions may appear inside a parent tag"
        case .textInsideInheritSection: return "text is not allowed inside a parent tag"
        case .invalidConfigVariableSyntax: return "malformed configuration tag"
        case .unrecognisedConfigVariable: return "unknown configuration variable"
        @unknown default: return "invalid template: \(error)"
        }
    }

    /// `(name, path relative to directory)` of every `*.mustache` file, sorted; `nil` if there is no such folder.
    private static func templateFiles(in directory: URL) -> [(name: String, relativePath: String)]? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue,
              let enumerator = FileManager.default.enumerator(atPath: directory.path) else { return nil }
        var files: [(name: String, relativePath: String)] = []
        while let relative = enumerator.nextObject() as? String {
            if relative == "assets" || relative.hasPrefix("assets/") {
                enumerator.skipDescendants()
                continue
            }
            guard relative.hasSuffix(".mustache") else { continue }
            files.append((String(relative.dropLast(".mustache".count)), relative))
        }
        return files.sorted { $0.relativePath < $1.relativePath }
    }

    private static func relativeToCurrentDirectory(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        let current = FileManager.default.currentDirectoryPath
        let prefix = current.hasSuffix("/") ? current : current + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
