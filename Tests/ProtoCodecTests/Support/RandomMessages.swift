import Foundation
import ProtocSupport

/// Builds random `TestAllTypes` values that favour edge cases (limits, -0.0, infinities,
/// empty and multi-byte strings, unknown enum numbers), reproducibly from a seed.
/// NaN is left out so that generated values compare equal to themselves.
struct RandomMessages {
    var generator: SeededGenerator
    /// Most entries per map; 1 keeps encodings deterministic, so bytes can be compared.
    var maxMapEntries: Int

    init(seed: UInt64, maxMapEntries: Int = 3) {
        generator = SeededGenerator(seed: seed)
        self.maxMapEntries = maxMapEntries
    }

    mutating func message(depth: Int = 2) -> TestAllTypes {
        var m = TestAllTypes()
        if chance() { m.singularInt32 = integer() }
        if chance() { m.singularInt64 = integer() }
        if chance() { m.singularUint32 = integer() }
        if chance() { m.singularUint64 = integer() }
        if chance() { m.singularSint32 = integer() }
        if chance() { m.singularSint64 = integer() }
        if chance() { m.singularFixed32 = integer() }
        if chance() { m.singularFixed64 = integer() }
        if chance() { m.singularSfixed32 = integer() }
        if chance() { m.singularSfixed64 = integer() }
        if chance() { m.singularFloat = float() }
        if chance() { m.singularDouble = double() }
        if chance() { m.singularBool = Bool.random(using: &generator) }
        if chance() { m.singularString = string() }
        if chance() { m.singularBytes = bytes() }
        if chance() { m.singularNestedEnum = nestedEnum() }
        if chance() { m.singularNestedMessage = nestedMessage() }
        if depth > 0 && chance() { m.recursive = message(depth: depth - 1) }
        m.repeatedInt32 = list { $0.integer() }
        m.repeatedInt64 = list { $0.integer() }
        m.repeatedUint32 = list { $0.integer() }
        m.repeatedUint64 = list { $0.integer() }
        m.repeatedSint32 = list { $0.integer() }
        m.repeatedSint64 = list { $0.integer() }
        m.repeatedFixed32 = list { $0.integer() }
        m.repeatedFixed64 = list { $0.integer() }
        m.repeatedSfixed32 = list { $0.integer() }
        m.repeatedSfixed64 = list { $0.integer() }
        m.repeatedFloat = list { $0.float() }
        m.repeatedDouble = list { $0.double() }
        m.repeatedBool = list { Bool.random(using: &$0.generator) }
        m.repeatedString = list { $0.string() }
        m.repeatedBytes = list { $0.bytes() }
        m.repeatedNestedEnum = list { $0.nestedEnum() }
        m.repeatedNestedMessage = list { $0.nestedMessage() }
        if chance() { m.optionalInt32 = integer() }
        if chance() { m.optionalSint64 = integer() }
        if chance() { m.optionalDouble = double() }
        if chance() { m.optionalBool = Bool.random(using: &generator) }
        if chance() { m.optionalString = string() }
        if chance() { m.optionalBytes = bytes() }
        if chance() { m.optionalNestedEnum = nestedEnum() }
        if chance() { m.optionalFloat = float() }
        m.mapStringString = map(key: { $0.string() }, value: { $0.string() })
        m.mapInt32Bytes = map(key: { $0.integer() }, value: { $0.bytes() })
        m.mapInt64NestedMessage = map(key: { $0.integer() }, value: { $0.nestedMessage() })
        m.mapUint32NestedEnum = map(key: { $0.integer() }, value: { $0.nestedEnum() })
        m.mapBoolDouble = map(key: { Bool.random(using: &$0.generator) }, value: { $0.double() })
        m.mapSint64String = map(key: { $0.integer() }, value: { $0.string() })
        m.mapFixed32Double = map(key: { $0.integer() }, value: { $0.double() })
        m.oneofField = oneof()
        return m
    }

    mutating func oneof() -> TestAllTypes.OneOf_OneofField? {
        switch Int.random(in: 0..<6, using: &generator) {
        case 0: .oneofUint32(integer())
        case 1: .oneofNestedMessage(nestedMessage())
        case 2: .oneofString(string())
        case 3: .oneofBytes(bytes())
        case 4: .oneofEnum(nestedEnum())
        default: nil
        }
    }

    mutating func chance() -> Bool { Int.random(in: 0..<3, using: &generator) == 0 }

    mutating func integer<I: FixedWidthInteger>() -> I {
        switch Int.random(in: 0..<6, using: &generator) {
        case 0: 0
        case 1: .min
        case 2: .max
        case 3: I(truncatingIfNeeded: Int.random(in: -300...300, using: &generator))
        default: I(truncatingIfNeeded: generator.next())
        }
    }

    mutating func double() -> Double {
        let specials: [Double] = [
            0, -0.0, 1.5, -2.25, .infinity, -.infinity, .greatestFiniteMagnitude,
            .leastNonzeroMagnitude, -.leastNormalMagnitude,
        ]
        if Bool.random(using: &generator) { return specials.randomElement(using: &generator)! }
        return Double.random(in: -1e12...1e12, using: &generator)
    }

    mutating func float() -> Float {
        let value = Float(double())
        return value.isNaN ? 0 : value
    }

    mutating func string() -> String {
        let pools: [ClosedRange<UInt32>] = [0x20...0x7E, 0x00...0x7F, 0xA0...0x7FF, 0x3040...0x30FF, 0x1F300...0x1F64F]
        let count = Int.random(in: 0...8, using: &generator)
        var scalars = String.UnicodeScalarView()
        for _ in 0..<count {
            let pool = pools.randomElement(using: &generator)!
            scalars.append(Unicode.Scalar(UInt32.random(in: pool, using: &generator))!)
        }
        return String(scalars)
    }

    mutating func bytes() -> Data {
        Data((0..<Int.random(in: 0...8, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    mutating func nestedEnum() -> TestAllTypes.NestedEnum {
        let number: Int32 = Bool.random(using: &generator) ? Int32.random(in: -1...3, using: &generator) : integer()
        return TestAllTypes.NestedEnum(rawValue: number)
    }

    mutating func nestedMessage() -> TestAllTypes.NestedMessage {
        var nested = TestAllTypes.NestedMessage()
        if chance() { nested.a = integer() }
        if chance() { nested.b = string() }
        return nested
    }

    mutating func list<T>(_ element: (inout RandomMessages) -> T) -> [T] {
        guard chance() else { return [] }
        return (0..<Int.random(in: 1...4, using: &generator)).map { _ in element(&self) }
    }

    mutating func map<K: Hashable, V>(
        key: (inout RandomMessages) -> K, value: (inout RandomMessages) -> V
    ) -> [K: V] {
        guard chance() else { return [:] }
        var result: [K: V] = [:]
        for _ in 0..<Int.random(in: 1...maxMapEntries, using: &generator) {
            result[key(&self)] = value(&self)
        }
        return result
    }
}
