@testable import Keras

// Mutations of JSON: damage to the text (syntax, nesting, numbers, strings, encoding), and
// damage to the meaning of a Keras config (wrong types, huge sizes, unknown classes, graphs
// whose nodes refer to themselves, to missing layers or to calls that never happen).

/// Text-level damage to JSON.
enum JSONTextMutator {
    /// Fragments that JSON readers get wrong: deep nesting, huge and odd numbers, bad escapes,
    /// unterminated strings, invalid UTF-8, stray structure.
    static let splices: [[UInt8]] = {
        var list: [String] = [
            String(repeating: "[", count: 100_000), String(repeating: "{\"a\":", count: 100_000),
            String(repeating: "[", count: 513) + String(repeating: "]", count: 513),
            String(repeating: "[", count: 511) + String(repeating: "]", count: 511),
            "1" + String(repeating: "0", count: 400), "1e999999999", "-1e-999999999", "123456789012345678901234567890",
            "9223372036854775808", "-9223372036854775809", "9223372036854775807", "0." + String(repeating: "0", count: 5000) + "1",
            "-", "01", "1.", ".5", "1e", "+1", "0x10", "NaN", "-Infinity", "Infinity", "-NaN", "nul", "tru", "fals",
            "\"\\ud800\"", "\"\\udc00\\ud800\"", "\"\\ud800\\u0041\"", "\"\\u00zz\"", "\"\\x41\"", "\"\\", "\"abc",
            "\"" + String(repeating: "\\u0000", count: 1000) + "\"", ",", "]", "}", ":", "[,]", "{,}", "{\"a\"}", "{1: 2}",
            "\"name\": \"dup\", \"name\": 7, ", "\"class_name\": \"Nope\", ", "\u{FEFF}", "\t\n\r ",
        ]
        list.append(String(repeating: "\"k\": 1, ", count: 2000))
        var out = list.map { Array($0.utf8) }
        out += [[0xFF], [0xFE, 0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x22, 0xE2, 0x82], [0x00], [0x1F]]
        return out
    }()

    static func mutate(_ original: [UInt8], using rng: inout SplitMix64) -> (bytes: [UInt8], note: String) {
        var bytes = original
        switch rng.int(0..<6) {
        case 0, 1:
            // Splice a fragment in, often right after structure.
            let structural = bytes.indices.filter { [UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "{")].contains(bytes[$0]) }
            let at = rng.chance(0.7) && !structural.isEmpty ? rng.pick(structural) + 1 : rng.int(0...bytes.count)
            let splice = rng.pick(splices)
            if rng.chance(0.5) {
                // Replace the value that follows.
                var end = at
                while end < bytes.count && ![UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]")].contains(bytes[end]) { end += 1 }
                bytes.replaceSubrange(at..<end, with: splice)
                return (bytes, "replaced value at \(at) with \(describe(splice))")
            }
            bytes.insert(contentsOf: splice, at: at)
            return (bytes, "inserted \(describe(splice)) at \(at)")
        case 2:
            let cut = rng.int(0...bytes.count)
            return (Array(bytes.prefix(cut)), "truncated to \(cut)")
        case 3:
            // Drop a closing quote, bracket or brace.
            let closers = bytes.indices.filter { [UInt8(ascii: "\""), UInt8(ascii: "]"), UInt8(ascii: "}")].contains(bytes[$0]) }
            guard !closers.isEmpty else { fallthrough }
            let at = rng.pick(closers)
            bytes.remove(at: at)
            return (bytes, "removed \(Character(Unicode.Scalar(original[at]))) at \(at)")
        default:
            return ByteMutator.mutate(original, using: &rng)
        }
    }

    static func describe(_ splice: [UInt8]) -> String {
        let text = String(decoding: splice.prefix(24), as: UTF8.self).replacingNewlines
        return "\"\(text)\"" + (splice.count > 24 ? "... (\(splice.count) bytes)" : "")
    }
}

extension String {
    var replacingNewlines: String { String(map { $0.isNewline ? " " : $0 }) }
}

/// Meaning-level damage to a Keras config, on its parsed tree.
enum ConfigMutator {
    enum Step: CustomStringConvertible {
        case key(String), index(Int)
        var description: String {
            switch self {
            case .key(let k): return k
            case .index(let i): return "[\(i)]"
            }
        }
    }

    /// Keys whose values decide sizes, classes and the graph: mutated more often than others.
    static let interesting: Set<String> = [
        "class_name", "registered_name", "module", "units", "filters", "kernel_size", "strides", "pool_size", "batch_shape",
        "shape", "input_shape", "build_input_shape", "batch_input_shape", "keras_history", "inbound_nodes", "layers",
        "input_layers", "output_layers", "config", "build_config", "target_shape", "dims", "axis", "num_heads", "key_dim",
        "value_dim", "rate", "dtype", "activation", "name", "args", "kwargs", "padding", "dilation_rate", "groups",
        "output_dim", "input_dim", "epsilon", "momentum", "layer", "cropping", "size", "n", "output_shape", "equation",
        "bias_axes", "max_tokens", "sequence_length", "compile_config", "optimizer", "loss", "learning_rate",
    ]

    static let hostileValues: [JSONValue] = [
        .int(-1), .int(0), .int(1 << 40), .int(Int.max), .int(Int.min), .int(1 << 31), .int(3_037_000_500),
        .double(.nan), .double(.infinity), .double(-1e308), .double(0.5), .double(-0.0),
        .string(""), .string("x"), .string("Dense"), .bool(true), .null, .array([]), .object(JSONObject()),
        .array([.int(1 << 40), .int(1 << 40)]), .array([.null, .int(1 << 40)]), .array([.null, .int(-5)]),
        .array([.int(Int.max), .int(Int.max), .int(Int.max)]), .array([.string("dense"), .int(1 << 40), .int(0)]),
        .array(Array(repeating: .int(2), count: 40)),
    ]

    static let classNames = ["Nope", "Dens", "", "Functional", "Sequential", "Model", "InputLayer", "Dense", "Conv2D",
                             "Flatten", "Reshape", "Concatenate", "Add", "MultiHeadAttention", "Embedding", "LSTM",
                             "Bidirectional", "TimeDistributed", "Lambda", "__keras_tensor__", "keras.layers.Dense"]

    /// Every path in `value`, depth first.
    static func paths(_ value: JSONValue, prefix: [Step] = [], into out: inout [[Step]]) {
        out.append(prefix)
        switch value {
        case .object(let o): for key in o.keys { paths(o[key]!, prefix: prefix + [.key(key)], into: &out) }
        case .array(let a): for (i, v) in a.enumerated() { paths(v, prefix: prefix + [.index(i)], into: &out) }
        default: break
        }
    }

    static func value(at path: ArraySlice<Step>, in root: JSONValue) -> JSONValue? {
        guard let first = path.first else { return root }
        switch (first, root) {
        case (.key(let k), .object(let o)): return o[k].flatMap { value(at: path.dropFirst(), in: $0) }
        case (.index(let i), .array(let a)): return a.indices.contains(i) ? value(at: path.dropFirst(), in: a[i]) : nil
        default: return nil
        }
    }

    /// `root` with the value at `path` replaced by `transform`'s result (removed when `nil`).
    static func updating(_ root: JSONValue, at path: ArraySlice<Step>, _ transform: (JSONValue) -> JSONValue?) -> JSONValue? {
        guard let first = path.first else { return transform(root) }
        switch (first, root) {
        case (.key(let k), .object(var o)):
            guard let child = o[k] else { return root }
            o[k] = updating(child, at: path.dropFirst(), transform)
            return .object(o)
        case (.index(let i), .array(var a)):
            guard a.indices.contains(i) else { return root }
            if let new = updating(a[i], at: path.dropFirst(), transform) { a[i] = new } else { a.remove(at: i) }
            return .array(a)
        default:
            return root
        }
    }

    /// The names of the layers of a model config (for references between them).
    static func layerNames(_ root: JSONValue) -> [String] {
        var names: [String] = []
        func walk(_ v: JSONValue) {
            switch v {
            case .object(let o):
                if let name = o["name"]?.stringValue { names.append(name) }
                for key in o.keys { walk(o[key]!) }
            case .array(let a): a.forEach(walk)
            default: break
            }
        }
        walk(root)
        return names
    }

    static let tweakInts = [0, 1, 2, 3, -1, -2, -4, 5, 17, 100, 4096, 1 << 20, Int(Int32.max), Int(Int32.max) + 1]
    static let tweakDoubles: [Double] = [-1, 0, 0.5, 1, 1.5, 1e10, -1e-10, .nan, .infinity]
    static let tweakStrings = ["same", "valid", "causal", "full", "channels_first", "channels_last", "relu", "softmax", "linear",
                               "gelu", "tanh", "float16", "bfloat16", "mixed_float16", "mixed_bfloat16", "int32", "uint8", "bool",
                               "string", "float64", "sum", "mean", "concat", "mul", "ave", "max", "zeros", "ones", "he_normal",
                               "orthogonal", "identity", "l2", "nope", "", "bilinear", "nearest", "post", "pre", "int", "tf_idf"]

    /// Type-preserving changes to values (other sizes, axes, rates, names, flags), which
    /// reach further into the layers than changes of type.
    static func tweak(_ original: JSONValue, using rng: inout SplitMix64) -> (value: JSONValue, note: String) {
        var root = original
        var notes: [String] = []
        var all: [[Step]] = []
        paths(root, into: &all)
        let leaves = all.filter {
            switch value(at: $0[...], in: root) {
            case .int?, .double?, .bool?, .string?: return true
            default: return false
            }
        }
        guard !leaves.isEmpty else { return (root, "nothing to tweak") }
        for _ in 0..<rng.int(1...4) {
            let path = rng.pick(leaves)
            guard let current = value(at: path[...], in: root) else { continue }
            let replacement: JSONValue
            switch current {
            case .int(let n): replacement = .int(rng.chance(0.8) ? rng.pick(tweakInts) : n &+ rng.int(-2...2))
            case .double: replacement = .double(rng.pick(tweakDoubles))
            case .bool(let b): replacement = .bool(!b)
            case .string(let text):
                if case .key("name")? = path.last { replacement = .string(text + "_") } else { replacement = .string(rng.pick(tweakStrings)) }
            default: continue
            }
            root = updating(root, at: path[...], { _ in replacement }) ?? root
            notes.append("\(path.map(\.description).joined(separator: ".").suffix(80)) = \(replacement.serialized().prefix(40))")
        }
        return (root, notes.joined(separator: "; "))
    }

    static func mutate(_ original: JSONValue, using rng: inout SplitMix64) -> (value: JSONValue, note: String) {
        if rng.chance(0.5) { return tweak(original, using: &rng) }
        var root = original
        var notes: [String] = []
        let names = layerNames(original)
        for _ in 0..<rng.int(1...3) {
            var all: [[Step]] = []
            paths(root, into: &all)
            let favoured = all.filter { if case .key(let k)? = $0.last { return interesting.contains(k) } else { return false } }
            let path = rng.chance(0.6) && !favoured.isEmpty ? rng.pick(favoured) : rng.pick(all)
            guard let current = value(at: path[...], in: root) else { continue }
            let where_ = path.map(\.description).joined(separator: ".")
            let replacement: JSONValue?
            let what: String
            switch rng.int(0..<10) {
            case 0, 1, 2:
                replacement = rng.pick(hostileValues)
                what = "= \(replacement!.serialized().prefix(40))"
            case 3:
                replacement = nil
                what = "removed"
            case 4:
                if case .key(let k)? = path.last, k == "class_name" {
                    replacement = .string(rng.pick(classNames))
                } else if case .string = current {
                    replacement = .string(rng.chance(0.5) && !names.isEmpty ? rng.pick(names) : rng.pick(["", "x", "relu", "same", "float64", "mixed_float16", "\u{0}"]))
                } else {
                    replacement = .string(rng.pick(classNames))
                }
                what = "= \(replacement!.serialized().prefix(40))"
            case 5:
                // A tensor reference to the same layer, to a missing one, or to a call far away.
                let layer = rng.chance(0.5) && !names.isEmpty ? rng.pick(names) : rng.pick(["missing", ""])
                let node = rng.pick([0, 1, 2, 1 << 40, Int.max, -1])
                replacement = [.string(layer), .int(node), .int(rng.pick([0, 1, 1 << 40]))]
                what = "= reference \(replacement!.serialized())"
            case 6:
                guard case .array(var a) = current, !a.isEmpty else { replacement = [current, current]; what = "= pair"; break }
                if rng.chance(0.5) {
                    a.append(a[rng.int(0..<a.count)])
                    what = "duplicated an element"
                } else {
                    a.swapAt(rng.int(0..<a.count), rng.int(0..<a.count))
                    what = "swapped two elements"
                }
                replacement = .array(a)
            case 7:
                // Graft another part of the config here (a layer inside itself, a config as a shape).
                let other = rng.pick(all)
                replacement = value(at: other[...], in: root)
                what = "= copy of \(other.map(\.description).joined(separator: ".").suffix(60))"
            case 8:
                replacement = rng.chance(0.5) ? .array([current]) : .object(JSONObject([("config", current)]))
                what = "wrapped"
            default:
                if case .int(let n) = current {
                    replacement = .int(rng.pick([n &+ 1, n &- 1, 0 &- n, n &* 1000, n &<< 20, 0]))
                } else if case .double(let d) = current {
                    replacement = .double(rng.pick([d * 1e6, -d, 0, .nan, d + 1]))
                } else {
                    replacement = rng.pick(hostileValues)
                }
                what = "= \(replacement?.serialized().prefix(40) ?? "nil")"
            }
            root = updating(root, at: path[...], { _ in replacement }) ?? .null
            notes.append("\(where_.suffix(80)) \(what)")
        }
        return (root, notes.joined(separator: "; "))
    }
}
