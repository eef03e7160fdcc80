import Foundation

/// One node process running `KaTeXDriver`, used by one batch at a time.
final class KaTeXWorker: @unchecked Sendable {
    private let node: URL
    private let environment: [String: String]
    private let lock = NSLock()
    private var process: LineProcess?

    init(node: URL, environment: [String: String]) {
        self.node = node
        self.environment = environment
    }

    deinit {
        process?.terminate()
    }

    /// Starts the process now and returns the KaTeX version it reports.
    func start() throws -> String {
        try lock.withLock {
            let (process, version) = try Self.launch(node: node, environment: environment)
            self.process = process
            return version
        }
    }

    /// Renders `batch`; restarts the process once if it died. `nil` when it cannot answer.
    func render(_ batch: [MathSpan], macros: [String: String]) -> [KaTeXOutcome]? {
        lock.withLock {
            if process == nil { process = try? Self.launch(node: node, environment: environment).process }
            if let answer = exchange(batch, macros: macros) { return answer }
            process?.terminate()
            process = try? Self.launch(node: node, environment: environment).process
            return exchange(batch, macros: macros)
        }
    }

    private struct Request: Encodable {
        struct Item: Encodable { var tex: String; var display: Bool }
        var macros: [String: String]
        var items: [Item]
    }

    private struct Answer: Decodable {
        var results: [KaTeXOutcome]?
    }

    private func exchange(_ batch: [MathSpan], macros: [String: String]) -> [KaTeXOutcome]? {
        guard let process, process.isRunning else { return nil }
        let request = Request(macros: macros, items: batch.map { .init(tex: $0.tex, display: $0.display) })
        guard let data = try? JSONEncoder().encode(request), (try? process.writeLine(data)) != nil,
              let line = process.readLine(),
              let answer = try? JSONDecoder().decode(Answer.self, from: line),
              let results = answer.results, results.count == batch.count
        else { return nil }
        return results
    }

    private struct Ready: Decodable {
        var ready: Bool
        var version: String
    }

    private static func launch(node: URL, environment: [String: String]) throws -> (process: LineProcess, version: String) {
        let process = try LineProcess(executable: node, arguments: ["-e", KaTeXDriver.script], extraEnvironment: environment)
        guard let line = process.readLine() else {
            process.terminate()
            throw KaTeXRenderer.StartError.katexNotLoadable("node exited before answering; is the `katex` package installed?")
        }
        guard let ready = try? JSONDecoder().decode(Ready.self, from: line), ready.ready else {
            process.terminate()
            throw KaTeXRenderer.StartError.katexNotLoadable(String(decoding: line.prefix(200), as: UTF8.self))
        }
        return (process, ready.version)
    }
}
