#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Keras computes an optimizer's scalar coefficients (bias corrections, schedule values) on float32
// tensors. Doing the same arithmetic in `Float` keeps the rounding Keras has: `1 - 0.999` in
// Double differs from `1 - Float(0.999)` by 1.3e-5 relative, enough to be seen in Adam's steps.
enum Float32Math {
    static func pow(_ x: Float, _ y: Float) -> Float { powf(x, y) }
    static func cos(_ x: Float) -> Float { cosf(x) }
    static func log(_ x: Float) -> Float { logf(x) }
    static func sqrt(_ x: Float) -> Float { x.squareRoot() }
    static func floor(_ x: Float) -> Float { x.rounded(.down) }
    static func ceil(_ x: Float) -> Float { x.rounded(.up) }
}
