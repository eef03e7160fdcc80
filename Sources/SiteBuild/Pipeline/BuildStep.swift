/// One named stage of the build, run in order over the shared `BuildContext`.
///
/// Steps record problems as diagnostics and keep going; they throw `BuildAbort` only when nothing sensible
/// can follow (no notes folder, unreadable templates).
public struct BuildStep: Sendable {
    public var name: String
    public var run: @Sendable (inout BuildContext) throws -> Void

    public init(_ name: String, run: @escaping @Sendable (inout BuildContext) throws -> Void) {
        self.name = name
        self.run = run
    }
}

/// Stops the build; the step's diagnostics say why.
public struct BuildAbort: Error, Sendable {
    public var step: String
    public init(step: String) { self.step = step }
}
