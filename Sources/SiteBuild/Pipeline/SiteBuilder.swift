import Foundation
import SiteCore

/// The version printed by `sitegen --version` and in every page's generator tag.
public let sitegenVersion = "0.1.0"

/// Runs the build: checks the output folder may be replaced (`OutputSafety`) and locks it, runs the named
/// steps in order, then swaps the staging folder into the output.
public struct SiteBuilder: Sendable {
    /// The default pipeline, in reading order.
    public static let defaultSteps: [BuildStep] = [
        .discoverNotes,
        .skipUnchangedSite,
        .loadTemplates,
        .assignURLs,
        .readNavigation,
        .readNoteCache,
        .reuseParsedNotes,
        .normalizeNotes,
        .protectMath,
        .parseMarkdown,
        .summarizeTopics,
        .linkTopics,
        .linkTrees,
        .evaluateExamples,
        .rememberParsedNotes,
        .highlightCode,
        .renderBodies,
        .sanitizeHTML,
        .finishParsedNotes,
        .renderMath,
        .rememberBodies,
        .writeNoteCache,
        .applyTemplates,
        .releaseBodies,
        .topicPages,
        .tagPages,
        .writeHostFiles,
        .buildSearchIndex,
        .writeOutput,
    ]

    /// What `sitegen check` runs: the build's steps that find problems, and `checkSite`; nothing is written.
    public static let checkSteps: [BuildStep] =
        defaultSteps.filter { ![BuildStep.skipUnchangedSite.name, BuildStep.buildSearchIndex.name, BuildStep.writeNoteCache.name, BuildStep.writeOutput.name].contains($0.name) } + [.checkSite]

    public var steps: [BuildStep]
    /// Treat warnings as errors: the output is not replaced when there are any.
    public var strict: Bool
    /// Replace an output folder that lacks sitegen's marker (the other `OutputSafety` rules still apply).
    public var force: Bool
    /// How long to wait for another build writing the same output before giving up.
    public var lockTimeout: Double
    /// How many notes a run of per-batch steps (`BuildStep.runsPerBatch`) works on at a time in a build
    /// without an artifact store; `sitegen serve`, whose store keeps every body anyway, runs them once.
    public var batchSize: Int

    public init(steps: [BuildStep] = SiteBuilder.defaultSteps, strict: Bool = false, force: Bool = false,
                lockTimeout: Double = 5, batchSize: Int = 500) {
        self.steps = steps
        self.strict = strict
        self.force = force
        self.lockTimeout = lockTimeout
        self.batchSize = batchSize
    }

    /// Builds `context`'s notes into its output folder. `progress` is told each step as it starts.
    public func build(_ context: BuildContext, progress: (_ index: Int, _ count: Int, _ step: String) -> Void = { _, _, _ in })
        -> BuildResult
    {
        var context = context
        let start = DispatchTime.now()
        context.artifacts?.begin(context)
        var timings: [BuildResult.Timing] = []
        var aborted = false
        let output = context.displayPath(context.outputURL)
        if let refusal = OutputSafety.refusal(for: context, force: force) {
            context.diagnostics.append(.error(refusal, code: "output-unsafe"))
            return BuildResult(context: context, timings: [], seconds: Self.seconds(since: start), committed: false, refused: true)
        }
        let lock: OutputLock
        do {
            guard let acquired = try OutputLock.acquire(for: context.outputURL, waiting: lockTimeout) else {
                context.diagnostics.append(.error("another sitegen build is writing '\(output)' (it holds '\(context.displayPath(OutputLock.lockURL(for: context.outputURL)))'); waited \(Int(lockTimeout)) s, try again when it is done",
                                                  code: "output-locked"))
                return BuildResult(context: context, timings: [], seconds: Self.seconds(since: start), committed: false)
            }
            lock = acquired
        } catch {
            context.diagnostics.append(.error("cannot create the lock file next to '\(output)': \(FileSystem.reason(for: error))", code: "output-staging"))
            return BuildResult(context: context, timings: [], seconds: Self.seconds(since: start), committed: false)
        }
        context.outputLedger?.buildHoldsOutputLock = true
        defer {
            context.outputLedger?.buildHoldsOutputLock = false
            lock.release()
        }
        context.writesInPlace = context.outputLedger?.describes(context.outputURL) ?? false
        var oldSites: StagedOutput.BackgroundRemoval?
        if !context.writesInPlace {
            context.streamsPages = context.outputLedger == nil
            do {
                oldSites = try StagedOutput.prepare(output: context.outputURL)
            } catch {
                context.diagnostics.append(.error("cannot create the staging folder next to '\(output)': \(FileSystem.reason(for: error))",
                                                  code: "output-staging"))
                return BuildResult(context: context, timings: [], seconds: Self.seconds(since: start), committed: false)
            }
        }
        var skippedWrite = false
        var superseded = false
        var i = 0
        while i < steps.count {
            let step = steps[i]
            defer { i += 1 }
            if step.runsPerBatch, !context.writesInPlace, context.artifacts == nil {
                let group = steps[i...].prefix { $0.runsPerBatch }
                aborted = runInBatches(Array(group), first: i, of: steps.count, &context, timings: &timings, progress: progress)
                i += group.count - 1
                if aborted { break }
                // Every tree and body is gone: the steps after (the search index) start from what is left.
                FreedMemory.returnToSystem()
                oldSites?.start()
                continue
            }
            // In place, a build that has failed must not touch the output folder.
            if context.writesInPlace, step.name == BuildStep.writeOutput.name, hasFailed(context) {
                skippedWrite = true
                break
            }
            // In place, writing excludes `PageRefresh`, and a build whose edits are not the newest any more
            // stops before it writes anything (the next one does its work).
            let writing = context.writesInPlace && step.name == BuildStep.writeOutput.name ? context.outputLedger?.writeLock : nil
            writing?.lock()
            if context.writesInPlace, context.isSuperseded?() == true {
                writing?.unlock()
                skippedWrite = true
                superseded = true
                break
            }
            progress(i + 1, steps.count, step.name)
            let stepStart = DispatchTime.now()
            do {
                try step.run(&context)
            } catch {
                aborted = true
            }
            writing?.unlock()
            timings.append(.init(step: step.name, seconds: Self.seconds(since: stepStart)))
            if aborted || context.unchangedSite != nil { break }
            // The notes have been read and the site is not unchanged: deleting the site an earlier build
            // replaced can now overlap the CPU-bound steps. (An unchanged build leaves it to the next build
            // that writes, as every build leaves the site it replaces.)
            if step.name != BuildStep.discoverNotes.name { oldSites?.start() }
        }
        let failed = aborted || skippedWrite || hasFailed(context)
        var committed = false
        if context.writesInPlace {
            // Nothing was written (failed before writing), everything was (committed), or the folder's
            // state is unknown (failed while writing).
            if !failed {
                committed = true
                context.outputLedger?.confirm(context.outputURL)
            } else if !skippedWrite {
                context.outputLedger?.forget()
            }
        } else if failed || context.unchangedSite != nil {
            StagedOutput.discard(output: context.outputURL)
            committed = !failed
        } else {
            let swapStart = DispatchTime.now()
            defer { timings.append(.init(step: "swap", seconds: Self.seconds(since: swapStart))) }
            do {
                try StagedOutput.commit(output: context.outputURL)
                committed = true
                context.outputLedger?.confirm(context.outputURL)
                recordManifest(context)
            } catch {
                context.diagnostics.append(.error("cannot replace '\(output)': \(FileSystem.reason(for: error))",
                                                  code: "output-swap"))
                StagedOutput.discard(output: context.outputURL)
            }
        }
        oldSites?.wait()
        return BuildResult(context: context, timings: timings, seconds: Self.seconds(since: start), committed: committed,
                           superseded: superseded)
    }

    /// Runs `group` over one `PageBatch` of the pages after another, each step's time summed over the
    /// batches; true when a step aborted the build.
    private func runInBatches(_ group: [BuildStep], first: Int, of count: Int, _ context: inout BuildContext,
                              timings: inout [BuildResult.Timing], progress: (Int, Int, String) -> Void) -> Bool {
        var seconds = Array(repeating: 0.0, count: group.count)
        defer {
            context.batch = nil
            timings += zip(group, seconds).map { BuildResult.Timing(step: $0.name, seconds: $1) }
        }
        let batches = PageBatch.batches(of: context.pages, size: batchSize)
        context.counters["pageBatches"] = batches.count
        for batch in batches {
            context.batch = batch
            for (k, step) in group.enumerated() {
                if batch.isFirst { progress(first + k + 1, count, step.name) }
                let start = DispatchTime.now()
                let aborted = (try? step.run(&context)) == nil
                seconds[k] += Self.seconds(since: start)
                if aborted { return true }
            }
        }
        return false
    }

    /// Runs `checkSteps` over `context` without touching the output folder (`sitegen check`).
    public static func check(_ context: BuildContext, progress: (_ index: Int, _ count: Int, _ step: String) -> Void = { _, _, _ in })
        -> BuildResult
    {
        var context = context
        let start = DispatchTime.now()
        var timings: [BuildResult.Timing] = []
        for (i, step) in checkSteps.enumerated() {
            progress(i + 1, checkSteps.count, step.name)
            let stepStart = DispatchTime.now()
            let aborted = (try? step.run(&context)) == nil
            timings.append(.init(step: step.name, seconds: seconds(since: stepStart)))
            if aborted { break }
        }
        return BuildResult(context: context, timings: timings, seconds: seconds(since: start), committed: false, checked: true)
    }

    /// Remembers this build's inputs and output folder for the next build (`SiteManifest`). A build whose
    /// formulas were left to the browser because node failed is not remembered (the next one tries again).
    private func recordManifest(_ context: BuildContext) {
        guard let inputs = context.siteInputs else { return }
        let url = SiteManifest.url(for: context.outputURL, in: context)
        guard !context.mathFellBackToBrowser, let files = SiteManifest.outputFiles(of: context.outputURL)
        else {
            try? FileManager.default.removeItem(at: url)
            return
        }
        SiteManifest(inputs: inputs, outputFiles: files, result: context).write(to: url)
    }

    /// The build so far has errors, or warnings under `strict`.
    private func hasFailed(_ context: BuildContext) -> Bool {
        let all = context.allDiagnostics
        return all.errorCount > 0 || (strict && all.warningCount > 0)
    }

    static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }
}

extension BuildContext {
    /// Site-wide diagnostics and every page's, ordered by file and line.
    public var allDiagnostics: [Diagnostic] {
        (diagnostics + pages.flatMap(\.diagnostics)).sortedByLocation()
    }
}
