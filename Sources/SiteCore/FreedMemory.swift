#if canImport(Glibc)
import Glibc
#endif

/// Memory the process has freed but the allocator still holds.
public enum FreedMemory {
    /// Gives the free pages inside glibc's heaps back to the system (`malloc_trim(0)`), so that what is
    /// allocated next does not add to a high-water mark set by data already let go. glibc keeps freed memory
    /// for reuse, but a large new table (a search index) rarely fits the holes many small freed objects left.
    /// Does nothing where the C library has no `malloc_trim`.
    public static func returnToSystem() {
        #if canImport(Glibc)
        typealias MallocTrim = @convention(c) (Int) -> Int32
        guard let symbol = dlsym(nil, "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: MallocTrim.self)(0)
        #endif
    }
}
