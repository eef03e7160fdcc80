import Foundation
import SiteCore

/// Renders formulas at build time with KaTeX in one long-lived node process fed in batches.
///
/// HTML+MathML output; KaTeX errors become `error:` diagnostics (the page shows the source TeX in
/// `<code class="math-error">`), strict-mode complaints become `warning:` diagnostics. Results are
/// cached by sha256(formula, display, KaTeX version, macros) in memory and in `cacheDirectory`.
public final class KaTeXRenderer: MathRendering, @unchecked Sendable {
    /// How many formulas KaTeX rendered and how many came from the cache, since creation.
    public struct Statistics: Sendable, Hashable {
        public var rendered = 0
        public var cached = 0
        public var failed = 0
    }

    public enum StartError: Error, CustomStringConvertible {
        case nodeNotFound
        case katexNotLoadable(String)

        public var description: String {
            switch self {
            case .nodeNotFound: "node (Node.js) was not found on PATH"
            case .katexNotLoadable(let why): "the KaTeX module could not be loaded by node (\(why))"
            }
        }
    }

    /// The KaTeX version reported by the node module.
    public let katexVersion: String
    public var mode: MathRenderingMode { .buildTime }

    private let node: URL
    private let environment: [String: String]
    private var process: LineProcess?
    private let processLock = NSLock()
    private let cache: MathRenderCache
    private let statisticsLock = NSLock()
    private var counters = Statistics()
    /// Formulas per request line; bounds the size of one JSON line.
    private let batchSize = 500

    /// Starts node with KaTeX. `nodePath` defaults to `$SITEGEN_NODE`, then `node`/`nodejs` on `PATH`;
    /// `/usr/share/nodejs` (Debian's `katex` package) is added to `NODE_PATH`.
    public init(cacheDirectory: URL?, nodePath: String? = nil) throws {
        guard let node = Self.findNode(nodePath) else { throw StartError.nodeNotFound }
        let nodePathVariable = ([ProcessInfo.processInfo.environment["NODE_PATH"], "/usr/share/nodejs"]
            .compactMap { $0 }.filter { !$0.isEmpty }).joined(separator: ":")
        self.node = node
        self.environment = ["NODE_PATH": nodePathVariable]
        let (process, version) = try Self.start(node: node, environment: environment)
        self.process = process
        self.katexVersion = version
        self.cache = MathRenderCache(directory: cacheDirectory)
    }

    deinit {
        process?.terminate()
    }

    public var statistics: Statistics {
        statisticsLock.withLock { counters }
    }

    public func render(_ spans: [MathSpan], macros: [String: String]) -> [RenderedMath] {
        let macroKey = macros.cacheKeyText
        let keys = spans.map { MathRenderCache.key(tex: $0.tex, display: $0.display, version: katexVersion, macros: macroKey) }
        var outcomes: [String: KaTeXOutcome] = [:]
        var missing: [(key: String, span: MathSpan)] = []
        var cachedCount = 0
        for (key, span) in zip(keys, spans) where outcomes[key] == nil {
            if let hit = cache.lookup(key) {
                outcomes[key] = hit
                cachedCount += 1
            } else if !missing.contains(where: { $0.key == key }) {
                missing.append((key, span))
            }
        }
        let fresh = renderWithNode(missing.map(\.span), macros: macros.katexMacros)
        for ((key, _), outcome) in zip(missing, fresh) {
            outcomes[key] = outcome
            if outcome.error?.hasPrefix(Self.bridgeFailurePrefix) != true { cache.store(outcome, for: key) }
        }
        statisticsLock.withLock {
            counters.cached += cachedCount
            counters.rendered += fresh.count
            counters.failed += fresh.filter { $0.error != nil }.count
        }
        return zip(keys, spans).map { key, span in
            Self.result(outcomes[key] ?? KaTeXOutcome(html: nil, error: Self.bridgeFailurePrefix, warnings: []), for: span)
        }
    }

    static let bridgeFailurePrefix = "the KaTeX process failed"

    static func result(_ outcome: KaTeXOutcome, for span: MathSpan) -> RenderedMath {
        let shown = MathProtector.excerpt(span.original)
        var diagnostics = outcome.warnings.map {
            Diagnostic.warning("KaTeX: \($0) in \(shown)", code: "math-katex-warning", at: span.location)
        }
        if let html = outcome.html, outcome.error == nil {
            return RenderedMath(html: html, diagnostics: diagnostics)
        }
        let message = outcome.error ?? "no output"
        diagnostics.append(.error("KaTeX: \(message) in \(shown)", code: "math-katex-error", at: span.location))
        return RenderedMath(html: errorHTML(span: span, message: message), diagnostics: diagnostics)
    }

    /// The source TeX, visibly marked, shown where a formula failed.
    static func errorHTML(span: MathSpan, message: String) -> String {
        #"<code class="math-error" title="\#(message.htmlEscaped)">\#(span.original.htmlEscaped)</code>"#
    }

    /// Sends `spans` in batches; on a broken process restarts it once and reports the rest as failures.
    private func renderWithNode(_ spans: [MathSpan], macros: [String: String]) -> [KaTeXOutcome] {
        guard !spans.isEmpty else { return [] }
        return processLock.withLock {
            var outcomes: [KaTeXOutcome] = []
            var start = 0
            var restarted = false
            while start < spans.count {
                let batch = Array(spans[start..<min(start + batchSize, spans.count)])
                if let answer = exchange(batch, macros: macros) {
                    outcomes += answer
                    start += batch.count
                } else if !restarted {
                    restarted = true
                    process?.terminate()
                    process = try? Self.start(node: node, environment: environment).process
                } else {
                    let why = KaTeXOutcome(html: nil, error: Self.bridgeFailurePrefix, warnings: [])
                    outcomes += Array(repeating: why, count: spans.count - start)
                    break
                }
            }
            return outcomes
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

    private static func start(node: URL, environment: [String: String]) throws -> (process: LineProcess, version: String) {
        let process = try LineProcess(executable: node, arguments: ["-e", KaTeXDriver.script], extraEnvironment: environment)
        guard let line = process.readLine() else {
            process.terminate()
            throw StartError.katexNotLoadable("node exited before answering; is the `katex` package installed?")
        }
        guard let ready = try? JSONDecoder().decode(Ready.self, from: line), ready.ready else {
            process.terminate()
            throw StartError.katexNotLoadable(String(decoding: line.prefix(200), as: UTF8.self))
        }
        return (process, ready.version)
    }

    static func findNode(_ explicit: String?) -> URL? {
        let fm = FileManager.default
        if let path = explicit ?? ProcessInfo.processInfo.environment["SITEGEN_NODE"], !path.isEmpty {
            return fm.isExecutableFile(atPath: path) ? URL(fileURLWithPath: path) : nil
        }
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin")
            .split(separator: ":").map(String.init)
        for name in ["node", "nodejs"] {
            for dir in directories where fm.isExecutableFile(atPath: dir + "/" + name) {
                return URL(fileURLWithPath: dir + "/" + name)
            }
        }
        return nil
    }
}
