import Foundation
import ProtoCodec
import RPCCore

/// gRPC server reflection (`grpc.reflection.v1.ServerReflection` and its predecessor
/// `grpc.reflection.v1alpha.ServerReflection`) over a set of `.proto` file descriptors, so
/// that grpcurl, rpccurl and other clients can list and call a server's services.
///
/// Give it every file the server's services are declared in, with their imports (generated
/// code carries both: `<File>_FileDescriptor.serialized` and `.dependencies`):
///
/// ```swift
/// try router.registerReflection(serializedFiles:
///     [Echo_FileDescriptor.serialized] + Echo_FileDescriptor.dependencies)
/// ```
///
/// The reflection protocol's own files are always included, so `list` shows both versions.
/// Questions that cannot be answered get an `ErrorResponse` in the stream (NOT_FOUND for an
/// unknown file, symbol or extension; UNIMPLEMENTED for an empty request), and the call goes on.
public struct ReflectionService: Sendable {
    /// The v1 method, `/grpc.reflection.v1.ServerReflection/ServerReflectionInfo`.
    public static let v1Method = MethodDescriptor(service: "grpc.reflection.v1.ServerReflection", method: "ServerReflectionInfo")
    /// The v1alpha method, `/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo`.
    public static let v1alphaMethod = MethodDescriptor(
        service: "grpc.reflection.v1alpha.ServerReflection", method: "ServerReflectionInfo")

    private let index: ReflectionIndex

    /// Creates the service over serialized `google.protobuf.FileDescriptorProto`s (duplicates
    /// are served once; the first of a name wins).
    ///
    /// - Throws: ``ReflectionError`` when some bytes are not a file descriptor.
    public init(serializedFiles: [[UInt8]]) throws(ReflectionError) {
        index = try ReflectionIndex(serializedFiles: serializedFiles + [
            Grpc_Reflection_V1_Reflection_FileDescriptor.serialized,
            Grpc_Reflection_V1alpha_Reflection_FileDescriptor.serialized,
        ])
    }

    /// The services the descriptors declare, sorted: what `list_services` answers.
    public var serviceNames: [String] { index.serviceNames }

    /// Registers both reflection versions with `router`.
    public func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
        // The two versions' messages are identical on the wire, so v1alpha is served with v1 types.
        for method in [Self.v1Method, Self.v1alphaMethod] {
            router.registerBidirectionalStreaming(method) {
                (request: StreamingServerRequest<Grpc_Reflection_V1_ServerReflectionRequest>, _) in
                StreamingServerResponse<Grpc_Reflection_V1_ServerReflectionResponse> { writer in
                    for try await question in request.messages {
                        try await writer.write(answer(question))
                    }
                    return Metadata()
                }
            }
        }
    }

    /// The response to one request.
    public func answer(_ request: Grpc_Reflection_V1_ServerReflectionRequest) -> Grpc_Reflection_V1_ServerReflectionResponse {
        var response = Grpc_Reflection_V1_ServerReflectionResponse()
        response.validHost = request.host
        response.originalRequest = request
        response.messageResponse = content(for: request.messageRequest)
        return response
    }

    private func content(
        for question: Grpc_Reflection_V1_ServerReflectionRequest.OneOf_MessageRequest?
    ) -> Grpc_Reflection_V1_ServerReflectionResponse.OneOf_MessageResponse {
        switch question {
        case .fileByFilename(let name):
            return files(index.fileWithDependencies(name), missing: "file \"\(name)\" not found")
        case .fileContainingSymbol(let symbol):
            return files(
                index.file(containingSymbol: symbol).flatMap(index.fileWithDependencies),
                missing: "symbol \"\(symbol)\" not found")
        case .fileContainingExtension(let request):
            return files(
                index.file(extending: request.containingType, number: request.extensionNumber).flatMap(index.fileWithDependencies),
                missing: "extension \(request.extensionNumber) of \"\(request.containingType)\" not found")
        case .allExtensionNumbersOfType(let type):
            guard let numbers = index.extensionNumbers(of: type) else {
                return error(.notFound, "type \"\(type)\" not found")
            }
            return .allExtensionNumbersResponse(.init(baseTypeName: type, extensionNumber: numbers))
        case .listServices:
            return .listServicesResponse(.init(service: index.serviceNames.map { .init(name: $0) }))
        case nil:
            return error(.unimplemented, "the request asks nothing this server knows")
        }
    }

    private func files(
        _ files: [ReflectionIndex.File]?, missing: String
    ) -> Grpc_Reflection_V1_ServerReflectionResponse.OneOf_MessageResponse {
        guard let files else { return error(.notFound, missing) }
        return .fileDescriptorResponse(.init(fileDescriptorProto: files.map { Data($0.serialized) }))
    }

    private func error(
        _ code: StatusCode, _ message: String
    ) -> Grpc_Reflection_V1_ServerReflectionResponse.OneOf_MessageResponse {
        .errorResponse(.init(errorCode: Int32(code.rawValue), errorMessage: message))
    }
}

extension RPCRouter {
    /// Serves gRPC server reflection (v1 and v1alpha) over `serializedFiles`; see ``ReflectionService``.
    ///
    /// - Throws: ``ReflectionError`` when some bytes are not a file descriptor.
    public mutating func registerReflection(serializedFiles: [[UInt8]]) throws(ReflectionError) {
        try ReflectionService(serializedFiles: serializedFiles).registerMethods(with: &self)
    }
}
