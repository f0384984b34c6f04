@testable import SwiftGRPC
import TestMessages
import TestServices
import Testing

@Suite(.timeLimit(.minutes(2)))
struct HealthServiceTests {
    typealias Status = Grpc_Health_V1_HealthCheckResponse.ServingStatus

    // MARK: The status board and its watches

    @Test func theServerAsAWholeServesUntilShutdownAndOthersAreUnknownUntilSet() {
        let health = HealthService()
        #expect(health.status(forService: "") == .serving)
        #expect(health.status(forService: "helloworld.Greeter") == nil)
        health.setStatus(.serving, forService: "helloworld.Greeter")
        health.setStatus(.notServing, forService: "user.UserService")
        #expect(health.status(forService: "helloworld.Greeter") == .serving)
        #expect(health.status(forService: "user.UserService") == .notServing)
        health.clearStatus(forService: "user.UserService")
        #expect(health.status(forService: "user.UserService") == nil)
    }

    @Test func shutdownTurnsEveryServiceNotServingForGood() {
        let health = HealthService()
        health.setStatus(.serving, forService: "a.A")
        health.serverWillShutDown()
        #expect(health.status(forService: "") == .notServing)
        #expect(health.status(forService: "a.A") == .notServing)
        health.setStatus(.serving, forService: "a.A")
        health.setStatus(.serving, forService: "")
        #expect(health.status(forService: "a.A") == .notServing)
        #expect(health.status(forService: "") == .notServing)
    }

    @Test func aWatchStartsWithTheCurrentStatusThenSeesEachChange() async {
        let board = HealthStatusBoard()
        board.set(.serving, of: "a.A")
        let watch = board.watch("a.A")
        #expect(await watch.next() == .serving)
        board.set(.notServing, of: "a.A")
        #expect(await watch.next() == .notServing)
        board.set(nil, of: "a.A")
        #expect(await watch.next() == .serviceUnknown)
        board.remove(watch, of: "a.A")
        #expect(board.watchCount == 0)
    }

    @Test func anUnknownServiceIsWatchedUntilItBecomesKnown() async {
        let board = HealthStatusBoard()
        let watch = board.watch("later.Service")
        #expect(await watch.next() == .serviceUnknown)
        let next = Task { await watch.next() }
        board.set(.serving, of: "later.Service")
        #expect(await next.value == .serving)
    }

    @Test func aSlowWatcherGetsTheNewestStatusNotAQueue() async {
        let board = HealthStatusBoard()
        board.set(.serving, of: "a.A")
        let watch = board.watch("a.A")
        #expect(await watch.next() == .serving)
        for index in 0..<10_000 { board.set(index % 2 == 0 ? .notServing : .serving, of: "a.A") }
        board.set(.notServing, of: "a.A")
        #expect(await watch.next() == .notServing)
        // A flip and a flip back while nobody read is no change at all.
        board.set(.serving, of: "a.A")
        board.set(.notServing, of: "a.A")
        board.set(.serving, of: "a.A")
        #expect(await watch.next() == .serving)
        board.set(.notServing, of: "a.A")
        board.set(.serving, of: "a.A")
        board.shutDown()
        #expect(await watch.next() == .notServing)
        #expect(await watch.next() == nil)
    }

    @Test func shutdownEndsEveryWatchAfterNotServing() async {
        let board = HealthStatusBoard()
        board.set(.serving, of: "a.A")
        let known = board.watch("a.A"), unknown = board.watch("b.B"), whole = board.watch("")
        #expect(await known.next() == .serving)
        #expect(await unknown.next() == .serviceUnknown)
        #expect(await whole.next() == .serving)
        let waiting = Task { await known.next() }
        board.shutDown()
        #expect(await waiting.value == .notServing)
        #expect(await known.next() == nil)
        for watch in [unknown, whole] {
            #expect(await watch.next() == .notServing)
            #expect(await watch.next() == nil)
        }
        // A watch that starts after shutdown hears NOT_SERVING and ends.
        let late = board.watch("a.A")
        #expect(await late.next() == .notServing)
        #expect(await late.next() == nil)
    }

    @Test func cancellingTheWatchingTaskEndsTheWatch() async {
        let board = HealthStatusBoard()
        let watch = board.watch("")
        #expect(await watch.next() == .serving)
        let waiting = Task { await watch.next() }
        waiting.cancel()
        #expect(await waiting.value == nil)
        board.set(.notServing, of: "")
        #expect(await watch.next() == nil)
    }

    // MARK: Over a server

    @Test func checkListAndNotFound() async throws {
        let health = HealthService()
        let server = try await TestServer.start(services: [EchoService(), health])
        health.setStatus(.serving, forService: Swiftgrpc_Test_Echo.serviceName)
        let channel = try Channel(target: server.target)
        let client = Grpc_Health_V1_Health.Client(channel: channel)
        #expect(try await client.check(.with { $0.service = "" }).status == .serving)
        #expect(try await client.check(.with { $0.service = Swiftgrpc_Test_Echo.serviceName }).status == .serving)
        let missing = await rpcError { _ = try await client.check(.with { $0.service = "no.Such" }) }
        #expect(missing?.code == .notFound)
        #expect(missing?.message.contains("no.Such") == true)
        let list = try await client.list(Grpc_Health_V1_HealthListRequest())
        #expect(list.statuses.mapValues(\.status) == ["": .serving, Swiftgrpc_Test_Echo.serviceName: .serving])
        channel.close()
        await server.stop()
    }

    @Test func listRefusesMoreThanAHundredServices() async throws {
        let health = HealthService()
        for index in 0..<HealthService.listLimit { health.setStatus(.serving, forService: "s.S\(index)") }
        let server = try await TestServer.start(services: [health])
        let channel = try Channel(target: server.target)
        let error = await rpcError { _ = try await Grpc_Health_V1_Health.Client(channel: channel).list(Grpc_Health_V1_HealthListRequest()) }
        #expect(error?.code == .resourceExhausted)
        channel.close()
        await server.stop()
    }

    @Test func watchStreamsSeeNotServingAtShutdownAndDoNotHoldIt() async throws {
        let health = HealthService()
        let server = try await TestServer.start(services: [EchoService(), health])
        health.setStatus(.serving, forService: Swiftgrpc_Test_Echo.serviceName)
        let channel = try Channel(target: server.target)
        let client = Grpc_Health_V1_Health.Client(channel: channel)
        var streams: [ResponseStream<Grpc_Health_V1_HealthCheckResponse>] = []
        for service in ["", Swiftgrpc_Test_Echo.serviceName, "not.Yet"] {
            streams.append(try await client.watch(.with { $0.service = service }))
        }
        var iterators = streams.map { $0.makeAsyncIterator() }
        #expect(try await iterators[0].next()?.status == .serving)
        #expect(try await iterators[1].next()?.status == .serving)
        #expect(try await iterators[2].next()?.status == .serviceUnknown)
        health.setStatus(.notServing, forService: Swiftgrpc_Test_Echo.serviceName)
        #expect(try await iterators[1].next()?.status == .notServing)
        #expect(health.board.watchCount == 3)

        // A grace far longer than the test's time limit: the watches must end by themselves,
        // with OK (had the grace run out, they would end UNAVAILABLE).
        let shutdown = Task { await server.server.shutdown(grace: .seconds(600)) }
        for index in iterators.indices {
            // The Echo watch saw NOT_SERVING already: the same status is not sent twice.
            if index != 1 { #expect(try await iterators[index].next()?.status == .notServing) }
            #expect(try await iterators[index].next() == nil)
            #expect(await streams[index].status().code == .ok)
        }
        await shutdown.value
        #expect(health.board.watchCount == 0)
        channel.close()
    }

    @Test func aCancelledWatchLeavesNothingBehind() async throws {
        let health = HealthService()
        let server = try await TestServer.start(services: [health])
        let channel = try Channel(target: server.target)
        let stream = try await Grpc_Health_V1_Health.Client(channel: channel).watch(.with { $0.service = "" })
        var iterator = stream.makeAsyncIterator()
        #expect(try await iterator.next()?.status == .serving)
        stream.cancel()
        #expect(await stream.status().code == .cancelled)
        // The handler's task ends once the cancellation reaches the server; bounded wait.
        for _ in 0..<500 where health.board.watchCount > 0 { try await Task.sleep(for: .milliseconds(10)) }
        #expect(health.board.watchCount == 0)
        channel.close()
        await server.stop()
    }
}
