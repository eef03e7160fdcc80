import Foundation
import SiteCore
import Yams

/// Reads `sitegen.yml`. A missing file means all defaults; unknown keys are warnings, wrong types errors,
/// each at the key or value it is about.
public enum ConfigLoader {
    /// `displayPath` is how diagnostics name the file (default: its name).
    public static func load(from url: URL, displayPath: String? = nil) -> (SiteConfig, [Diagnostic]) {
        let path = displayPath ?? url.lastPathComponent
        guard FileManager.default.fileExists(atPath: url.path) else { return (SiteConfig(), []) }
        do {
            return load(try Data(contentsOf: url), path: path)
        } catch {
            return (SiteConfig(), [.error("cannot read the settings file '\(path)': \(FileSystem.reason(for: error))", code: "config-unreadable")])
        }
    }

    /// The settings in `data`, the contents of a settings file that diagnostics name `path`.
    public static func load(_ data: Data, path: String) -> (SiteConfig, [Diagnostic]) {
        var config = SiteConfig()
        let text: String
        switch TextDecoding.utf8(data, path: path, code: "config-encoding") {
        case .success(let decoded): text = decoded
        case .failure(let error): return (config, [error.diagnostic])
        }
        let document = YAMLDocument(path: path, firstLine: 1)
        let (root, error) = document.compose(text, code: "config-yaml")
        if let error { return (config, [error]) }
        guard let root else { return (config, []) }
        guard let settings = root.mapping else {
            if root.null != nil { return (config, []) }
            return (config, [.error("expected a mapping of settings (`title: …`, `output: …`)", code: "config-type", at: document.location(of: root))])
        }
        var reader = SettingsReader(document: document)
        for (keyNode, value) in settings {
            let key = keyNode.string ?? ""
            switch key {
            case "title": reader.text(value, key) { config.title = $0 }
            case "description": reader.text(value, key) { config.description = $0 }
            case "language": reader.text(value, key) { config.language = $0 }
            case "author": reader.text(value, key) { config.author = $0 }
            case "baseURL": reader.text(value, key) { config.baseURL = $0 }
            case "cname": reader.text(value, key) { config.cname = $0 }
            case "repoURL": reader.text(value, key) { config.repoURL = $0 }
            case "editBranch": reader.text(value, key) { config.editBranch = $0 }
            case "editPath": reader.text(value, key) { config.editPath = $0 }
            case "notes": reader.text(value, key) { config.notesDirectory = $0 }
            case "templates":
                reader.text(value, key) { config.templatesDirectory = $0 }
                config.templatesDirectoryRequired = true
            case "output": reader.text(value, key) { config.outputDirectory = $0 }
            case "cache": reader.text(value, key) { config.cacheDirectory = $0 }
            case "rawHTML": reader.bool(value, key) { config.allowRawHTML = $0 }
            case "drafts": reader.bool(value, key) { config.includeDrafts = $0 }
            case "formats": config.formats = reader.textMap(value, key, entries: "a format name")
            case "sections":
                for (folder, title) in reader.mapping(value, key, of: "folders to section titles") {
                    let name = (folder.string ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "/"))
                    reader.text(title, "sections.\(name)") { config.sections.append(.init(folder: name, title: $0)) }
                }
            case "math":
                for (mathKey, mathValue) in reader.mapping(value, key, of: "math settings (`macros:`, `errors:`, `markLost:`)") {
                    let name = "math.\(mathKey.string ?? "")"
                    if mathKey.string == "macros" {
                        config.mathMacros = reader.textMap(mathValue, name, entries: "TeX text")
                    } else if mathKey.string == "errors" {
                        reader.choice(mathValue, name) { config.mathErrors = $0 }
                    } else if mathKey.string == "markLost" {
                        reader.bool(mathValue, name) { config.mathMarksLost = $0 }
                    } else {
                        reader.unknown(name, at: mathKey)
                    }
                }
            case "examples":
                for (examplesKey, examplesValue) in reader.mapping(value, key, of: "example settings (`timeout:`)") {
                    let name = "examples.\(examplesKey.string ?? "")"
                    if examplesKey.string == "timeout" {
                        reader.seconds(examplesValue, name) { config.exampleTimeout = $0 }
                    } else {
                        reader.unknown(name, at: examplesKey)
                    }
                }
            case "topics":
                for (topicsKey, topicsValue) in reader.mapping(value, key, of: "topic settings (`file:`, `builtIn:`, `links:`)") {
                    let name = "topics.\(topicsKey.string ?? "")"
                    switch topicsKey.string {
                    case "file": reader.text(topicsValue, name) { config.topicsFile = $0 }
                    case "builtIn": reader.bool(topicsValue, name) { config.topicsBuiltIn = $0 }
                    case "links": reader.choice(topicsValue, name) { config.topicLinks = $0 }
                    default: reader.unknown(name, at: topicsKey)
                    }
                }
            default: reader.unknown(key, at: keyNode)
            }
        }
        return (config, reader.diagnostics)
    }
}

/// Typed reads of settings values that record a located diagnostic for each value of the wrong kind.
private struct SettingsReader {
    let document: YAMLDocument
    var diagnostics: [Diagnostic] = []

    mutating func text(_ value: Node, _ key: String, _ apply: (String) -> Void) {
        if let text = YAMLDocument.text(value) { apply(text) } else {
            diagnostics.append(.error("'\(key)' must be text, not a list or mapping", code: "config-type", at: document.location(of: value)))
        }
    }

    mutating func bool(_ value: Node, _ key: String, _ apply: (Bool) -> Void) {
        if let flag = value.bool { apply(flag) } else {
            diagnostics.append(.error("'\(key)' must be true or false", code: "config-type", at: document.location(of: value)))
        }
    }

    /// A number of seconds above 0, such as a time limit.
    mutating func seconds(_ value: Node, _ key: String, _ apply: (Double) -> Void) {
        if let seconds = value.float ?? value.int.map(Double.init), seconds > 0, seconds.isFinite { apply(seconds) } else {
            diagnostics.append(.error("'\(key)' must be a number of seconds above 0", code: "config-type", at: document.location(of: value)))
        }
    }

    /// One of the named values of `T`, such as `warn` or `fail`.
    mutating func choice<T: RawRepresentable & CaseIterable>(_ value: Node, _ key: String, _ apply: (T) -> Void)
        where T.RawValue == String
    {
        if let choice = YAMLDocument.text(value).flatMap(T.init(rawValue:)) { apply(choice) } else {
            let names = T.allCases.map(\.rawValue).joined(separator: " or ")
            diagnostics.append(.error("'\(key)' must be \(names)", code: "config-type", at: document.location(of: value)))
        }
    }

    /// The pairs of a mapping value; nothing (and an error) for any other value but an empty one.
    mutating func mapping(_ value: Node, _ key: String, of what: String) -> Node.Mapping {
        if let mapping = value.mapping { return mapping }
        if value.null == nil {
            diagnostics.append(.error("'\(key)' must be a mapping of \(what)", code: "config-type", at: document.location(of: value)))
        }
        return [:]
    }

    /// A mapping of text to text, such as `formats:` or `math.macros:`.
    mutating func textMap(_ value: Node, _ key: String, entries what: String) -> [String: String] {
        var result: [String: String] = [:]
        for (entryKey, entryValue) in mapping(value, key, of: "names to \(what)") {
            let name = entryKey.string ?? ""
            if let text = YAMLDocument.text(entryValue) { result[name] = text } else {
                diagnostics.append(.error("'\(key)' entry '\(name)' must be \(what)", code: "config-type", at: document.location(of: entryValue)))
            }
        }
        return result
    }

    mutating func unknown(_ key: String, at node: Node) {
        diagnostics.append(.warning("unknown setting '\(key)' is ignored", code: "config-unknown", at: document.location(of: node)))
    }
}
