@testable import SwiftGRPC
import TestMessages
import TestServices
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The addresses a target's resolver returns (for schemes other than dns: no lookup).
private func addresses(of text: String) async throws -> [SocketTarget] {
    try await ChannelTarget(parsing: text).makeResolver().resolve().addresses.map(\.address)
}

/// The name and port a dns target resolves, or nil when it is not a dns target.
private func dnsQuery(of text: String) throws -> (host: String, port: Int)? {
    guard let resolver = try ChannelTarget(parsing: text).makeResolver() as? DNSResolver else { return nil }
    return (resolver.host, resolver.port)
}

@Suite(.timeLimit(.minutes(1)))
struct ChannelTargetTests {
    struct DNSCase: Sendable, CustomStringConvertible {
        let text: String
        let host: String
        let port: Int
        let authority: String
        var description: String { text }
    }

    static let dnsCases: [DNSCase] = [
        DNSCase(text: "localhost:50051", host: "localhost", port: 50051, authority: "localhost:50051"),
        DNSCase(text: "dns:///localhost:50051", host: "localhost", port: 50051, authority: "localhost:50051"),
        DNSCase(text: "dns:localhost", host: "localhost", port: 443, authority: "localhost:443"),
        DNSCase(text: "localhost", host: "localhost", port: 443, authority: "localhost:443"),
        DNSCase(text: "DNS:///api.example.com", host: "api.example.com", port: 443, authority: "api.example.com:443"),
        DNSCase(text: "[::1]:8080", host: "::1", port: 8080, authority: "[::1]:8080"),
        DNSCase(text: "dns:[::1]", host: "::1", port: 443, authority: "[::1]:443"),
        DNSCase(text: "::1", host: "::1", port: 443, authority: "[::1]:443"),
        DNSCase(text: "127.0.0.1:9", host: "127.0.0.1", port: 9, authority: "127.0.0.1:9"),
    ]

    @Test(arguments: dnsCases)
    func dnsForms(_ expected: DNSCase) throws {
        let target = try ChannelTarget(parsing: expected.text)
        #expect(target.scheme == "dns")
        #expect(target.host == expected.host)
        #expect(target.authority == expected.authority)
        let query = try #require(try dnsQuery(of: expected.text))
        #expect(query.host == expected.host && query.port == expected.port)
        #expect(try ChannelTarget(parsing: target.description) == target)
    }

    @Test func dnsCanonicalForm() throws {
        #expect(try ChannelTarget(parsing: "localhost:50051").description == "dns:///localhost:50051")
        #expect(try ChannelTarget(parsing: "dns:localhost") == ChannelTarget(parsing: "dns:///localhost:443"))
    }

    @Test func ipv4Lists() async throws {
        let target = try ChannelTarget(parsing: "ipv4:127.0.0.1:1,127.0.0.2:2")
        #expect(target.scheme == "ipv4")
        #expect(target.authority == "127.0.0.1:1")
        #expect(target.host == "127.0.0.1")
        #expect(target.description == "ipv4:127.0.0.1:1,127.0.0.2:2")
        #expect(try await addresses(of: "ipv4:127.0.0.1:1,127.0.0.2:2") == [.tcp(host: "127.0.0.1", port: 1), .tcp(host: "127.0.0.2", port: 2)])
        #expect(try await addresses(of: "ipv4:127.0.0.1") == [.tcp(host: "127.0.0.1", port: 443)])
        #expect(try await addresses(of: "ipv4:///10.0.0.1:80") == [.tcp(host: "10.0.0.1", port: 80)])
        #expect(try ChannelTarget(parsing: "ipv4:127.0.0.1").authority == "127.0.0.1:443")
    }

    @Test func ipv6Lists() async throws {
        let target = try ChannelTarget(parsing: "ipv6:[::1]:5,[::1]:6")
        #expect(target.scheme == "ipv6")
        #expect(target.authority == "[::1]:5")
        #expect(target.host == "::1")
        #expect(target.description == "ipv6:[::1]:5,[::1]:6")
        #expect(try await addresses(of: "ipv6:[::1]:5,[::1]:6") == [.tcp(host: "::1", port: 5), .tcp(host: "::1", port: 6)])
        #expect(try await addresses(of: "ipv6:::1") == [.tcp(host: "::1", port: 443)])
        #expect(try await addresses(of: "ipv6:[2607:f8b0:400e:c00::ef]") == [.tcp(host: "2607:f8b0:400e:c00::ef", port: 443)])
    }

    @Test func unixForms() async throws {
        let relative = try ChannelTarget(parsing: "unix:relative.sock")
        #expect(relative.scheme == "unix" && relative.authority == "localhost" && relative.host == "localhost")
        #expect(try await addresses(of: "unix:relative.sock") == [.unix(path: "relative.sock")])
        #expect(relative.description == "unix:relative.sock")

        let absolute = try ChannelTarget(parsing: "unix:///tmp/a.sock")
        #expect(absolute.scheme == "unix" && absolute.authority == "localhost")
        #expect(try await addresses(of: "unix:///tmp/a.sock") == [.unix(path: "/tmp/a.sock")])
        #expect(try ChannelTarget(parsing: "unix:/tmp/a.sock") == absolute)
        #expect(absolute.description == "unix:///tmp/a.sock")

        let abstract = try ChannelTarget(parsing: "unix-abstract:swiftgrpc")
        #expect(abstract.scheme == "unix-abstract" && abstract.authority == "localhost" && abstract.host == "localhost")
        #expect(try await addresses(of: "unix-abstract:swiftgrpc") == [.unixAbstract(name: "swiftgrpc")])
        #expect(abstract.description == "unix-abstract:swiftgrpc")
    }

    @Test func inProcessForm() async throws {
        let target = try ChannelTarget(parsing: "inprocess:billing")
        #expect(target.scheme == "inprocess" && target.authority == "localhost")
        #expect(try await addresses(of: "inprocess:billing") == [.inProcess(name: "billing")])
    }

    @Test func fromSocketTargets() throws {
        #expect(ChannelTarget(.tcp(host: "localhost", port: 1)) == (try ChannelTarget(parsing: "dns:///localhost:1")))
        #expect(ChannelTarget(.tcp(host: "127.0.0.1", port: 1)) == (try ChannelTarget(parsing: "ipv4:127.0.0.1:1")))
        #expect(ChannelTarget(.tcp(host: "::1", port: 1)) == (try ChannelTarget(parsing: "ipv6:[::1]:1")))
        #expect(ChannelTarget(.unix(path: "/tmp/x.sock")) == (try ChannelTarget(parsing: "unix:///tmp/x.sock")))
        #expect(ChannelTarget(.unixAbstract(name: "x")) == (try ChannelTarget(parsing: "unix-abstract:x")))
        #expect(ChannelTarget(.inProcess(name: "x")) == (try ChannelTarget(parsing: "inprocess:x")))
        #expect(ChannelTarget(.tcp(host: "", port: 7)).authority == "localhost:7")
    }

    @Test(arguments: [
        ("ipv4:1.2.3", "not a numeric IPv4 address"),
        ("ipv4:127.0.0.1:99999", "not in 1...65535"),
        ("ipv4:127.0.0.1,", "empty address"),
        ("ipv6:[zz::1]:1", "not a numeric IPv6 address"),
        ("ipv6:[::1", "without ']'"),
        ("dns://8.8.8.8/x", "getaddrinfo"),
        ("unix://host/path", "empty authority"),
        ("", "empty"),
        ("unix-abstract:", "name is empty"),
        ("unix:", "path is empty"),
        ("inprocess:", "name is empty"),
        ("localhost:http", "not a number"),
        ("localhost:0", "not in 1...65535"),
        ("xds:///service", "unknown scheme 'xds'"),
        ("dns:///", "no host name"),
        ("a b:1", "contains ' '"),
        ("1:2:3", "more than one ':'"),
        ("unix:/" + String(repeating: "p", count: 200), "more than 107"),
    ])
    func invalidTargets(text: String, reason: String) {
        #expect {
            try ChannelTarget(parsing: text)
        } throws: { error in
            guard let error = error as? RPCError else { return false }
            return error.code == .invalidArgument && error.message.hasPrefix("'\(text)' is not a valid target: ")
                && error.message.contains(reason)
        }
    }

    @Test func socketTargetTextForms() {
        #expect(SocketTarget("unix-abstract:name") == .unixAbstract(name: "name"))
        #expect(SocketTarget("unix-abstract:") == nil)
        #expect(SocketTarget.unixAbstract(name: "name").description == "unix-abstract:name")
    }

    /// The kernel takes every byte of the given length as the name, so the address must end
    /// where the name does (a full-size sockaddr_un would name "x" padded with NULs).
    @Test func abstractAddressIsCutToTheName() throws {
        let address = try #require(try Socket.resolve(.unixAbstract(name: "abc"), passive: false).first)
        let pathOffset = MemoryLayout<sockaddr_un>.offset(of: \.sun_path)!
        #expect(address.count == pathOffset + 1 + 3)
        #expect(Socket.family(of: address) == AF_UNIX)
        #expect(Array(address[pathOffset...]) == [0] + Array("abc".utf8))
        #expect(throws: RPCError.self) { try Socket.resolve(.unixAbstract(name: String(repeating: "n", count: 108)), passive: false) }
    }

    @Test func dnsResolvesLocalhostToLoopback() async throws {
        let found = try await DNSResolver(host: "localhost", port: 50051).resolve().addresses.map(\.address)
        #expect(!found.isEmpty)
        #expect(Set(found).count == found.count)
        for address in found {
            guard case .tcp(let host, let port) = address else {
                Issue.record("\(address) is not a TCP address")
                continue
            }
            #expect(port == 50051)
            #expect(host.hasPrefix("127.") || host == "::1", "\(host) is not a loopback address")
        }
    }

    @Test func dnsTakesNumericHostsAsTheyAre() async throws {
        #expect(try await DNSResolver(host: "127.0.0.1", port: 1).resolve().addresses.map(\.address) == [.tcp(host: "127.0.0.1", port: 1)])
        #expect(try await DNSResolver(host: "::1", port: 2).resolve().addresses.map(\.address) == [.tcp(host: "::1", port: 2)])
    }

    @Test func dnsFailureIsUnavailable() async {
        let error = await rpcError { _ = try await DNSResolver(host: "no-such-host.invalid", port: 1).resolve() }
        #expect(error?.code == .unavailable)
        #expect(error?.message.hasPrefix("cannot resolve no-such-host.invalid: ") == true)
    }

    @Test func staticResolverKeepsOrderAndAttributes() async throws {
        let given = [ResolvedAddress(.tcp(host: "10.0.0.2", port: 1), attributes: ["zone": "b"]), ResolvedAddress(.unix(path: "/tmp/s"))]
        #expect(try await StaticResolver(given).resolve().addresses == given)
        #expect(try await StaticResolver([SocketTarget.inProcess(name: "n")]).resolve().addresses == [ResolvedAddress(.inProcess(name: "n"))])
    }

    @Test func serverAnswersOnAnAbstractSocket() async throws {
        let target = SocketTarget.unixAbstract(name: "swiftgrpc-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        let server = Server(services: [EchoService()])
        #expect(try await server.start(target) == 0)
        let second = Server(services: [EchoService()])
        await #expect(throws: (any Error).self) { try await second.start(target) }
        let channel = try Channel(target: target)
        do {
            #expect(try await Swiftgrpc_Test_Echo.Client(channel: channel).get(request("hi")).text == "hi")
        } catch {
            Issue.record("the call over \(target) failed: \(error)")
        }
        channel.close()
        await second.shutdown(grace: .milliseconds(200))
        await server.shutdown(grace: .milliseconds(200))
    }
}
