/// SplitMix64: a small, seedable generator with no global state, so a failing mutant can be
/// reproduced from its seed.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Mutations of a valid file that a hostile or damaged file could show: truncation, bit flips,
/// byte overwrites, huge values in address/length/count fields, zeroed and duplicated regions,
/// and damage near structure signatures, where the fields that matter are.
enum Mutator {
    static let signatures: [[UInt8]] = ["TREE", "SNOD", "HEAP", "OHDR", "OCHK", "GCOL", "FRHP", "FHDB", "FHIB",
                                        "BTHD", "BTLF", "BTIN", "FAHD", "FADB"].map { Array($0.utf8) }
    static let hugeValues: [UInt64] = [0xFFFF_FFFF_FFFF_FFF0, .max, 1 << 62, 1 << 40, 0x7FFF_FFFF_FFFF_FFFF,
                                       0xFFFF_FFFF, 0x1_0000_0000, 0xFFFF, 0x8000_0000_0000_0000]

    /// Offsets just after each signature in `bytes`.
    static func structureOffsets(_ bytes: [UInt8]) -> [Int] {
        var out: [Int] = []
        guard bytes.count >= 4 else { return out }
        for i in 0..<(bytes.count - 3) where signatures.contains(where: { $0[0] == bytes[i] && $0[1] == bytes[i + 1] && $0[2] == bytes[i + 2] && $0[3] == bytes[i + 3] }) {
            out.append(i)
        }
        return out
    }

    /// One mutant of `original`; `structures` are offsets from ``structureOffsets(_:)``.
    static func mutate(_ original: [UInt8], structures: [Int], using rng: inout SplitMix64) -> [UInt8] {
        var bytes = original
        let rounds = Int.random(in: 1...3, using: &rng)
        for _ in 0..<rounds where !bytes.isEmpty {
            // Aim half of the damage at structure headers, the rest anywhere.
            func position(_ width: Int) -> Int {
                let limit = max(1, bytes.count - width)
                if !structures.isEmpty && Bool.random(using: &rng) {
                    let base = structures[Int.random(in: 0..<structures.count, using: &rng)]
                    return min(limit - 1, base + Int.random(in: 0..<64, using: &rng))
                }
                return Int.random(in: 0..<limit, using: &rng)
            }
            switch Int.random(in: 0..<8, using: &rng) {
            case 0:
                bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &rng)))
            case 1:
                for _ in 0..<Int.random(in: 1...8, using: &rng) {
                    let i = position(1)
                    bytes[i] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &rng)
                }
            case 2:
                for _ in 0..<Int.random(in: 1...8, using: &rng) { bytes[position(1)] = UInt8.random(in: 0...255, using: &rng) }
            case 3, 4:
                let width = [8, 8, 4, 2][Int.random(in: 0..<4, using: &rng)]
                guard bytes.count > width else { continue }
                var value = hugeValues[Int.random(in: 0..<hugeValues.count, using: &rng)]
                if Int.random(in: 0..<4, using: &rng) == 0 { value = UInt64(bytes.count) &+ UInt64.random(in: 0...64, using: &rng) &- 32 }
                var at = position(width)
                if Bool.random(using: &rng) { at &= ~7 }
                for k in 0..<width where at + k < bytes.count { bytes[at + k] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(k))) }
            case 5:
                let start = position(1)
                let length = min(bytes.count - start, Int.random(in: 1...256, using: &rng))
                for i in start..<(start + length) { bytes[i] = 0 }
            case 6:
                let length = min(bytes.count, Int.random(in: 1...512, using: &rng))
                let source = Int.random(in: 0...(bytes.count - length), using: &rng)
                let target = Int.random(in: 0...(bytes.count - length), using: &rng)
                let region = Array(bytes[source..<(source + length)])
                if Bool.random(using: &rng) {
                    bytes.replaceSubrange(target..<(target + length), with: region)
                } else {
                    bytes.insert(contentsOf: region, at: target)
                }
            default:
                // Point an address-sized field at another structure (cycles, shared nodes).
                guard bytes.count > 8, let other = structures.randomElement(using: &rng) else { continue }
                let at = position(8) & ~7
                for k in 0..<8 where at + k < bytes.count { bytes[at + k] = UInt8(truncatingIfNeeded: UInt64(other) >> (8 * UInt64(k))) }
            }
        }
        return bytes
    }
}
