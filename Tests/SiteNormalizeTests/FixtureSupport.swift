import Foundation
import Testing
import SiteCore
@testable import SiteNormalize

/// A note file split the way the build splits it: front matter keys and title, and the body with
/// its line map into the file.
struct NoteFile {
    var name: String
    var text: String
    var body: String
    var bodyFirstLine: Int
    var keys: Set<String> = []
    var title: String?

    init(name: String, text: String) {
        self.name = name
        self.text = text
        body = text
        bodyFirstLine = 1
        let lines = text.sourceLines
        guard lines.first == "---", let close = lines.dropFirst().firstIndex(of: "---") else { return }
        for line in lines[1..<close] {
            let kv = line.split(separator: ":", maxSplits: 1)
            guard let key = kv.first else { continue }
            keys.insert(String(key).trimmingCharacters(in: .whitespaces))
            if key == "title", kv.count == 2 {
                title = kv[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        body = lines[(close + 1)...].joined(separator: "\n")
        bodyFirstLine = close + 2
    }

    func input(format: SourceFormat? = nil) -> NormalizerInput {
        NormalizerInput(
            text: body, path: name, lineMap: .identity(lineCount: body.sourceLines.count, firstLine: bodyFirstLine),
            declaredFormat: format, frontMatterKeys: keys, frontMatterTitle: title)
    }

    func normalized(format: SourceFormat? = nil) -> NormalizedNote {
        Normalizer.normalize(input(format: format))
    }

    var fileLines: [Substring] { text.sourceLines }
}

enum Fixtures {
    static var sourceDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    }

    static func url(_ name: String) throws -> URL {
        let dir = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return dir.appendingPathComponent(name)
    }

    static func load(_ name: String) throws -> NoteFile {
        NoteFile(name: name, text: try String(contentsOf: url(name), encoding: .utf8))
    }

    /// Compares `actual` with the golden file `name`; `SITEGEN_UPDATE_GOLDENS=1` rewrites it instead.
    static func expectGolden(_ actual: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        if ProcessInfo.processInfo.environment["SITEGEN_UPDATE_GOLDENS"] == "1" {
            try actual.write(to: sourceDirectory.appendingPathComponent(name), atomically: true, encoding: .utf8)
            return
        }
        let expected = try? String(contentsOf: url(name), encoding: .utf8)
        #expect(expected != nil, "missing golden \(name); run the tests with SITEGEN_UPDATE_GOLDENS=1", sourceLocation: sourceLocation)
        if let expected, expected != actual {
            let e = expected.sourceLines, a = actual.sourceLines
            let first = (0..<min(e.count, a.count)).first { e[$0] != a[$0] } ?? min(e.count, a.count)
            Issue.record("golden \(name) differs at line \(first + 1): expected ‘\(first < e.count ? e[first] : "<end>")’, got ‘\(first < a.count ? a[first] : "<end>")’",
                         sourceLocation: sourceLocation)
        }
    }
}

/// Text checks shared by the fixture and seed tests.
enum TextAudit {
    /// Lines that are markup only and carry no text of the author.
    static func isMarkupOnly(_ line: Substring) -> Bool {
        let t = line.trimmingCharacters(in: .whitespaces)
        return ["note", "▼", "- ▼", "▪", "•", "---"].contains(t.lowercased())
    }

    /// The words of a line: split at whitespace and at the characters normalisation may cut at
    /// (` > ` separators, `?`/`:` between a follow-up and its answer, emphasis, heading and toggle marks).
    /// A question's card number (`3.title`) becomes its label, so it is left out of its first word.
    static func chunks(_ line: Substring) -> [String] {
        var words = line.split { $0.isWhitespace || ">?？:：*#▼".contains($0) }.map(String.init).filter { $0 != "-" }
        if let first = words.first, let card = CardNumber.split(first) { words[0] = card.title }
        return words
    }

    /// Chunks of non-empty source lines that are missing from `markdown`.
    /// Emphasis markers are markup, which the normaliser may move (CJKEmphasis); words are compared without them.
    static func lostText(_ source: [Substring], in markdown: String) -> [String] {
        let text = withoutEmphasisMarks(markdown)
        var lost: [String] = []
        for line in source where !line.allSatisfy(\.isWhitespace) && !isMarkupOnly(line) {
            for chunk in chunks(line) where !text.contains(chunk) { lost.append(chunk) }
        }
        return lost
    }

    static func withoutEmphasisMarks<S: StringProtocol>(_ text: S) -> String {
        String(text.filter { $0 != "*" }).replacingOccurrences(of: "<strong>", with: "")
            .replacingOccurrences(of: "</strong>", with: "")
    }

    /// Markdown lines whose words are not on the file line the line map names (synthetic lines excepted).
    static func misplacedLines(_ note: NormalizedNote, file: [Substring], ignoringFileLines ignored: Set<Int> = []) -> [String] {
        var bad: [String] = []
        for (i, line) in note.markdown.sourceLines.enumerated() where !line.allSatisfy(\.isWhitespace) {
            let origin = note.lineMap.original(line: i + 1).line
            guard !ignored.contains(origin), origin >= 1, origin <= file.count else { continue }
            let source = withoutEmphasisMarks(file[origin - 1])
            for chunk in chunks(Substring(withoutEmphasisMarks(line))) where !source.contains(chunk) {
                bad.append("md \(i + 1) → file \(origin): ‘\(chunk)’ not in ‘\(source)’")
            }
        }
        return bad
    }
}
