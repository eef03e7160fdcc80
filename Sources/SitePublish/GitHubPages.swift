/// Where GitHub Pages serves a repository's site, read from its remote URL.
public struct GitHubPages: Equatable, Sendable {
    /// `https://me.github.io/notes/` (a project page) or `https://me.github.io/` (the user's own page).
    public var siteURL: String
    /// A project page is served under the repository's name, so links need that base path.
    public var isProjectPage: Bool

    /// `git@github.com:me/notes.git`, `https://github.com/me/notes`, `ssh://git@github.com/me/notes.git`;
    /// `nil` for other hosts.
    public init?(remoteURL: String) {
        var rest = Substring(remoteURL.trimmingCharacters(in: .whitespaces))
        for prefix in ["https://", "http://", "ssh://", "git://"] where rest.lowercased().hasPrefix(prefix) {
            rest = rest.dropFirst(prefix.count)
        }
        if let at = rest.firstIndex(of: "@"), rest[..<at].firstIndex(of: "/") == nil { rest = rest[rest.index(after: at)...] }
        guard rest.lowercased().hasPrefix("github.com"), let separator = rest.dropFirst("github.com".count).first,
              separator == "/" || separator == ":" else { return nil }
        let parts = rest.dropFirst("github.com".count + 1).split(separator: "/")
        guard parts.count == 2 else { return nil }
        let owner = parts[0].lowercased()
        var name = String(parts[1])
        if name.hasSuffix(".git") { name.removeLast(4) }
        guard !owner.isEmpty, !name.isEmpty else { return nil }
        isProjectPage = name.lowercased() != "\(owner).github.io"
        siteURL = "https://\(owner).github.io/" + (isProjectPage ? name + "/" : "")
    }
}
