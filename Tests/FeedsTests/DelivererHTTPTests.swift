import Foundation
import Orders
import Profiles
import Store
import TestSupport
import Testing

@testable import Feeds

/// Feeds pushed to a real HTTP server on 127.0.0.1: what arrives, how it is authenticated, what the ledger says.
@Suite("Delivery over HTTP")
struct DelivererHTTPTests {
    @Test(
        "the server receives exactly the feed's bytes with the method, headers and credentials the profile names",
        arguments: [
            (["token": "FEED_TOKEN"], DeliveryOptions(), "POST", "authorization", "Bearer t0k3n"),
            (
                ["username": "FEED_USER", "password": "FEED_PASSWORD"], DeliveryOptions(method: .put), "PUT",
                "authorization", "Basic " + Data("harbor:s3cret".utf8).base64EncodedString()
            ),
            (["api-key": "FEED_KEY"], DeliveryOptions(), "POST", "x-api-key", "k3y"),
            (
                ["api-key": "FEED_KEY"], DeliveryOptions(apiKeyHeader: "Authorization"), "POST", "authorization",
                "k3y"
            ),
        ])
    func exactBytesAndAuth(
        credentials: [String: String], options: DeliveryOptions, method: String, header: String, value: String
    ) async throws {
        let server = try ScriptedHTTPServer()
        let temporary = try TemporaryStore()
        let environment = [
            "FEED_TOKEN": "t0k3n", "FEED_USER": "harbor", "FEED_PASSWORD": "s3cret", "FEED_KEY": "k3y",
        ]
        let body = "sku,quantity\nHP-10001,4\n\"A,B\",0\n"
        let run = try await temporary.store.recordFeedRun(feedDraft(body, at: Date()))
        let result = try await quickDeliverer(environment: environment).push(
            run, name: "bestbuy-all.csv",
            to: endpoint(server.url("/offers"), credentials: credentials, options: options),
            store: temporary.store, clock: ContinuousClock(), now: wallClock)
        #expect(result == .delivered(attempts: 1))
        let requests = try server.requests()
        try #require(requests.count == 1)
        #expect(requests[0].method == method)
        #expect(requests[0].path == "/offers")
        #expect(requests[0].bodyBytes == Array(body.utf8))
        #expect(requests[0].headers[header] == value)
        #expect(requests[0].headers["content-type"] == "text/csv")
        #expect(requests[0].headers["x-document-name"] == "bestbuy-all.csv")
        let ledger = try await temporary.store.deliveryAttempts(of: .feedRun(run.id))
        #expect(ledger.map(\.status) == [201])
        #expect(ledger.map(\.outcome) == [.delivered])
        #expect(ledger.first?.bytes == body.utf8.count)
        #expect(
            ledger.first.map { String(decoding: $0.responseExcerpt, as: UTF8.self) }
                == #"{"received": \#(body.utf8.count)}"#)
        let runs = try await temporary.store.feedRuns(retailer: "bestbuy")
        #expect(runs.map(\.state) == [.delivered])
        #expect(runs.first?.deliveredAt != nil)
    }

    @Test("a credential whose environment variable is not set fails the item without sending anything")
    func missingCredential() async throws {
        let server = try ScriptedHTTPServer()
        let temporary = try TemporaryStore()
        let run = try await temporary.store.recordFeedRun(feedDraft("sku,quantity\n", at: Date()))
        let result = try await quickDeliverer(environment: [:]).push(
            run, name: "feed.csv", to: endpoint(server.url("/offers"), credentials: ["token": "NOT_SET_ANYWHERE"]),
            store: temporary.store, clock: ContinuousClock(), now: wallClock)
        #expect(result == .failed(attempts: 1))
        #expect(try server.requests().isEmpty)
        let ledger = try await temporary.store.deliveryAttempts(of: .feedRun(run.id))
        #expect(ledger.map(\.outcome) == [.failed])
        #expect(ledger.first?.error?.contains("NOT_SET_ANYWHERE") == true)
    }

    @Test("the ledger keeps URLs without their credentials and at most 512 bytes of the answer")
    func ledgerRedactsAndTrims() async throws {
        let server = try ScriptedHTTPServer(scripts: ["/offers": [.status(403)]])
        let temporary = try TemporaryStore()
        let run = try await temporary.store.recordFeedRun(feedDraft("x", at: Date()))
        let url = server.url("/offers").replacingOccurrences(of: "http://", with: "http://user:hunter2@")
        let result = try await quickDeliverer().push(
            run, name: "feed.csv", to: endpoint(url), store: temporary.store, clock: ContinuousClock(),
            now: wallClock)
        #expect(result == .failed(attempts: 1))
        let ledger = try await temporary.store.deliveryAttempts(of: nil)
        #expect(ledger.count == 1)
        #expect(ledger.first?.url == server.url("/offers"))
        #expect(ledger.first?.url.contains("hunter2") == false)
        #expect(ledger.first?.status == 403)
        let long = DeliveryAttempt(
            subject: .feedRun(run.id), attempt: 2, at: Date(), url: "u", status: 500, bytes: 1, duration: .zero,
            responseExcerpt: Array(repeating: 65, count: 2000), outcome: .retry)
        #expect(long.responseExcerpt.count == 512)
    }
}
