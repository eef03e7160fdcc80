extension Substring {
    /// The first occurrence of `needle`, found by comparing UTF-8 bytes (much faster than the generic
    /// character search, and exact because a UTF-8 needle can only match at a scalar boundary).
    public func firstByteRange(of needle: String) -> Range<Index>? {
        let pattern = Array(needle.utf8)
        guard let first = pattern.first else { return nil }
        let bytes = utf8
        var i = bytes.startIndex
        while i < bytes.endIndex {
            if bytes[i] == first {
                var j = i, k = 0
                while k < pattern.count, j < bytes.endIndex, bytes[j] == pattern[k] {
                    j = bytes.index(after: j)
                    k += 1
                }
                if k == pattern.count { return i..<j }
            }
            i = bytes.index(after: i)
        }
        return nil
    }

    /// Whether `needle` occurs, by UTF-8 bytes.
    public func containsBytes(_ needle: String) -> Bool { firstByteRange(of: needle) != nil }
}
