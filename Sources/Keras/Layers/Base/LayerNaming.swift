import Synchronization

/// Keras's automatic names: a class's snake-case name, numbered from the second use on
/// (`dense`, `dense_1`, ...), unique within the session.
enum LayerNaming {
    private static let used = Mutex<[String: Int]>([:])

    /// Keras's `to_snake_case`: `Conv2D` -> `conv2d`, `BatchNormalization` -> `batch_normalization`,
    /// `PReLU` -> `p_re_lu`.
    static func snakeCase(_ name: String) -> String {
        let chars = Array(name.filter { $0.isLetter || $0.isNumber || $0 == "_" })
        // Pass 1: "(.)([A-Z][a-z]+)" -> "\1_\2"
        var pass1: [Character] = []
        for (i, c) in chars.enumerated() {
            if i > 0, c.isUppercase, i + 1 < chars.count, chars[i + 1].isLowercase { pass1.append("_") }
            pass1.append(c)
        }
        // Pass 2: "([a-z])([A-Z])" -> "\1_\2"
        var pass2: [Character] = []
        for (i, c) in pass1.enumerated() {
            if i > 0, c.isUppercase, pass1[i - 1].isLowercase { pass2.append("_") }
            pass2.append(c)
        }
        return String(pass2).lowercased()
    }

    /// The next free name for `base`: `base` itself the first time, then `base_1`, `base_2`, ...
    static func uniqueName(_ base: String) -> String {
        used.withLock { counts in
            let n = counts[base, default: 0]
            counts[base] = n + 1
            return n == 0 ? base : "\(base)_\(n)"
        }
    }

    static func reset() { used.withLock { $0 = [:] } }

    /// The layers whose build or call is running, outermost first (Keras's name scopes): a
    /// weight created inside them gets the path `outer/inner/name`.
    @TaskLocal static var scope: [(id: ObjectIdentifier, name: String)] = []

    /// Runs `body` inside `layer`'s name scope (not pushed again when it is already the
    /// innermost one, as Keras's `name_scope(caller=)`).
    static func withScope<R>(of layer: Layer, _ body: () throws -> R) rethrows -> R {
        if scope.last?.id == ObjectIdentifier(layer) { return try body() }
        return try $scope.withValue(scope + [(ObjectIdentifier(layer), layer.name)], operation: body)
    }

    /// The path of a weight called `weightName` created by `layer` now.
    static func path(of weightName: String, in layer: Layer) -> String {
        var names = scope.map(\.name)
        if scope.last?.id != ObjectIdentifier(layer) { names.append(layer.name) }
        return (names + [weightName]).joined(separator: "/")
    }
}

/// Session-wide state, as Keras's `keras.backend` / `keras.utils` functions.
public enum Keras {
    /// Forgets every automatically given name, so the next Dense is `dense` again
    /// (Keras's `keras.backend.clear_session()`).
    public static func clearSession() { LayerNaming.reset() }
}
