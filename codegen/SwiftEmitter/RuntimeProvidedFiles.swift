/// .proto files whose types a runtime module already declares: generated code refers to
/// those types (same names) and never declares them again.
enum RuntimeProvidedFiles {
    /// The module that declares each file's types.
    static let module: [String: String] = [
        "google/protobuf/timestamp.proto": "ProtoCodec",
        "google/protobuf/duration.proto": "ProtoCodec",
        "google/protobuf/empty.proto": "ProtoCodec",
        "google/protobuf/wrappers.proto": "ProtoCodec",
        "google/protobuf/descriptor.proto": "ProtoDescriptors",
    ]
}
