import ProtoDescriptors
@testable import SwiftEmitter
import Testing

@Suite("Swift names for protobuf names")
struct NamingTests {
    @Test("enum cases drop the enum's UPPER_SNAKE name and become lowerCamelCase")
    func enumCasePrefix() {
        #expect(
            EnumPlan.caseNames(
                enumName: "ServingStatus", values: ["SERVING_STATUS_UNKNOWN", "SERVING_STATUS_NOT_SERVING"])
                == ["unknown", "notServing"])
        #expect(EnumPlan.caseNames(enumName: "Color", values: ["RED", "DARK_BLUE"]) == ["red", "darkBlue"])
    }

    @Test("a stripped prefix that would leave a digit first, or a clash, is kept")
    func enumPrefixKept() {
        #expect(EnumPlan.caseNames(enumName: "Level", values: ["LEVEL_1", "LEVEL_2"]) == ["level1", "level2"])
    }

    @Test("enum cases that are keywords are escaped and reserved ones renamed")
    func enumCaseKeywords() {
        #expect(
            EnumPlan.caseNames(enumName: "Kind", values: ["DEFAULT", "UNRECOGNIZED", "SELF"])
                == ["`default`", "unrecognized_", "self_"])
    }

    @Test("aliases become static lets pointing at the first case of their number")
    func aliases() {
        var descriptor = EnumDescriptorProto()
        descriptor.name = "Mood"
        for (name, number) in [("HAPPY", 1), ("CHEERFUL", 1), ("SAD", 2)] {
            var value = EnumValueDescriptorProto()
            value.name = name
            value.number = Int32(number)
            descriptor.value.append(value)
        }
        let plan = EnumPlan(descriptor)
        #expect(plan.cases.map(\.name) == ["happy", "sad"])
        #expect(plan.aliases.map(\.value.name) == ["cheerful"])
        #expect(plan.aliases.map(\.target) == ["happy"])
    }

    @Test("fields become lowerCamelCase, keywords escaped, Message members moved aside")
    func propertyNames() {
        #expect(SwiftNaming.propertyName("singular_uint32") == "singularUint32")
        #expect(SwiftNaming.propertyName("class") == "`class`")
        #expect(SwiftNaming.propertyName("unknown_fields") == "unknownFields_p")
        #expect(SwiftNaming.propertyName("self") == "self_p")
        #expect(SwiftNaming.propertyName("type") == "type")
    }

    @Test("type prefixes come from the package, or from option swift_prefix")
    func typePrefix() {
        var file = FileDescriptorProto()
        file.package = "pinit.v1"
        #expect(SwiftNaming.typePrefix(of: file) == "Pinit_V1_")
        file.package = "foo_bar.baz"
        #expect(SwiftNaming.typePrefix(of: file) == "FooBar_Baz_")
        file.options = FileOptions()
        file.options?.swiftPrefix = "EX"
        #expect(SwiftNaming.typePrefix(of: file) == "EX")
        file = FileDescriptorProto()
        #expect(SwiftNaming.typePrefix(of: file) == "")
    }

    @Test("output files are flattened so a module never holds two of the same name")
    func outputPaths() {
        #expect(SwiftEmitter.outputPath(forProto: "pinit/v1/task.proto") == "pinit_v1_task.pb.swift")
        #expect(SwiftEmitter.outputPath(forProto: "top.proto") == "top.pb.swift")
        #expect(
            SwiftNaming.fileDescriptorTypeName(of: "pinit/v1/task-list.proto") == "Pinit_V1_Task_List_FileDescriptor")
    }

    @Test("string literals escape quotes, backslashes and control characters")
    func stringLiterals() {
        #expect(SwiftNaming.stringLiteral("say \"hi\"\n\\\u{1}") == #""say \"hi\"\n\\\u{1}""#)
    }
}
