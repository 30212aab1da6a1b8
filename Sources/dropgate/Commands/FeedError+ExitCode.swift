import ArgumentParser
import Feeds

extension FeedError {
    /// The exit status of a command stopped by this error when its message is all there is to say (printed as it
    /// is, not as a failed feed): 2 when the files lack an interchange id an 846 needs, 1 when a stored snapshot
    /// cannot be read; nil for any other error.
    var exitStatus: Int32? {
        switch kind {
        case .noInterchange: 2
        case .unreadableSnapshot: 1
        default: nil
        }
    }
}

extension FeedCommand {
    /// Runs a feed command's work; a `FeedError` that has an exit status is printed as it is and exits with it,
    /// any other error goes on as thrown.
    static func exitingOnFeedProblems(_ work: () async throws -> Void) async throws {
        do {
            try await work()
        } catch let error as FeedError {
            guard let status = error.exitStatus else { throw error }
            printError(error.description)
            throw ExitCode(status)
        }
    }
}
