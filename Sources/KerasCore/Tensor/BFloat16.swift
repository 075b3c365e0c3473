/// A 16-bit brain float: the top half of an IEEE `Float`, as stored in Keras's `bfloat16` weights.
///
/// Conversion from `Float` rounds to nearest even, like numpy's `ml_dtypes.bfloat16`.
public struct BFloat16: Sendable, Hashable, CustomStringConvertible {
    /// The raw bits (sign, 8 exponent bits, 7 mantissa bits).
    public var bitPattern: UInt16

    /// Makes a value from its raw bits.
    public init(bitPattern: UInt16) { self.bitPattern = bitPattern }

    /// Rounds a `Float` to the nearest `BFloat16` (ties to even); NaN stays NaN.
    public init(_ value: Float) {
        let bits = value.bitPattern
        if value.isNaN {
            bitPattern = UInt16(truncatingIfNeeded: bits >> 16) | 0x0040
            return
        }
        let roundingBias: UInt32 = 0x7FFF + ((bits >> 16) & 1)
        bitPattern = UInt16(truncatingIfNeeded: (bits &+ roundingBias) >> 16)
    }

    /// The exact `Float` value.
    public var float: Float { Float(bitPattern: UInt32(bitPattern) << 16) }

    /// The value as text, e.g. `1.5`.
    public var description: String { float.description }
}
