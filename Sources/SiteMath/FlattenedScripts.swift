/// Spots TeX copied from rendered math, where `b_j` became `bj` and `x^{(1)}` became `x(1)`.
enum FlattenedScripts {
    /// Names that are words, not a letter with a lost script.
    static let words: Set<String> = [
        "max", "min", "log", "exp", "sin", "cos", "tan", "lim", "sup", "inf", "det", "arg", "dim", "ker", "deg",
        "gcd", "mod", "ln", "lg", "tr", "var", "cov", "std", "sgn", "relu", "if", "and", "or", "for", "of",
    ]

    /// The first run of 2–3 lower-case ASCII letters that is neither a command nor a known word.
    static func suspect(in tex: String) -> String? {
        let s = Array(tex.unicodeScalars)
        var k = 0
        while k < s.count {
            guard s[k].isASCIILetter else { k += 1; continue }
            var e = k
            while e < s.count, s[e].isASCIILetter { e += 1 }
            let isCommand = k > 0 && s[k - 1] == "\\"
            var run = String.UnicodeScalarView()
            run.append(contentsOf: s[k..<e])
            let word = String(run)
            if !isCommand, (2...3).contains(e - k), word == word.lowercased(), !words.contains(word) {
                return word
            }
            k = e
        }
        return nil
    }
}
