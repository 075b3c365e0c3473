// Keras's Orthogonal initializer: the Q of a QR decomposition of a normal matrix, with the
// sign fix that makes Q unique (Saxe et al., 2014).

extension Initializer {
    /// An orthogonal matrix (Keras's `Orthogonal`, gain 1), unseeded.
    ///
    /// ```swift
    /// let recurrent = try Initializer.orthogonal([64, 256])
    /// ```
    public static var orthogonal: Initializer { orthogonal() }

    /// `gain` times an orthogonal matrix (Keras's `Orthogonal`).
    ///
    /// The shape is flattened to `[rows, cols]` with `cols` its last axis; a normal matrix of
    /// shape `[max(rows, cols), min(rows, cols)]` is factored as `Q R`, each column of `Q` is
    /// multiplied by the sign of `R`'s diagonal, and `Q` is transposed when `rows < cols`. The
    /// result has orthonormal rows or columns, whichever are fewer. Needs rank 2 or more.
    ///
    /// ```swift
    /// let w = try Initializer.orthogonal(gain: 1, seed: 42)([128, 128])
    /// ```
    public static func orthogonal(gain: Double = 1, seed: Int? = nil) -> Initializer {
        orthogonal(gain: gain, seed: seed, config: ["seed": seedConfig(seed), "gain": .double(gain)])
    }

    static func orthogonal(gain: Double, seed: Int?, config: JSONObject) -> Initializer {
        Initializer(builtin: "Orthogonal", config: config) { shape, dtype in
            guard shape.count >= 2 else {
                throw KerasError(.invalidArgument, "Orthogonal needs a shape of rank 2 or more, but received shape \(shape) of rank \(shape.count).")
            }
            let rows = shape.dropLast().reduce(1, *)
            let cols = shape[shape.count - 1]
            let (m, n) = (Swift.max(rows, cols), Swift.min(rows, cols))
            if m * n == 0 { return Tensor.zeros(shape, dtype: dtype) }
            let a = Random.normal([m, n], dtype: dtype.computeType, seed: drawSeed(seed)).doubles
            var q = householderQ(a, rows: m, columns: n)  // [m, n], row-major
            if rows < cols {
                var t = [Double](repeating: 0, count: m * n)
                for i in 0..<m { for j in 0..<n { t[j * m + i] = q[i * n + j] } }
                q = t  // [n, m] = [rows, cols]
            }
            return Tensor(q.map { $0 * gain }, shape: shape, dtype: dtype)
        }
    }

    /// The `Q` of `a = Q R` (`a` row-major `[rows, columns]`, `rows >= columns`), reduced to
    /// `[rows, columns]`, with each column multiplied by the sign of `R`'s diagonal entry (as
    /// `numpy.sign`: a zero entry zeroes the column), which makes the factorization unique.
    static func householderQ(_ a: [Double], rows m: Int, columns n: Int) -> [Double] {
        var r = a
        var reflectors: [[Double]] = []  // v_k over rows k..<m, unit length (or empty when x = 0)
        for k in 0..<n {
            var v = (k..<m).map { r[$0 * n + k] }
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            if norm == 0 {
                reflectors.append([])
                continue
            }
            // Reflect x onto -sign(x0) |x| e1, the choice that avoids cancellation.
            let alpha = v[0] >= 0 ? -norm : norm
            v[0] -= alpha
            let vNorm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            if vNorm == 0 {
                reflectors.append([])
                continue
            }
            for i in v.indices { v[i] /= vNorm }
            // R[k:, k:] -= 2 v (v^T R[k:, k:])
            for j in k..<n {
                var dot = 0.0
                for i in 0..<v.count { dot += v[i] * r[(k + i) * n + j] }
                for i in 0..<v.count { r[(k + i) * n + j] -= 2 * v[i] * dot }
            }
            reflectors.append(v)
        }
        // Q = H_0 H_1 ... H_{n-1} applied to the first n columns of the identity.
        var q = [Double](repeating: 0, count: m * n)
        for i in 0..<n { q[i * n + i] = 1 }
        for k in stride(from: n - 1, through: 0, by: -1) {
            let v = reflectors[k]
            if v.isEmpty { continue }
            for j in 0..<n {
                var dot = 0.0
                for i in 0..<v.count { dot += v[i] * q[(k + i) * n + j] }
                for i in 0..<v.count { q[(k + i) * n + j] -= 2 * v[i] * dot }
            }
        }
        for j in 0..<n {
            let d = r[j * n + j]
            let s: Double = d > 0 ? 1 : (d < 0 ? -1 : 0)
            if s == 1 { continue }
            for i in 0..<m { q[i * n + j] *= s }
        }
        return q
    }
}
