import ArgumentParser
import Foundation
import SiteBuild
import SiteCore
import TensorScript

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate a tensor expression, or every ```tensor block of a note, in the terminal.",
        discussion: "Examples:\n  sitegen eval 'softmax([1, 2, 3])'\n  sitegen eval '-log(0.5)'\n  sitegen eval notes/examples/01-activation-functions.md")

    @Option(help: "Seconds a block may run before it is stopped.")
    var timeout = SiteConfig.defaultExampleTimeout

    /// All words, so that an expression starting with '-' is not taken for an option and an unquoted
    /// expression split by the shell (`sitegen eval 1 + 2`) is joined again.
    @ArgumentParser.Argument(parsing: .allUnrecognized,
                             help: "An expression (several statements separated by ';' or newlines) or a note file.")
    var input: [String]

    func validate() throws {
        guard !input.isEmpty else { throw ValidationError("give an expression or a note file, e.g. sitegen eval 'softmax([1, 2, 3])'") }
        guard timeout > 0, timeout.isFinite else { throw ValidationError("--timeout must be a number of seconds above 0") }
    }

    func run() throws {
        // `.allUnrecognized` keeps the `--` that ends the options in other commands.
        let input = (input.first == "--" ? input.dropFirst() : input[...]).joined(separator: " ")
        let timeLimit = Duration.seconds(timeout)
        var diagnostics: [Diagnostic] = []
        var text = ""
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: input, isDirectory: &isFolder) {
            guard !isFolder.boolValue else { throw Self.fail("'\(input)' is a folder; give a note file or an expression") }
            guard let data = FileManager.default.contents(atPath: input) else { throw Self.fail("cannot read '\(input)'") }
            let note = String(decoding: data, as: UTF8.self)
            let blocks = TensorBlocks.extract(from: note, path: input)
            if blocks.isEmpty { text = "\(input): no ```tensor blocks\n" }
            for block in blocks {
                let result = ExampleEvaluator.evaluateForTerminal(block.source, path: input, firstLine: block.line,
                                                                  column: block.column, timeLimit: timeLimit)
                text += "── \(input):\(block.line)\n" + result.text + "\n"
                diagnostics += result.diagnostics
            }
        } else if Self.looksLikePath(input) {
            throw Self.fail("no such file '\(input)'")
        } else {
            let source = input.replacingOccurrences(of: ";", with: "\n")
            let result = ExampleEvaluator.evaluateForTerminal(source, path: "<eval>", firstLine: 1, timeLimit: timeLimit)
            text = result.text
            diagnostics = result.diagnostics
        }
        print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
        for d in diagnostics { FileHandle.standardError.write(Data((d.description + "\n").utf8)) }
        if diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
    }

    /// Reports a usage problem with the input and exits with status 2.
    static func fail(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("sitegen eval: error: \(message)\n".utf8))
        return ExitCode(2)
    }

    /// Whether a word that names no file was meant as one: it ends like a note (`.md`, `.markdown`, `.txt`),
    /// starts like a path (`/`, `./`, `../`, `~/`), or starts with an existing folder (`notes/missing`).
    /// `pi/2` is still an expression.
    static func looksLikePath(_ word: String) -> Bool {
        let lower = word.lowercased()
        if [".md", ".markdown", ".txt"].contains(where: { lower.hasSuffix($0) }) { return true }
        if ["/", "./", "../", "~/"].contains(where: { word.hasPrefix($0) }) { return true }
        guard let slash = word.firstIndex(of: "/") else { return false }
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: String(word[..<slash]), isDirectory: &isFolder) && isFolder.boolValue
    }
}
