import Dispatch

extension Array where Element: Sendable {
    /// `map` on every core, keeping order. `transform` must be safe to call concurrently. Inlinable, so it is
    /// specialised in the modules that call it, as it was when it lived in SiteBuild.
    @inlinable public func parallelMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        guard count > 1 else { return map(transform) }
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer {
            // Without this every result stayed retained for ever: the buffer held a copy of each one.
            results.deinitialize()
            results.deallocate()
        }
        nonisolated(unsafe) let slots = results
        let items = self
        DispatchQueue.concurrentPerform(iterations: count) { i in
            slots[i] = transform(items[i])
        }
        return results.map { $0! }
    }
}
