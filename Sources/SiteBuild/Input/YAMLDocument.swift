import CYaml
import Foundation
import SiteCore
import Yams

/// YAML as sitegen reads it (front matter, `sitegen.yml`): composed into Yams nodes, which keep every value's
/// line and column, after a linear check on libyaml's events that aliases do not blow the document up.
///
/// Anchors and aliases are shared while composing but copied when Yams constructs values, so ten lines of
/// aliases that repeat aliases ("billion laughs") would need 10⁹ values and gigabytes; a key that is such an
/// alias is even hashed in full while composing. The check counts what every alias stands for and stops
/// the document as soon as aliases add more than `maxAliasedValues` values. (libyaml itself stops nesting
/// at 1,000 levels.)
struct YAMLDocument {
    static let maxAliasedValues = 10_000

    /// The file the text is from and the file line of its first line (2 for front matter after `---`).
    var path: String
    var firstLine: Int

    /// The document's root node (nil for an empty document), or an error diagnostic.
    func compose(_ text: String, code: String) -> (root: Node?, error: Diagnostic?) {
        if let problem = Self.expansionProblem(text) {
            return (nil, .error(problem.message, code: code,
                                at: SourceLocation(path: path, line: firstLine + problem.line, column: problem.column + 1)))
        }
        do {
            // An explicit encoding: Yams's default one reads the whole environment on every call.
            return (try Yams.compose(yaml: text, .default, .default, .utf8), nil)
        } catch {
            return (nil, diagnostic(for: error, code: code))
        }
    }

    /// Where `node` is in the file.
    func location(of node: Node) -> SourceLocation {
        guard let mark = node.mark else { return SourceLocation(path: path, line: firstLine, column: 1) }
        return SourceLocation(path: path, line: firstLine + mark.line - 1, column: max(mark.column, 1))
    }

    /// The text of a scalar (empty for `~` and nothing); nil for a list or mapping.
    static func text(_ node: Node) -> String? {
        guard let scalar = node.scalar else { return nil }
        return node.null != nil ? "" : scalar.string
    }

    /// A Yams error as a located diagnostic.
    private func diagnostic(for error: Error, code: String) -> Diagnostic {
        switch error as? YamlError {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let what = [context.map { "\($0.text)" }, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
            return .error("invalid YAML: \(what)", code: code,
                          at: SourceLocation(path: path, line: firstLine + mark.line - 1, column: max(mark.column, 1)))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .error("invalid YAML: duplicated keys \(duplicates.joined(separator: ", "))", code: code,
                          at: SourceLocation(path: path, line: firstLine + context.mark.line - 1, column: max(context.mark.column, 1)))
        default:
            return .error("invalid YAML: \(error)", code: code, at: SourceLocation(path: path, line: firstLine, column: 1))
        }
    }

    /// The first place where aliases expand the document too far (0-based line and column in `text`); nil
    /// when they do not or the text does not parse (Yams then reports why).
    static func expansionProblem(_ text: String) -> (message: String, line: Int, column: Int)? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer -> (message: String, line: Int, column: Int)? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            /// Values each anchor stands for, aliases inside it included.
            var anchorSizes: [String: Int] = [:]
            var open: [(valuesBefore: Int, anchor: String?)] = []
            var values = 0, written = 0
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                defer { yaml_event_delete(&event) }
                let mark = event.start_mark
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return nil
                case YAML_SCALAR_EVENT:
                    values += 1
                    written += 1
                    if let anchor = name(event.data.scalar.anchor) { anchorSizes[anchor] = 1 }
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    let anchor = event.type == YAML_SEQUENCE_START_EVENT ? event.data.sequence_start.anchor : event.data.mapping_start.anchor
                    open.append((values, name(anchor)))
                    values += 1
                    written += 1
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    if let frame = open.popLast(), let anchor = frame.anchor { anchorSizes[anchor] = values - frame.valuesBefore }
                case YAML_ALIAS_EVENT:
                    values += name(event.data.alias.anchor).flatMap { anchorSizes[$0] } ?? 1
                default:
                    break
                }
                if values - written > maxAliasedValues {
                    return ("YAML aliases repeat more than \(maxAliasedValues) values (aliases of aliases?); write the values out instead",
                            Int(mark.line), Int(mark.column))
                }
            }
            return nil
        }
    }

    private static func name(_ anchor: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        anchor.map { String(cString: $0) }
    }
}
