import Foundation

/// Runs a block's evaluation on a thread with a known stack. Blocks are evaluated on whatever thread the
/// caller uses, and Dispatch worker threads have small stacks (512 KB on macOS); the deepest programs the
/// limits allow (`Parser.maxNesting`, `EvaluationContext.maxNesting` and `.maxDepth`, with higher-order
/// builtins such as `minimize` calling definitions that call them again) need about 1 MB in a debug build.
enum EvaluationThread {
    /// A main thread's stack on Linux: eight times what the deepest programs were measured to need.
    static let stackSize = 8 << 20

    /// `body`'s result, computed on a new thread with `stackSize` bytes of stack while the caller waits.
    static func run<T: Sendable>(stackSize: Int = stackSize, _ body: @escaping @Sendable () -> T) -> T {
        let slot = ResultSlot<T>()
        let thread = Thread {
            slot.value = body()
            slot.done.signal()
        }
        thread.stackSize = stackSize
        thread.start()
        slot.done.wait()
        return slot.value!
    }

    /// Written by the evaluation thread before it signals `done`, read by the caller after waiting.
    private final class ResultSlot<T>: @unchecked Sendable {
        var value: T?
        let done = DispatchSemaphore(value: 0)
    }
}
