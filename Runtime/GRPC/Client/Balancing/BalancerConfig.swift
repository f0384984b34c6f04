import SwiftProto

/// A balancer's JSON config object, read with errors that name the policy and the field.
struct BalancerConfig {
    let policy: String
    let fields: [String: Google_Protobuf_Value]

    init(json: String, policy: String) throws {
        self.policy = policy
        do {
            let value = try Google_Protobuf_Value(jsonString: json)
            guard case .structValue(let object)? = value.kind else {
                throw RPCError(code: .invalidArgument, message: "service config: loadBalancingConfig.\(policy): not a JSON object")
            }
            fields = object.fields
        } catch let error as RPCError {
            throw error
        } catch {
            throw RPCError(code: .invalidArgument, message: "service config: loadBalancingConfig.\(policy): \(error)")
        }
    }

    func bool(_ name: String) throws -> Bool? {
        guard let value = fields[name] else { return nil }
        guard case .boolValue(let flag)? = value.kind else {
            throw RPCError(code: .invalidArgument, message: "service config: loadBalancingConfig.\(policy).\(name): not a boolean")
        }
        return flag
    }
}
