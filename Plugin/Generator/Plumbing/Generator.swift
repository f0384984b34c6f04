/// The plugin's shell: request in, response out. Generation errors become
/// CodeGeneratorResponse.error, naming the file and element; nothing here traps.
public enum Generator {
    public static func respond(to requestBytes: [UInt8]) -> [UInt8] {
        var response = Google_Protobuf_Compiler_CodeGeneratorResponse()
        typealias Feature = Google_Protobuf_Compiler_CodeGeneratorResponse.Feature
        response.supportedFeatures = UInt64(Feature.proto3Optional.rawValue | Feature.supportsEditions.rawValue)
        response.minimumEdition = Int32(Features.minimumEdition.rawValue)
        response.maximumEdition = Int32(Features.maximumEdition.rawValue)
        do {
            let request = try Google_Protobuf_Compiler_CodeGeneratorRequest(serializedBytes: requestBytes)
            response.file = try generate(request)
        } catch {
            response.error = "\(error)"
        }
        return (try? response.serializedBytes()) ?? []
    }

    static func generate(_ request: Google_Protobuf_Compiler_CodeGeneratorRequest) throws
        -> [Google_Protobuf_Compiler_CodeGeneratorResponse.File]
    {
        let options = try GeneratorOptions(parameter: request.parameter)
        let set = try DescriptorSet(request.protoFile)
        var outputs: [Google_Protobuf_Compiler_CodeGeneratorResponse.File] = []
        let generatedFiles = Set(request.fileToGenerate)
        for name in request.fileToGenerate {
            guard let file = set.file(named: name) else {
                throw GeneratorError(file: name, element: "file", reason: "listed in file_to_generate but not in proto_file")
            }
            // Every file gets its .pb.swift, a file of services alone too: it holds the descriptor.
            let source = try FileEmitter(file: file, set: set, generatedFiles: generatedFiles, options: options).emit()
            outputs.append(.with {
                $0.name = options.outputPath(for: name, suffix: ".pb.swift")
                $0.content = source
            })
            let hasServiceCode = !file.services.isEmpty && (options.generatesServer || options.generatesClient)
            if hasServiceCode || options.alwaysEmitsServiceFile {
                let source = try ServiceEmitter(file: file, set: set, generatedFiles: generatedFiles, options: options).emit()
                outputs.append(.with {
                    $0.name = options.outputPath(for: name, suffix: ".grpc.swift")
                    $0.content = source
                })
            }
        }
        return outputs
    }
}
