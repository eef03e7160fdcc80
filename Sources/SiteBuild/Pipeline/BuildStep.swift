/// One named stage of the build, run in order over the shared `BuildContext`.
///
/// Steps record problems as diagnostics and keep going; they throw `BuildAbort` only when nothing sensible
/// can follow (no notes folder, unreadable templates).
public struct BuildStep: Sendable {
    public var name: String
    /// The step works on `BuildContext.batch` when there is one: `SiteBuilder` runs a run of such steps over
    /// one batch of notes after another (see `SiteBuilder.batchSize`).
    public var runsPerBatch: Bool
    public var run: @Sendable (inout BuildContext) throws -> Void

    public init(_ name: String, perBatch: Bool = false, run: @escaping @Sendable (inout BuildContext) throws -> Void) {
        self.name = name
        self.runsPerBatch = perBatch
        self.run = run
    }
}

/// Stops the build; the step's diagnostics say why.
public struct BuildAbort: Error, Sendable {
    public var step: String
    public init(step: String) { self.step = step }
}
