import SwiftGRPC
import SwiftProto

/// swiftgrpc.test.Echo as the end-to-end tests and the interop tool use it.
///
/// - Get answers with the text; a non-zero `count` fails with that status code and the text
///   as message; the text `throw-plain` throws an error that is not an RPCError, and
///   `throw-details` a FAILED_PRECONDITION with a google.rpc.Status holding the request; the
///   text `peer` answers with what the server knows of the client (`EchoService.describe`).
/// - Request metadata `x-echo` comes back as response header `x-echo`, `x-echo-bin` as
///   trailer `x-echo-bin`.
/// - `delay_ms` sleeps first (and, for Expand, between replies).
/// - With a `name`, every response carries it in the header `x-served-by` (to tell replicas
///   apart behind a proxy).
public struct EchoService: Swiftgrpc_Test_Echo.SimpleServiceProtocol {
    struct PlainError: Error {}
    let name: String?

    public init(name: String? = nil) {
        self.name = name
    }

    public func get(request: Swiftgrpc_Test_EchoRequest, context: ServerContext) async throws -> Swiftgrpc_Test_EchoResponse {
        try echoMetadata(context)
        try await pause(request.delayMs)
        if request.text == "throw-plain" { throw PlainError() }
        if request.text == "throw-details" {
            throw RPCError(code: .failedPrecondition, message: "with details", details: .with {
                $0.code = Int32(StatusCode.failedPrecondition.rawValue)
                $0.message = "with details"
                $0.details = [.with {
                    $0.typeURL = "type.googleapis.com/swiftgrpc.test.EchoRequest"
                    $0.value = (try? request.serializedBytes()) ?? []
                }]
            })
        }
        if request.count != 0 {
            throw RPCError(code: StatusCode(rawValue: Int(request.count)) ?? .unknown, message: request.text)
        }
        if request.text == "peer" {
            return .with { $0.text = EchoService.describe(context) }
        }
        return .with {
            $0.text = request.text
            $0.payload = request.payload
        }
    }

    public func expand(request: Swiftgrpc_Test_EchoRequest, responses: ResponseWriter<Swiftgrpc_Test_EchoResponse>,
                       context: ServerContext) async throws {
        try echoMetadata(context)
        for index in 0..<max(0, request.count) {
            try await pause(request.delayMs)
            try await responses.write(.with {
                $0.text = "\(request.text) \(index)"
                $0.index = index
                $0.payload = request.payload
            })
        }
    }

    public func collect(requests: RequestStream<Swiftgrpc_Test_EchoRequest>, context: ServerContext) async throws
        -> Swiftgrpc_Test_EchoResponse
    {
        try echoMetadata(context)
        var texts: [String] = []
        for try await request in requests {
            texts.append(request.text)
        }
        return .with {
            $0.text = texts.joined(separator: " ")
            $0.index = Int32(texts.count)
        }
    }

    public func update(requests: RequestStream<Swiftgrpc_Test_EchoRequest>, responses: ResponseWriter<Swiftgrpc_Test_EchoResponse>,
                       context: ServerContext) async throws {
        try echoMetadata(context)
        var index: Int32 = 0
        for try await request in requests {
            if request.count < 0 { throw RPCError(code: .aborted, message: "asked to abort at \(index)") }
            try await responses.write(.with {
                $0.text = request.text
                $0.index = index
                $0.payload = request.payload
            })
            index += 1
        }
    }

    private func echoMetadata(_ context: ServerContext) throws {
        if let name { try context.addResponseHeader(.string(name), forKey: "x-served-by") }
        if let value = context.requestMetadata.firstString(forKey: "x-echo") {
            try context.addResponseHeader(.string(value), forKey: "x-echo")
        }
        if let value = context.requestMetadata.firstBinary(forKey: "x-echo-bin") {
            try context.addTrailer(.binary(value), forKey: "x-echo-bin")
        }
    }

    private func pause(_ milliseconds: Int32) async throws {
        if milliseconds > 0 { try await Task.sleep(for: .milliseconds(Int(milliseconds))) }
    }
}

extension EchoService {
    /// `plaintext`, or `TLSv1.3 h2 client=CN dns=a,b ip=c`: the client as the server saw it.
    public static func describe(_ context: ServerContext) -> String {
        guard let tls = context.tls else { return "plaintext" }
        var words = [tls.protocolVersion, tls.applicationProtocol]
        if let certificate = tls.peerCertificate {
            words.append("client=\(certificate.commonName ?? "")")
            if !certificate.dnsNames.isEmpty { words.append("dns=" + certificate.dnsNames.joined(separator: ",")) }
            if !certificate.ipAddresses.isEmpty { words.append("ip=" + certificate.ipAddresses.joined(separator: ",")) }
        } else {
            words.append("client=none")
        }
        return words.joined(separator: " ")
    }
}
