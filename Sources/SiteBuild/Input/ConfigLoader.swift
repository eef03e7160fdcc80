import Foundation
import SiteCore
import Yams

/// Reads `sitegen.yml`. A missing file means all defaults; unknown keys are warnings, wrong types errors.
public enum ConfigLoader {
    public static func load(from url: URL) -> (SiteConfig, [Diagnostic]) {
        var config = SiteConfig()
        guard let data = try? Data(contentsOf: url) else { return (config, []) }
        let path = url.lastPathComponent
        guard let text = String(data: data, encoding: .utf8) else {
            return (config, [.error("not UTF-8 text", code: "config-encoding", at: SourceLocation(path: path, line: 1))])
        }
        let root: Any?
        do {
            root = try Yams.load(yaml: text)
        } catch {
            return (config, [YAMLDiagnostics.diagnostic(for: error, path: path, firstLine: 1, code: "config-yaml")])
        }
        guard let map = root as? [String: Any] else {
            if root == nil { return (config, []) }
            return (config, [.error("expected a mapping of settings", code: "config-type", at: SourceLocation(path: path, line: 1))])
        }
        var diagnostics: [Diagnostic] = []
        let lines = text.sourceLines
        func location(of key: String) -> SourceLocation {
            let line = lines.firstIndex { $0.hasPrefix(key + ":") }.map { $0 + 1 } ?? 1
            return SourceLocation(path: path, line: line, column: 1)
        }
        func string(_ key: String, _ apply: (String) -> Void) {
            guard let value = map[key] else { return }
            if let s = value as? String { apply(s) } else if let n = value as? NSNumber { apply(n.stringValue) } else {
                diagnostics.append(.error("'\(key)' must be a string", code: "config-type", at: location(of: key)))
            }
        }
        func bool(_ key: String, _ apply: (Bool) -> Void) {
            guard let value = map[key] else { return }
            if let b = value as? Bool { apply(b) } else {
                diagnostics.append(.error("'\(key)' must be true or false", code: "config-type", at: location(of: key)))
            }
        }
        func stringMap(_ value: Any?, key: String) -> [String: String] {
            guard let value else { return [:] }
            guard let m = value as? [String: Any] else {
                diagnostics.append(.error("'\(key)' must be a mapping", code: "config-type", at: location(of: key)))
                return [:]
            }
            return m.compactMapValues { ($0 as? String) ?? ($0 as? NSNumber)?.stringValue }
        }
        string("title") { config.title = $0 }
        string("description") { config.description = $0 }
        string("language") { config.language = $0 }
        string("author") { config.author = $0 }
        string("baseURL") { config.baseURL = $0 }
        string("notes") { config.notesDirectory = $0 }
        string("templates") { config.templatesDirectory = $0 }
        string("output") { config.outputDirectory = $0 }
        string("cache") { config.cacheDirectory = $0 }
        bool("rawHTML") { config.allowRawHTML = $0 }
        bool("drafts") { config.includeDrafts = $0 }
        if let math = map["math"] as? [String: Any] {
            config.mathMacros = stringMap(math["macros"], key: "math")
            if let errors = math["errors"] {
                if let policy = (errors as? String).flatMap(SiteConfig.MathErrors.init(rawValue:)) {
                    config.mathErrors = policy
                } else {
                    diagnostics.append(.error("'math.errors' must be warn or fail", code: "config-type", at: location(of: "math")))
                }
            }
        }
        config.formats = stringMap(map["formats"], key: "formats")
        let known: Set = ["title", "description", "language", "author", "baseURL", "notes", "templates", "output",
                          "cache", "rawHTML", "drafts", "math", "formats"]
        for key in map.keys.sorted() where !known.contains(key) {
            diagnostics.append(.warning("unknown setting '\(key)' is ignored", code: "config-unknown", at: location(of: key)))
        }
        return (config, diagnostics)
    }
}

/// Turns Yams errors into located diagnostics.
enum YAMLDiagnostics {
    /// `firstLine` is the file line of the YAML text's first line (2 for front matter after `---`).
    static func diagnostic(for error: Error, path: String, firstLine: Int, code: String) -> Diagnostic {
        if let yaml = error as? YamlError {
            switch yaml {
            case .scanner(let context, let problem, let mark, _),
                 .parser(let context, let problem, let mark, _),
                 .composer(let context, let problem, let mark, _):
                let what = [context.map { "\($0.text)" }, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
                return .error("invalid YAML: \(what)", code: code,
                              at: SourceLocation(path: path, line: firstLine + mark.line - 1, column: mark.column))
            case .duplicatedKeysInMapping(let duplicates, _):
                return .error("invalid YAML: duplicated keys \(duplicates.joined(separator: ", "))", code: code,
                              at: SourceLocation(path: path, line: firstLine))
            default:
                break
            }
        }
        return .error("invalid YAML: \(error)", code: code, at: SourceLocation(path: path, line: firstLine))
    }
}
