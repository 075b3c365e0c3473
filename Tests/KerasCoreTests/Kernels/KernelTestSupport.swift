@testable import KerasCore

/// A small deterministic generator for test data.
struct LCG {
    var state: UInt64

    init(seed: UInt64) { state = seed &* 2862933555777941757 &+ 3037000493 }

    /// Uniform in [-1, 1).
    mutating func next() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) * (1.0 / 9007199254740992.0) * 2 - 1
    }

    /// `count` values uniform in [-1, 1).
    mutating func doubles(_ count: Int) -> [Double] { (0..<count).map { _ in next() } }

    /// `count` values from {-2, -1, 0, 1, 2}: many ties.
    mutating func coarse(_ count: Int) -> [Double] { (0..<count).map { _ in (next() * 2.5).rounded() } }
}

/// max |a - b| / (1 + max |b|).
func relativeError<T: BinaryFloatingPoint>(_ a: [T], _ b: [Double]) -> Double {
    var worst = 0.0, scale = 0.0
    for (u, v) in zip(a, b) {
        let diff = abs(Double(u) - v)
        if diff.isNaN { return .infinity }
        worst = max(worst, diff)
        scale = max(scale, abs(v))
    }
    return a.count == b.count ? worst / (1 + scale) : .infinity
}

/// Explicit padding for Keras's padding modes.
enum PaddingMode: String, CaseIterable, Sendable {
    case valid, same, causal, oversized

    /// The widths for an axis of `size` with an effective window `effective` and `stride`.
    func widths(size: Int, effective: Int, stride: Int) -> PadWidth {
        switch self {
        case .valid: return PadWidth(0, 0)
        case .same:
            let out = (size + stride - 1) / stride
            let total = max((out - 1) * stride + effective - size, 0)
            return PadWidth(total / 2, total - total / 2)
        case .causal: return PadWidth(effective - 1, 0)
        case .oversized: return PadWidth(effective + 1, effective)
        }
    }
}
