import SitePublish
import Testing

@Suite struct GitHubPagesTests {
    @Test func projectAndUserPagesFromEveryRemoteURLForm() {
        for url in ["git@github.com:Me/notes.git", "https://github.com/Me/notes", "https://github.com/Me/notes.git",
                    "ssh://git@github.com/Me/notes.git", "https://token@github.com/Me/notes.git"] {
            let pages = GitHubPages(remoteURL: url)
            #expect(pages?.siteURL == "https://me.github.io/notes/" && pages?.isProjectPage == true, "\(url)")
        }
        let userPage = GitHubPages(remoteURL: "git@github.com:me/Me.github.io.git")
        #expect(userPage?.siteURL == "https://me.github.io/" && userPage?.isProjectPage == false)
        for other in ["https://gitlab.com/me/notes.git", "/srv/git/notes.git", "git@github.company.com:me/notes.git", "https://github.com/me"] {
            #expect(GitHubPages(remoteURL: other) == nil, "\(other)")
        }
    }
}
