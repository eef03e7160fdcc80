import Foundation
import SitePublish

/// When each file of a folder inside a git repository was last committed, from one `git log` over the
/// folder's history: the first time a path shows up is its newest commit.
enum CommitDates {
    /// `YYYY-MM-DD` of each file's last commit, by its path relative to `folder`; empty when git is missing
    /// or `folder` is in no repository.
    static func lastCommitDays(in folder: URL) -> [String: String] {
        guard let executable = Git.locate(),
              let output = try? Git(executable: executable, folder: folder)
                  .output(["-c", "core.quotePath=off", "log", "--format=%x00%cs", "--name-only", "--relative", "--", "."]),
              output.status == 0
        else { return [:] }
        return days(fromLog: String(decoding: output.stdout, as: UTF8.self))
    }

    /// Parses `git log --format=%x00%cs --name-only` (newest commit first).
    static func days(fromLog log: String) -> [String: String] {
        var days: [String: String] = [:]
        var day = ""
        for line in log.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("\u{0}") {
                day = String(line.dropFirst())
            } else if days[String(line)] == nil {
                days[String(line)] = day
            }
        }
        return days
    }
}
