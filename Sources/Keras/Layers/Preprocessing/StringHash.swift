// The string hashes of TensorFlow's `to_hash_bucket_fast` (FarmHash's Fingerprint64, the
// `farmhashna` variant) and `to_hash_bucket_strong` (SipHash-2-4), which Keras's `Hashing` uses.

/// Hashes of byte strings, bit for bit as TensorFlow computes them.
enum StringHash {
    private static let k0: UInt64 = 0xc3a5_c85c_97cb_3127
    private static let k1: UInt64 = 0xb492_b66f_be98_f273
    private static let k2: UInt64 = 0x9ae1_6a3b_2f90_404f

    /// FarmHash's `Fingerprint64` (stable across platforms and versions).
    static func fingerprint64(_ s: [UInt8]) -> UInt64 {
        let len = s.count
        if len <= 32 {
            return len <= 16 ? hashLen0to16(s, 0, len) : hashLen17to32(s, len)
        }
        if len <= 64 { return hashLen33to64(s, len) }
        let seed: UInt64 = 81
        var x = seed
        var y = seed &* k1 &+ 113
        var z = shiftMix(y &* k2 &+ 113) &* k2
        var v: (UInt64, UInt64) = (0, 0)
        var w: (UInt64, UInt64) = (0, 0)
        x = x &* k2 &+ fetch64(s, 0)
        let end = ((len - 1) / 64) * 64
        let last64 = end + ((len - 1) & 63) - 63
        var p = 0
        repeat {
            x = rotate(x &+ y &+ v.0 &+ fetch64(s, p + 8), 37) &* k1
            y = rotate(y &+ v.1 &+ fetch64(s, p + 48), 42) &* k1
            x ^= w.1
            y = y &+ v.0 &+ fetch64(s, p + 40)
            z = rotate(z &+ w.0, 33) &* k1
            v = weakHashLen32WithSeeds(s, p, v.1 &* k1, x &+ w.0)
            w = weakHashLen32WithSeeds(s, p + 32, z &+ w.1, y &+ fetch64(s, p + 16))
            swap(&z, &x)
            p += 64
        } while p != end
        let mul = k1 &+ ((z & 0xff) << 1)
        p = last64
        w.0 = w.0 &+ UInt64((len - 1) & 63)
        v.0 = v.0 &+ w.0
        w.0 = w.0 &+ v.0
        x = rotate(x &+ y &+ v.0 &+ fetch64(s, p + 8), 37) &* mul
        y = rotate(y &+ v.1 &+ fetch64(s, p + 48), 42) &* mul
        x ^= w.1 &* 9
        y = y &+ v.0 &* 9 &+ fetch64(s, p + 40)
        z = rotate(z &+ w.0, 33) &* mul
        v = weakHashLen32WithSeeds(s, p, v.1 &* mul, x &+ w.0)
        w = weakHashLen32WithSeeds(s, p + 32, z &+ w.1, y &+ fetch64(s, p + 16))
        swap(&z, &x)
        return hashLen16(hashLen16(v.0, w.0, mul) &+ shiftMix(y) &* k0 &+ z,
                         hashLen16(v.1, w.1, mul) &+ x, mul)
    }

    /// SipHash-2-4 of `s` under the 128-bit key `(key0, key1)` (TensorFlow's `StrongKeyedHash`).
    static func sipHash24(_ s: [UInt8], key0: UInt64, key1: UInt64) -> UInt64 {
        var v0: UInt64 = 0x736f_6d65_7073_6575 ^ key0
        var v1: UInt64 = 0x646f_7261_6e64_6f6d ^ key1
        var v2: UInt64 = 0x6c79_6765_6e65_7261 ^ key0
        var v3: UInt64 = 0x7465_6462_7974_6573 ^ key1
        func round() {
            v0 = v0 &+ v1; v1 = rotl(v1, 13); v1 ^= v0; v0 = rotl(v0, 32)
            v2 = v2 &+ v3; v3 = rotl(v3, 16); v3 ^= v2
            v0 = v0 &+ v3; v3 = rotl(v3, 21); v3 ^= v0
            v2 = v2 &+ v1; v1 = rotl(v1, 17); v1 ^= v2; v2 = rotl(v2, 32)
        }
        let blocks = s.count / 8
        for b in 0..<blocks {
            let m = fetch64(s, b * 8)
            v3 ^= m; round(); round(); v0 ^= m
        }
        var last = UInt64(s.count & 0xff) << 56
        for i in 0..<(s.count & 7) { last |= UInt64(s[blocks * 8 + i]) << (8 * UInt64(i)) }
        v3 ^= last; round(); round(); v0 ^= last
        v2 ^= 0xff
        round(); round(); round(); round()
        return v0 ^ v1 ^ v2 ^ v3
    }

    // MARK: FarmHash pieces

    private static func fetch64(_ s: [UInt8], _ i: Int) -> UInt64 {
        var r: UInt64 = 0
        for k in 0..<8 { r |= UInt64(s[i + k]) << (8 * UInt64(k)) }
        return r
    }

    private static func fetch32(_ s: [UInt8], _ i: Int) -> UInt64 {
        var r: UInt64 = 0
        for k in 0..<4 { r |= UInt64(s[i + k]) << (8 * UInt64(k)) }
        return r
    }

    private static func rotate(_ v: UInt64, _ shift: UInt64) -> UInt64 {
        shift == 0 ? v : (v >> shift) | (v << (64 - shift))
    }

    private static func rotl(_ v: UInt64, _ shift: UInt64) -> UInt64 { (v << shift) | (v >> (64 - shift)) }

    private static func shiftMix(_ v: UInt64) -> UInt64 { v ^ (v >> 47) }

    private static func hashLen16(_ u: UInt64, _ v: UInt64, _ mul: UInt64) -> UInt64 {
        var a = (u ^ v) &* mul
        a ^= a >> 47
        var b = (v ^ a) &* mul
        b ^= b >> 47
        b = b &* mul
        return b
    }

    private static func hashLen0to16(_ s: [UInt8], _ p: Int, _ len: Int) -> UInt64 {
        if len >= 8 {
            let mul = k2 &+ UInt64(len) &* 2
            let a = fetch64(s, p) &+ k2
            let b = fetch64(s, p + len - 8)
            let c = rotate(b, 37) &* mul &+ a
            let d = (rotate(a, 25) &+ b) &* mul
            return hashLen16(c, d, mul)
        }
        if len >= 4 {
            let mul = k2 &+ UInt64(len) &* 2
            let a = fetch32(s, p)
            return hashLen16(UInt64(len) &+ (a << 3), fetch32(s, p + len - 4), mul)
        }
        if len > 0 {
            let a = UInt32(s[p]), b = UInt32(s[p + (len >> 1)]), c = UInt32(s[p + len - 1])
            let y = a &+ (b << 8)
            let z = UInt32(len) &+ (c << 2)
            return shiftMix((UInt64(y) &* k2) ^ (UInt64(z) &* k0)) &* k2
        }
        return k2
    }

    private static func hashLen17to32(_ s: [UInt8], _ len: Int) -> UInt64 {
        let mul = k2 &+ UInt64(len) &* 2
        let a = fetch64(s, 0) &* k1
        let b = fetch64(s, 8)
        let c = fetch64(s, len - 8) &* mul
        let d = fetch64(s, len - 16) &* k2
        return hashLen16(rotate(a &+ b, 43) &+ rotate(c, 30) &+ d, a &+ rotate(b &+ k2, 18) &+ c, mul)
    }

    private static func hashLen33to64(_ s: [UInt8], _ len: Int) -> UInt64 {
        let mul = k2 &+ UInt64(len) &* 2
        let a = fetch64(s, 0) &* k2
        let b = fetch64(s, 8)
        let c = fetch64(s, len - 8) &* mul
        let d = fetch64(s, len - 16) &* k2
        let y = rotate(a &+ b, 43) &+ rotate(c, 30) &+ d
        let z = hashLen16(y, a &+ rotate(b &+ k2, 18) &+ c, mul)
        let e = fetch64(s, 16) &* mul
        let f = fetch64(s, 24)
        let g = (y &+ fetch64(s, len - 32)) &* mul
        let h = (z &+ fetch64(s, len - 24)) &* mul
        return hashLen16(rotate(e &+ f, 43) &+ rotate(g, 30) &+ h, e &+ rotate(f &+ a, 18) &+ g, mul)
    }

    private static func weakHashLen32WithSeeds(_ s: [UInt8], _ p: Int, _ a0: UInt64, _ b0: UInt64) -> (UInt64, UInt64) {
        let w = fetch64(s, p), x = fetch64(s, p + 8), y = fetch64(s, p + 16), z = fetch64(s, p + 24)
        var a = a0 &+ w
        var b = rotate(b0 &+ a &+ z, 21)
        let c = a
        a = a &+ x
        a = a &+ y
        b = b &+ rotate(a, 44)
        return (a &+ z, b &+ c)
    }
}
