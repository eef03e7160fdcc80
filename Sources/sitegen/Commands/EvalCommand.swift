import ArgumentParser
import Foundation
import SiteBuild
import SiteCore
import TensorScript

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate a tensor expression, or every ```tensor block of a note, in the terminal.",
        discussion: "Examples:\n  sitegen eval 'softmax([1, 2, 3])'\n  sitegen eval notes/examples/activations.md")

    @ArgumentParser.Argument(help: "An expression (several statements separated by ';' or newlines) or a note file.")
    var input: String

    func run() throws {
        var diagnostics: [Diagnostic] = []
        var text = ""
        if FileManager.default.fileExists(atPath: input),
           let data = FileManager.default.contents(atPath: input), let note = String(data: data, encoding: .utf8) {
            let blocks = TensorBlocks.extract(from: note, path: input)
            if blocks.isEmpty { text = "\(input): no ```tensor blocks\n" }
            for block in blocks {
                let result = ExampleEvaluator.evaluateForTerminal(block.source, path: input, firstLine: block.line)
                text += "── \(input):\(block.line)\n" + result.text + "\n"
                diagnostics += result.diagnostics
            }
        } else {
            let source = input.replacingOccurrences(of: ";", with: "\n")
            let result = ExampleEvaluator.evaluateForTerminal(source, path: "<eval>", firstLine: 1)
            text = result.text
            diagnostics = result.diagnostics
        }
        print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
        for d in diagnostics { FileHandle.standardError.write(Data((d.description + "\n").utf8)) }
        if diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
    }
}
