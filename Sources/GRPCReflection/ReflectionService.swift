import Foundation
import ProtoCodec
import RPCCore

/// gRPC server reflection (`grpc.reflection.v1.ServerReflection` and its predecessor
/// `grpc.reflection.v1alpha.ServerReflection`) over a set of `.proto` file descriptors, so
/// that grpcurl, rpccurl and other clients can list and call a server's services.
///
/// A server usually needs one line, ``RPCRouter/registerReflection(serializedFiles:)``, which
/// describes every service registered on the router, before or after the call:
///
/// ```swift
/// try router.registerReflection()
/// ```
///
/// The reflection protocol's own files are always included, so `list` shows both versions.
/// Questions that cannot be answered get an `ErrorResponse` in the stream (NOT_FOUND for an
/// unknown file, symbol or extension; UNIMPLEMENTED for an empty request), and the call goes on.
public struct ReflectionService: Sendable {
    /// The v1 method, `/grpc.reflection.v1.ServerReflection/ServerReflectionInfo`.
    public static let v1Method = MethodDescriptor(
        service: "grpc.reflection.v1.ServerReflection", method: "ServerReflectionInfo")
    /// The v1alpha method, `/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo`.
    public static let v1alphaMethod = MethodDescriptor(
        service: "grpc.reflection.v1alpha.ServerReflection", method: "ServerReflectionInfo")

    /// The files of each reflection version, recorded for its service when registered.
    private static let ownFiles = [
        v1Method.service: [Grpc_Reflection_V1_Reflection_FileDescriptor.serialized],
        v1alphaMethod.service: [Grpc_Reflection_V1alpha_Reflection_FileDescriptor.serialized],
    ]

    private let index: ReflectionIndex

    /// The services `list_services` answers, sorted.
    public let serviceNames: [String]

    /// Creates the service over serialized `google.protobuf.FileDescriptorProto`s (duplicates
    /// are served once; the first of a name wins); `list_services` names every service they
    /// declare.
    ///
    /// - Throws: ``ReflectionError`` when some bytes are not a file descriptor.
    public init(serializedFiles: [[UInt8]]) throws(ReflectionError) {
        try self.init(serializedFiles: serializedFiles, describing: [:])
    }

    /// Creates the service over `serializedFiles` and the files `described` records for each
    /// service (as ``RPCRouter/descriptorFiles``): `list_services` names the services the
    /// given files declare and the described services, not the services that only an import
    /// of a described service's file declares.
    ///
    /// - Throws: ``ReflectionError`` naming the service whose files do not decode.
    init(serializedFiles: [[UInt8]], describing described: [String: [[UInt8]]]) throws(ReflectionError) {
        var index = ReflectionIndex()
        try index.add(serializedFiles, from: "given to the reflection service")
        var listed = index.declaredServices
        for (service, files) in (described.merging(Self.ownFiles) { recorded, _ in recorded }).sorted(by: {
            $0.key < $1.key
        }) {
            try index.add(files, from: "recorded for service \(service)")
            listed.insert(service)
        }
        self.index = index
        serviceNames = listed.sorted()
    }

    /// Registers both reflection versions with `router`, recording their `.proto` files there.
    ///
    /// The service answers from the files it was created with; ``RPCRouter/registerReflection(serializedFiles:)``
    /// also describes the services registered on the router after it.
    public func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
        // The two versions' messages are identical on the wire, so v1alpha is served with v1 types.
        for method in [Self.v1Method, Self.v1alphaMethod] {
            router.registerDescriptorFiles(Self.ownFiles[method.service] ?? [], forService: method.service)
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
    public func answer(_ request: Grpc_Reflection_V1_ServerReflectionRequest)
        -> Grpc_Reflection_V1_ServerReflectionResponse
    {
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
                index.file(extending: request.containingType, number: request.extensionNumber).flatMap(
                    index.fileWithDependencies),
                missing: "extension \(request.extensionNumber) of \"\(request.containingType)\" not found")
        case .allExtensionNumbersOfType(let type):
            guard let numbers = index.extensionNumbers(of: type) else {
                return error(.notFound, "type \"\(type)\" not found")
            }
            return .allExtensionNumbersResponse(.init(baseTypeName: type, extensionNumber: numbers))
        case .listServices:
            return .listServicesResponse(.init(service: serviceNames.map { .init(name: $0) }))
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
    /// Serves gRPC server reflection (v1 and v1alpha) describing every service registered on
    /// this router, whether before or after this call, and `serializedFiles`; see
    /// ``ReflectionService``.
    ///
    /// Generated services (Health included) record their `.proto` descriptors when
    /// registered (``RPCRouter/registerDescriptorFiles(_:forService:)``); the reflection service
    /// is built again from the complete router when an `RPCServer` is created with it, so the
    /// order of registrations does not matter and there is no list to maintain.
    /// `serializedFiles` adds files the router cannot know, such as those of a service
    /// registered by hand; every service they declare is listed.
    ///
    /// - Throws: ``ReflectionError`` when some bytes given or recorded so far are not a file
    ///   descriptor. Bytes recorded later that do not decode stop the program when the server
    ///   is created (generated descriptors always decode).
    public mutating func registerReflection(serializedFiles: [[UInt8]] = []) throws(ReflectionError) {
        try ReflectionService(serializedFiles: serializedFiles, describing: descriptorFiles).registerMethods(
            with: &self)
        addCompletionStep { router in
            do {
                try ReflectionService(serializedFiles: serializedFiles, describing: router.descriptorFiles)
                    .registerMethods(with: &router)
            } catch {
                preconditionFailure("registerReflection: \(error)")
            }
        }
    }
}
