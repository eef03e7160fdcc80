import Foundation
import Mustache
import SiteCore

/// The Mustache templates of a site, loaded from a `Theme` or a folder (`templates/`), ready to render pages.
///
/// Every `*.mustache` file of the theme is a template named by its path without the extension
/// (`note`, `partials/toc`); templates use each other as partials (`{{>toc}}`) and as parent layouts
/// (`{{<base}}{{$content}}…{{/content}}{{/base}}`). The `assets` folder is not scanned.
///
/// Contexts are `TemplateValue`s (typed, `Sendable`, fastest) or plain `[String: Any]` trees (dictionaries,
/// arrays, strings, numbers, `Bool`). A `nil` or `""` value is the same as an absent one: it renders as
/// nothing and its section is skipped. Pages render through `FastRenderer`, which follows swift-mustache's
/// rules exactly (tested against it); swift-mustache parses and validates every template.
public struct TemplateSet: Sendable {
    /// The templates every site needs: note pages, the home page, the not-found page.
    public static let requiredNames = ["note", "home", "404"]

    private let library: MustacheLibrary
    let parsed: [String: ParsedTemplate]
    /// swift-mustache's templates, rendered without dynamic casts; `nil` when a template uses something
    /// only swift-mustache can render (then it renders everything).
    private let fast: FastRenderer?

    /// The names of the loaded templates, sorted.
    public var names: [String] { parsed.keys.sorted() }

    public func contains(_ name: String) -> Bool { parsed[name] != nil }

    /// Loads every template in `directory` (and no built-in one). Diagnostics name files as
    /// `displayPath/<file>` (default: the directory's path relative to the current directory). Returns `nil`
    /// when there is an error: a syntax error, an unreadable file, a missing required template or folder, a
    /// template including itself outside any section.
    public static func load(from directory: URL, displayPath: String? = nil) -> (TemplateSet?, [Diagnostic]) {
        let shownDirectory = displayPath ?? relativeToCurrentDirectory(directory)
        guard let theme = Theme.folder(directory, shownAs: shownDirectory) else {
            return (nil, [.error("templates folder '\(shownDirectory)' does not exist", code: "template-missing")])
        }
        return load(theme, folder: shownDirectory)
    }

    /// Loads the templates of `theme` (see `load(from:displayPath:)`); `folder` names the theme in the
    /// message about a missing required template.
    public static func load(_ theme: Theme, folder: String = Theme.builtInName) -> (TemplateSet?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var library = MustacheLibrary()
        var parsed: [String: ParsedTemplate] = [:]
        var compiled: [String: MustacheTemplate] = [:]
        let files = theme.templates
        for file in files {
            let name = String(file.path.dropLast(".mustache".count))
            guard let data = try? file.contents(), let text = String(data: data, encoding: .utf8) else {
                diagnostics.append(.error("cannot read template as UTF-8 text", code: "template-read",
                                          at: SourceLocation(path: file.shownPath, line: 1, column: 1)))
                continue
            }
            switch TemplateCompiler.compile(text, path: file.shownPath) {
            case .compiled(let template, let nodes, let warning):
                library.register(template, named: name)
                compiled[name] = template
                parsed[name] = ParsedTemplate(path: file.shownPath, nodes: nodes)
                if let warning { diagnostics.append(warning) }
            case .failed(let diagnostic):
                diagnostics.append(diagnostic)
            }
        }
        for name in requiredNames where theme.files["\(name).mustache"] == nil {
            diagnostics.append(.error("required template '\(folder.isEmpty ? "" : folder + "/")\(name).mustache' is missing",
                                      code: "template-missing"))
        }
        diagnostics += IncludeCycles.diagnostics(parsed)
        guard diagnostics.errorCount == 0 else { return (nil, diagnostics) }
        var fastTemplates: [String: RenderTemplate] = [:]
        for (name, template) in compiled {
            fastTemplates[name] = RenderTemplate(template)
        }
        let fast = fastTemplates.count == compiled.count ? FastRenderer(templates: fastTemplates) : nil
        return (TemplateSet(library: library, parsed: parsed, fast: fast), diagnostics)
    }

    /// The template named `name` rendered with `context`; `""` when there is no such template.
    /// Safe to call from several threads at once.
    public func render(_ name: String, context: [String: Any]) -> String {
        String(decoding: renderBytes(name, context: context), as: UTF8.self)
    }

    /// `render(_:context:)` as UTF-8 bytes, the form a page is written in.
    public func renderBytes(_ name: String, context: [String: Any]) -> [UInt8] {
        guard let fast else { return Array(renderWithSwiftMustache(name, context: context).utf8) }
        return fast.render(name, TemplateValue(context) ?? .object([:])) ?? []
    }

    /// `render(_:context:)` for a typed context: the fastest way, with no casts at all.
    public func render(_ name: String, value: TemplateValue) -> String {
        String(decoding: renderBytes(name, value: value), as: UTF8.self)
    }

    /// `render(_:value:)` as UTF-8 bytes, the form a page is written in.
    public func renderBytes(_ name: String, value: TemplateValue) -> [UInt8] {
        guard let fast else { return Array(renderWithSwiftMustache(name, context: value.anyValue as? [String: Any] ?? [:]).utf8) }
        return fast.render(name, value) ?? []
    }

    /// Whether rendering bypasses swift-mustache's renderer (see `FastRenderer`); it never changes the output.
    public var usesFastRenderer: Bool { fast != nil }

    /// The same page rendered by swift-mustache itself, the reference `FastRenderer` is tested against.
    func renderWithSwiftMustache(_ name: String, context: [String: Any]) -> String {
        library.render(ContextNormalizer.normalized(context), withTemplate: name) ?? ""
    }

    // MARK: Loading

    private static func relativeToCurrentDirectory(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        let current = FileManager.default.currentDirectoryPath
        let prefix = current.hasSuffix("/") ? current : current + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
