import ProtoDescriptors

/// A readable difference between two descriptors: the path of the first differing element
/// (`file > message Foo > field bar`) with both values, instead of two unreadable dumps.
enum DescriptorDiff {
    static func difference(_ ours: FileDescriptorProto, _ theirs: FileDescriptorProto) -> String? {
        let path = "file \(theirs.name ?? "?")"
        var ourTop = ours, theirTop = theirs
        ourTop.messageType = []
        theirTop.messageType = []
        ourTop.enumType = []
        theirTop.enumType = []
        ourTop.extension = []
        theirTop.extension = []
        ourTop.service = []
        theirTop.service = []
        ourTop.sourceCodeInfo = nil
        theirTop.sourceCodeInfo = nil
        if ourTop != theirTop { return report(path, ourTop, theirTop) }
        return list(path, "message", ours.messageType, theirs.messageType, \.name, message)
            ?? list(path, "enum", ours.enumType, theirs.enumType, \.name, leaf)
            ?? list(path, "extension", ours.extension, theirs.extension, \.name, leaf)
            ?? list(path, "service", ours.service, theirs.service, \.name, leaf)
            ?? (ours == theirs ? nil : report(path + " > source info", ours.sourceCodeInfo, theirs.sourceCodeInfo))
    }

    private static func message(_ path: String, _ ours: DescriptorProto, _ theirs: DescriptorProto) -> String? {
        var ourTop = ours, theirTop = theirs
        ourTop.field = []
        theirTop.field = []
        ourTop.nestedType = []
        theirTop.nestedType = []
        ourTop.enumType = []
        theirTop.enumType = []
        ourTop.extension = []
        theirTop.extension = []
        return list(path, "field", ours.field, theirs.field, \.name, leaf)
            ?? list(path, "message", ours.nestedType, theirs.nestedType, \.name, message)
            ?? list(path, "enum", ours.enumType, theirs.enumType, \.name, leaf)
            ?? list(path, "extension", ours.extension, theirs.extension, \.name, leaf)
            ?? leaf(path, ourTop, theirTop)
    }

    private static func list<T: Equatable>(
        _ path: String, _ kind: String, _ ours: [T], _ theirs: [T], _ name: (T) -> String?,
        _ compare: (String, T, T) -> String?
    ) -> String? {
        for (index, (our, their)) in zip(ours, theirs).enumerated() {
            if let difference = compare("\(path) > \(kind) \(name(their) ?? "#\(index)")", our, their) {
                return difference
            }
        }
        if ours.count != theirs.count {
            return "\(path): \(ours.count) \(kind)s in ours, \(theirs.count) in protoc's"
        }
        return nil
    }

    private static func leaf<T: Equatable>(_ path: String, _ ours: T, _ theirs: T) -> String? {
        ours == theirs ? nil : report(path, ours, theirs)
    }

    private static func report<T>(_ path: String, _ ours: T, _ theirs: T) -> String {
        "\(path)\n  ours:   \(ours)\n  protoc: \(theirs)"
    }
}
