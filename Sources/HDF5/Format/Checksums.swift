// The two checksums HDF5 stores: Jenkins lookup3 (v2 metadata) and Fletcher-32 (the filter).

enum Checksum {
    /// Bob Jenkins' lookup3 `hashlittle` over `bytes[range]` with `initval` 0, as HDF5 computes it.
    static func lookup3(_ bytes: [UInt8], _ range: Range<Int>, initval: UInt32 = 0) -> UInt32 {
        @inline(__always) func rot(_ x: UInt32, _ k: UInt32) -> UInt32 { x << k | x >> (32 - k) }
        @inline(__always) func word(_ i: Int) -> UInt32 {
            UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24
        }
        var length = range.count
        var a = 0xDEAD_BEEF &+ UInt32(truncatingIfNeeded: length) &+ initval
        var b = a, c = a
        var i = range.lowerBound
        while length > 12 {
            a &+= word(i); b &+= word(i + 4); c &+= word(i + 8)
            a &-= c; a ^= rot(c, 4); c &+= b
            b &-= a; b ^= rot(a, 6); a &+= c
            c &-= b; c ^= rot(b, 8); b &+= a
            a &-= c; a ^= rot(c, 16); c &+= b
            b &-= a; b ^= rot(a, 19); a &+= c
            c &-= b; c ^= rot(b, 4); b &+= a
            length -= 12
            i += 12
        }
        if length == 0 { return c }
        var tail = [UInt8](repeating: 0, count: 12)
        for k in 0..<length { tail[k] = bytes[i + k] }
        func tailWord(_ k: Int) -> UInt32 {
            UInt32(tail[k]) | UInt32(tail[k + 1]) << 8 | UInt32(tail[k + 2]) << 16 | UInt32(tail[k + 3]) << 24
        }
        a &+= tailWord(0); b &+= tailWord(4); c &+= tailWord(8)
        c ^= b; c &-= rot(b, 14)
        a ^= c; a &-= rot(c, 11)
        b ^= a; b &-= rot(a, 25)
        c ^= b; c &-= rot(b, 16)
        a ^= c; a &-= rot(c, 4)
        b ^= a; b &-= rot(a, 14)
        c ^= b; c &-= rot(b, 24)
        return c
    }

    /// Verifies the little-endian lookup3 checksum stored right after `bytes[range]`.
    static func verifyLookup3(_ bytes: [UInt8], _ range: Range<Int>, structure: StaticString) throws {
        let at = range.upperBound
        guard range.lowerBound >= 0, at <= bytes.count - 4 else {
            throw HDF5Error(.truncated, "the checksum of the \(structure) at \(hex(range.lowerBound)) lies past the end of the file")
        }
        let stored = UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
        let computed = lookup3(bytes, range)
        guard stored == computed else {
            throw HDF5Error(.checksumMismatch, "the \(structure) at \(hex(range.lowerBound)) has checksum \(hex(stored)) but its \(range.count) bytes hash to \(hex(computed))")
        }
    }

    /// HDF5's Fletcher-32 (`H5_checksum_fletcher32`): 16-bit big-endian words, sums mod 65535.
    static func fletcher32(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var sum1: UInt32 = 0, sum2: UInt32 = 0
        var i = bytes.startIndex
        var words = bytes.count / 2
        while words > 0 {
            let run = min(words, 360)   // keeps both sums below 2^32 between reductions
            words -= run
            for _ in 0..<run {
                sum1 &+= UInt32(bytes[i]) << 8 | UInt32(bytes[i + 1])
                sum2 &+= sum1
                i += 2
            }
            sum1 = (sum1 & 0xFFFF) &+ (sum1 >> 16)
            sum2 = (sum2 & 0xFFFF) &+ (sum2 >> 16)
        }
        if bytes.count % 2 == 1 {
            sum1 &+= UInt32(bytes[i]) << 8
            sum2 &+= sum1
            sum1 = (sum1 & 0xFFFF) &+ (sum1 >> 16)
            sum2 = (sum2 & 0xFFFF) &+ (sum2 >> 16)
        }
        sum1 = (sum1 & 0xFFFF) &+ (sum1 >> 16)
        sum2 = (sum2 & 0xFFFF) &+ (sum2 >> 16)
        return sum2 << 16 | sum1
    }
}
