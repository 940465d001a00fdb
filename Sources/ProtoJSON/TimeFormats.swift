/// The JSON text forms of `google.protobuf.Timestamp` (RFC 3339) and
/// `google.protobuf.Duration` (`1.5s`), with their range checks.
enum TimeFormats {
    /// Seconds of 0001-01-01T00:00:00Z, the earliest valid Timestamp.
    static let minTimestampSeconds: Int64 = -62_135_596_800
    /// Seconds of 9999-12-31T23:59:59Z, the latest valid Timestamp.
    static let maxTimestampSeconds: Int64 = 253_402_300_799
    /// The largest Duration magnitude in seconds (about 10,000 years).
    static let maxDurationSeconds: Int64 = 315_576_000_000

    /// `1972-01-01T10:00:20.021Z`; nil when out of range.
    static func formatTimestamp(seconds: Int64, nanos: Int32) -> String? {
        guard (minTimestampSeconds...maxTimestampSeconds).contains(seconds), (0..<1_000_000_000).contains(nanos) else {
            return nil
        }
        let days = floorDivide(seconds, 86_400)
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civilDate(fromDays: days)
        let text =
            padded(year, 4) + "-" + padded(month, 2) + "-" + padded(day, 2) + "T"
            + padded(secondOfDay / 3600, 2) + ":" + padded(secondOfDay / 60 % 60, 2) + ":" + padded(secondOfDay % 60, 2)
        return text + fraction(nanos) + "Z"
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)`; nil when malformed or out of range.
    static func parseTimestamp(_ text: String) -> (seconds: Int64, nanos: Int32)? {
        let chars = Array(text.utf8)
        guard chars.count >= 20, chars[4] == UInt8(ascii: "-"), chars[7] == UInt8(ascii: "-"),
            chars[10] == UInt8(ascii: "T"), chars[13] == UInt8(ascii: ":"), chars[16] == UInt8(ascii: ":"),
            let year = digits(chars, 0, 4), let month = digits(chars, 5, 2), let day = digits(chars, 8, 2),
            let hour = digits(chars, 11, 2), let minute = digits(chars, 14, 2), let second = digits(chars, 17, 2),
            (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month),
            hour < 24, minute < 60, second < 60
        else { return nil }
        var index = 19
        var nanos: Int32 = 0
        if chars[index] == UInt8(ascii: ".") {
            guard let (value, end) = parseFraction(chars, from: index + 1) else { return nil }
            nanos = value
            index = end
        }
        guard index < chars.count else { return nil }
        var offset: Int64 = 0
        switch chars[index] {
        case UInt8(ascii: "Z"):
            guard index + 1 == chars.count else { return nil }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard index + 6 == chars.count, chars[index + 3] == UInt8(ascii: ":"),
                let hours = digits(chars, index + 1, 2), let minutes = digits(chars, index + 4, 2),
                hours < 24, minutes < 60
            else { return nil }
            offset = (hours * 3600 + minutes * 60) * (chars[index] == UInt8(ascii: "+") ? 1 : -1)
        default: return nil
        }
        let seconds = days(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second - offset
        guard (minTimestampSeconds...maxTimestampSeconds).contains(seconds) else { return nil }
        return (seconds, nanos)
    }

    /// `1.5s`, `-0.000000001s`; nil when out of range or the signs of seconds and nanos disagree.
    static func formatDuration(seconds: Int64, nanos: Int32) -> String? {
        guard abs(seconds) <= maxDurationSeconds, abs(nanos) < 1_000_000_000,
            seconds == 0 || nanos == 0 || (seconds < 0) == (nanos < 0)
        else { return nil }
        let negative = seconds < 0 || nanos < 0
        return (negative ? "-" : "") + String(abs(seconds)) + fraction(abs(nanos)) + "s"
    }

    /// Parses `[-]SECONDS[.fraction]s`; nil when malformed or out of range.
    static func parseDuration(_ text: String) -> (seconds: Int64, nanos: Int32)? {
        var chars = Array(text.utf8)
        guard chars.last == UInt8(ascii: "s") else { return nil }
        chars.removeLast()
        let negative = chars.first == UInt8(ascii: "-")
        if negative { chars.removeFirst() }
        let dot = chars.firstIndex(of: UInt8(ascii: ".")) ?? chars.count
        guard dot > 0, dot <= 12, let whole = digits(chars, 0, dot) else { return nil }
        var nanos: Int32 = 0
        if dot < chars.count {
            guard let (value, end) = parseFraction(chars, from: dot + 1), end == chars.count else { return nil }
            nanos = value
        }
        guard whole <= maxDurationSeconds else { return nil }
        return negative ? (-whole, -nanos) : (whole, nanos)
    }

    /// `""`, `.021`, `.000021`, `.000000021`: 0, 3, 6 or 9 digits.
    static func fraction(_ nanos: Int32) -> String {
        guard nanos != 0 else { return "" }
        if nanos % 1_000_000 == 0 { return "." + padded(Int64(nanos / 1_000_000), 3) }
        if nanos % 1000 == 0 { return "." + padded(Int64(nanos / 1000), 6) }
        return "." + padded(Int64(nanos), 9)
    }

    /// 1 to 9 digits after a dot, as nanoseconds, and the index after them.
    static func parseFraction(_ chars: [UInt8], from start: Int) -> (Int32, Int)? {
        var end = start
        while end < chars.count, chars[end] >= UInt8(ascii: "0"), chars[end] <= UInt8(ascii: "9") { end += 1 }
        guard end > start, end - start <= 9, let value = digits(chars, start, end - start) else { return nil }
        var nanos = value
        for _ in 0..<(9 - (end - start)) { nanos *= 10 }
        return (Int32(nanos), end)
    }

    static func digits(_ chars: [UInt8], _ start: Int, _ count: Int) -> Int64? {
        guard start + count <= chars.count else { return nil }
        var value: Int64 = 0
        for char in chars[start..<start + count] {
            guard char >= UInt8(ascii: "0"), char <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int64(char - UInt8(ascii: "0"))
        }
        return value
    }

    static func padded(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }

    static func isLeap(_ year: Int64) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    static func daysInMonth(year: Int64, month: Int64) -> Int64 {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 to the given proleptic Gregorian date.
    static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = floorDivide(shiftedYear, 400)
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian date `days` after 1970-01-01.
    static func civilDate(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let shifted = days + 719_468
        let era = floorDivide(shifted, 146_097)
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
