extension Substring {
    /// The first occurrence of `needle`, found by comparing UTF-8 bytes (much faster than the generic
    /// character search, and exact because a UTF-8 needle can only match at a scalar boundary).
    func firstByteRange(of needle: String) -> Range<Index>? {
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

    func containsBytes(_ needle: String) -> Bool { firstByteRange(of: needle) != nil }
}

extension String {
    /// The same lines as `SiteCore`'s `sourceLines` (split on `\n`, `\r\n`, `\r`), found on the UTF-8
    /// bytes instead of Characters: several times faster on long notes.
    var lineSlices: [Substring] {
        var lines: [Substring] = []
        let bytes = utf8
        var start = bytes.startIndex
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            if b == 0x0A || b == 0x0D {
                lines.append(self[start..<i])
                var next = bytes.index(after: i)
                if b == 0x0D, next < bytes.endIndex, bytes[next] == 0x0A { next = bytes.index(after: next) }
                i = next
                start = next
            } else {
                i = bytes.index(after: i)
            }
        }
        lines.append(self[start..<endIndex])
        return lines
    }
}
