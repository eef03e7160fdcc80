import ArgumentParser
import Foundation
import SiteBuild
import SiteCore
import SitePreview

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build, serve the site on this machine, and rebuild and reload the open pages on every change.",
        discussion: """
            Watches the notes, the templates folder and the settings file. A build that fails leaves the last \
            good site served and shows its errors over the page and here; the next good build clears them. \
            The reload script is added by the server only, never to the built files.
            """)

    @OptionGroup var options: BuildOptions
    @Option(help: "Port to listen on.") var port = 8000
    @Option(help: "Address to listen on; 0.0.0.0 serves the preview to other machines too.") var host = "127.0.0.1"
    @Flag(help: "Open the site in the default browser.") var open = false
    @Flag(help: "Watch by polling every half second instead of with inotify (for network file systems).") var poll = false
    @Flag(help: "After every build, print the seconds each step took.") var timings = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
    }

    func run() throws {
        let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let options = options
        let first = try options.context(root: root)
        switch PortProbe.check(host: host, port: port) {
        case .free: break
        case .inUse: Self.fail(PortInUse(host: host, port: port).description)
        case .unavailable(let reason): Self.fail("cannot listen on '\(host)': \(reason)")
        }
        if !["127.0.0.1", "localhost", "::1"].contains(host) {
            Self.say("sitegen: warning: --host \(host) serves the preview to every machine that can reach this one; "
                + "the default, 127.0.0.1, keeps it on this machine")
        }

        let rebuilder = IncrementalRebuilder(builder: options.builder, fallback: first) { try options.context(root: root) }
        let progress = ProgressLine(enabled: isatty(STDERR_FILENO) != 0)
        let initial = RebuildOutcome(rebuilder.build(first) { index, count, step in
            progress.show("[\(index)/\(count)] \(step)…")
        })
        progress.clear()
        let showTimings = timings
        Self.say(Self.lines(for: initial, changedIn: nil, timings: showTimings))
        if initial.refused { throw ExitCode(2) }

        let sites = ServedSiteHolder(initial.site)
        let hub = ReloadHub()
        hub.publish(initial)
        let watcher = WatcherHolder(polling: poll)
        let coordinator = RebuildCoordinator(rebuilder: rebuilder) { outcome, changed in
            if outcome.succeeded { sites.site = outcome.site }
            hub.publish(outcome)
            let shown = Set(changed.map { first.displayPath(URL(fileURLWithPath: $0)) })
            Self.say(Self.lines(for: outcome, changedIn: shown, timings: showTimings))
            if showTimings, !outcome.isRefresh {
                let store = rebuilder.artifacts, notes = store.lastBuild, files = rebuilder.ledger.lastBuild
                let search = store.searchIndex.lastUpdate
                Self.say("  read \(notes.parsed.count + notes.reusedParsed - store.sources.lastBuildHits) notes, "
                    + "parsed \(notes.parsed.count) (\(notes.reusedParsed) reused), topics for \(notes.parsed.count + notes.reusedParsed - store.topics.lastBuildReused) "
                    + "(\(store.topics.lastBuildReused) reused), rendered \(notes.rendered.count) bodies (\(notes.reusedBodies) reused), "
                    + "reused \(notes.reusedPages) pages, search: \(search.pages) pages and \(search.shards) shards encoded, "
                    + "wrote \(files.written) files, removed \(files.removed)")
            }
            watcher.watch(outcome.inputs)
        }
        watcher.onChange = { coordinator.filesChanged($0) }
        watcher.watch(initial.inputs)
        coordinator.start()

        let host = host, open = open
        let server = PreviewServer(host: host, port: port, sites: sites, hub: hub) { port in
            let shownHost = ["0.0.0.0", "::"].contains(host) ? "127.0.0.1" : host.contains(":") ? "[\(host)]" : host
            let url = "http://\(shownHost):\(port)\(sites.site.basePath)"
            FileHandle.standardOutput.write(Data("Serving \(first.displayPath(sites.site.folder))/ at \(url) (Ctrl-C stops)\n".utf8))
            if open { Self.openBrowser(url) }
        }
        let stopping = Self.onInterrupt { Task { await server.stop() } }
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var failure: Error?
        Task {
            do { try await server.run() } catch { failure = error }
            done.signal()
        }
        done.wait()
        withExtendedLifetime(stopping) {}
        watcher.stop()
        coordinator.stop()
        if let failure {
            Self.fail(failure is PortInUse ? "\(failure)" : "the server stopped: \(failure)")
        }
    }

    /// What the terminal shows of a build: diagnostics (on a rebuild only those in the changed files), the
    /// problems that failed it with their source lines, and the summary.
    static func lines(for outcome: RebuildOutcome, changedIn changed: Set<String>?, timings: Bool = false) -> [String] {
        let problemSeverity = outcome.problems.first?.severity
        let others = outcome.diagnostics.filter { d in
            guard d.severity != .error, d.severity != problemSeverity else { return false }
            guard let changed else { return true }
            return d.location.map { changed.contains($0.path) } ?? false
        }
        let digest = DiagnosticDigest()
        var lines = digest.lines(others)
        if changed == nil { lines += digest.table(outcome.diagnostics) }
        let shown = ShownProblem.problems(of: outcome)
        lines += shown.flatMap(\.terminalLines)
        if outcome.problems.count > shown.count { lines.append("… and \(outcome.problems.count - shown.count) more") }
        var summary = outcome.summary
        if let changed, !changed.isEmpty {
            let names = changed.sorted()
            summary = (names.count == 1 ? names[0] : "\(names[0]) and \(names.count - 1) more") + " changed: " + summary
        }
        if !outcome.succeeded && !outcome.refused { summary += "; serving the last good site" }
        if timings {
            lines.append("  " + outcome.timings.map { "\($0.step) \(String(format: "%.3f", $0.seconds))" }.joined(separator: ", "))
        }
        return lines + [summary]
    }

    static func say(_ lines: [String]) {
        say(lines.joined(separator: "\n"))
    }

    static func say(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static func fail(_ message: String) -> Never {
        say("sitegen: error: \(message)")
        Foundation.exit(1)
    }

    /// Runs `stop` on the first Ctrl-C or SIGTERM; a second one ends the process at once.
    static func onInterrupt(_ stop: @escaping @Sendable () -> Void) -> [any DispatchSourceSignal] {
        nonisolated(unsafe) var count = 0
        let queue = DispatchQueue(label: "sitegen signals")
        return [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                count += 1
                if count > 1 { Foundation.exit(130) }
                say("stopping…")
                stop()
            }
            source.resume()
            return source
        }
    }

    static func openBrowser(_ url: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        #if os(macOS)
        process.arguments = ["open", url]
        #else
        process.arguments = ["xdg-open", url]
        #endif
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            say("sitegen: note: cannot open a browser (\(FileSystem.reason(for: error))); open \(url) yourself")
        }
    }
}

/// The file watcher of the serve command, replaced when a rebuild reads other folders (an edited
/// `sitegen.yml` naming another notes folder).
final class WatcherHolder: @unchecked Sendable {
    private let lock = NSLock()
    private let polling: Bool
    private var inputs: WatchedInputs?
    private var watcher: (any FileWatcher)?
    var onChange: @Sendable (Set<String>) -> Void = { _ in }

    init(polling: Bool) {
        self.polling = polling
    }

    func watch(_ inputs: WatchedInputs) {
        lock.lock()
        defer { lock.unlock() }
        guard inputs != self.inputs else { return }
        watcher?.stop()
        self.inputs = inputs
        watcher = FileWatching.start(inputs, polling: polling, onChange: onChange)
    }

    func stop() {
        lock.withLock { watcher?.stop() }
    }
}
