/// numpy's `.npy` format: one array per file (versions 1.0–3.0; C order written, Fortran order
/// read). See `../shared/specs/npy-format.md`.
///
/// ```swift
/// let x = try NPY.load(path: "inputs.npy")
/// try NPY.save(model(x), path: "outputs.npy")
/// ```
public enum NPY {
    private static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]

    /// Reads the array in the file at `path`.
    public static func load(path: String) throws -> Tensor {
        do { return try decode(FileIO.read(path)) } catch let error as KerasError {
            throw error.prefixed(path)
        }
    }

    /// Writes `tensor` to `path` (atomically) as a version 1.0, C-order, little-endian array.
    public static func save(_ tensor: Tensor, path: String) throws {
        try FileIO.writeAtomically(encode(tensor), to: path)
    }

    /// The array held by `.npy` bytes.
    ///
    /// - Throws: ``KerasError`` (`.invalidConfig`) for anything that is not a well-formed `.npy`
    ///   of a supported dtype; never reads out of bounds.
    public static func decode(_ bytes: [UInt8]) throws -> Tensor {
        func bad(_ why: String) -> KerasError { KerasError(.invalidConfig, "not a valid .npy array: \(why).") }
        guard bytes.count >= 10, Array(bytes[0..<6]) == magic else { throw bad("the file does not start with the .npy magic bytes") }
        let major = bytes[6]
        guard (1...3).contains(major) else { throw bad("unsupported version \(major).\(bytes[7])") }
        let headerStart = major == 1 ? 10 : 12
        guard bytes.count >= headerStart else { throw bad("the file is truncated") }
        let headerLength = major == 1
            ? Int(bytes[8]) | Int(bytes[9]) << 8
            : Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
        guard headerLength <= bytes.count - headerStart else { throw bad("the header length \(headerLength) runs past the end of the file") }
        let header = String(decoding: bytes[headerStart..<(headerStart + headerLength)], as: UTF8.self)
        let descr = try value(of: "descr", in: header).filter { $0 != "'" && $0 != "\"" }
        let fortran = try value(of: "fortran_order", in: header)
        let shapeText = try value(of: "shape", in: header)
        guard shapeText.first == "(", shapeText.last == ")" else { throw bad("shape \(shapeText) is not a tuple") }
        var shape: [Int] = []
        for part in shapeText.dropFirst().dropLast().split(separator: ",") {
            let trimmed = part.filter { $0 != " " }
            if trimmed.isEmpty { continue }
            guard let n = Int(trimmed), n >= 0 else { throw bad("shape \(shapeText) has a bad dimension") }
            shape.append(n)
        }
        guard Shape.isAddressable(shape) else { throw bad("shape \(shapeText) is too large to address") }
        let count = Shape.elementCount(shape)
        let dataStart = headerStart + headerLength
        if let text = try textKind(descr) {
            guard fortran == "False" else { throw bad("fortran_order \(fortran) is not supported for text arrays") }
            let byteCount = count.multipliedReportingOverflow(by: text.width * text.unitBytes)
            guard !byteCount.overflow, bytes.count - dataStart >= byteCount.partialValue else {
                throw bad("the data is truncated: shape \(shapeText) of \(descr) needs more bytes than the file's \(bytes.count - dataStart)")
            }
            return try decodeText(bytes[dataStart...], count: count, kind: text, shape: shape)
        }
        let (dtype, bigEndian) = try dtypeOf(descr)
        let byteCount = count * dtype.byteSize
        guard bytes.count - dataStart >= byteCount else {
            throw bad("the data is truncated: shape \(shapeText) of \(descr) needs \(byteCount) bytes, the file has \(bytes.count - dataStart)")
        }
        var data = Array(bytes[dataStart..<(dataStart + byteCount)])
        if bigEndian && dtype.byteSize > 1 {
            let size = dtype.byteSize
            for i in stride(from: 0, to: data.count, by: size) { data[i..<(i + size)].reverse() }
        }
        // A bool byte must be 0 or 1 to be a Swift Bool.
        if dtype == .bool { data = data.map { $0 != 0 ? 1 : 0 } }
        if fortran == "True" {
            // Column-major: read as the reversed shape, then transpose.
            let reversed = Tensor.fromBytes(data, shape: Array(shape.reversed()), dtype: dtype)
            return reversed.transposed()
        }
        guard fortran == "False" else { throw bad("fortran_order is \(fortran)") }
        return Tensor.fromBytes(data, shape: shape, dtype: dtype)
    }

    /// `.npy` bytes for `tensor` (version 1.0, C order, header padded to 64 bytes as numpy does).
    public static func encode(_ tensor: Tensor) -> [UInt8] {
        let descr: String
        var body: [UInt8] = []
        switch tensor.dtype {
        case .string:
            // numpy's unicode arrays: fixed-width UTF-32LE, zero-padded.
            let texts = tensor.strings.map { Array($0.unicodeScalars) }
            let width = max(texts.map(\.count).max() ?? 0, 1)
            descr = "<U\(width)"
            body.reserveCapacity(texts.count * width * 4)
            for text in texts {
                for scalar in text + [Unicode.Scalar](repeating: "\0", count: width - text.count) {
                    let v = scalar.value
                    body += [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8(v >> 24)]
                }
            }
        case .float32: descr = "<f4"
        case .float64: descr = "<f8"
        case .float16: descr = "<f2"
        case .bfloat16: descr = "<V2"
        case .int32: descr = "<i4"
        case .int64: descr = "<i8"
        case .uint8: descr = "|u1"
        case .bool: descr = "|b1"
        }
        let shape = tensor.shape.count == 1 ? "(\(tensor.shape[0]),)" : "(" + tensor.shape.map(String.init).joined(separator: ", ") + ")"
        var header = "{'descr': '\(descr)', 'fortran_order': False, 'shape': \(shape), }"
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        let length = header.utf8.count
        var bytes = magic + [1, 0, UInt8(length & 0xFF), UInt8(length >> 8)]
        bytes += Array(header.utf8)
        if tensor.dtype == .string { bytes += body } else { tensor.withUnsafeRawBytes { bytes += Array($0) } }
        return bytes
    }

    /// A numpy text dtype: `U` (UTF-32 code units, `<` or `>` order) or `S` (bytes, read as
    /// UTF-8), `width` units per element.
    private struct TextKind {
        let width: Int
        let unitBytes: Int
        let bigEndian: Bool
    }

    private static func textKind(_ descr: String) throws -> TextKind? {
        let order = descr.first ?? "<"
        let body = "<>|=".contains(order) ? descr.dropFirst() : Substring(descr)
        guard let kind = body.first, kind == "U" || kind == "S" else { return nil }
        guard let width = Int(body.dropFirst()), width >= 0, width <= 1 << 20 else {
            throw KerasError(.invalidConfig, "not a valid .npy array: the text dtype \"\(descr)\" has no valid width.")
        }
        return TextKind(width: width, unitBytes: kind == "U" ? 4 : 1, bigEndian: order == ">")
    }

    private static func decodeText(_ data: ArraySlice<UInt8>, count: Int, kind: TextKind, shape: [Int]) throws -> Tensor {
        var texts: [String] = []
        texts.reserveCapacity(count)
        var offset = data.startIndex
        for _ in 0..<count {
            if kind.unitBytes == 1 {
                var units = Array(data[offset..<(offset + kind.width)])
                while units.last == 0 { units.removeLast() }
                texts.append(String(decoding: units, as: UTF8.self))
            } else {
                var scalars = String.UnicodeScalarView()
                for u in 0..<kind.width {
                    let b = data[(offset + 4 * u)..<(offset + 4 * u + 4)].map(UInt32.init)
                    let v = kind.bigEndian ? b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3] : b[3] << 24 | b[2] << 16 | b[1] << 8 | b[0]
                    guard let scalar = Unicode.Scalar(v) else {
                        throw KerasError(.invalidConfig, "not a valid .npy array: element \(texts.count) holds \(v), which is not a Unicode code point.")
                    }
                    scalars.append(scalar)
                }
                while scalars.last == "\0" { scalars.removeLast() }
                texts.append(String(scalars))
            }
            offset += kind.width * kind.unitBytes
        }
        return Tensor(strings: texts, shape: shape)
    }

    private static func value(of key: String, in header: String) throws -> String {
        let text = Array(header)
        for quote in ["'", "\""] {
            let pattern = Array(quote + key + quote)
            guard let start = (0...max(0, text.count - pattern.count)).first(where: { Array(text[$0..<min($0 + pattern.count, text.count)]) == pattern }) else { continue }
            var i = start + pattern.count
            while i < text.count && (text[i] == " " || text[i] == ":") { i += 1 }
            var j = i, depth = 0
            while j < text.count {
                if text[j] == "(" { depth += 1 }
                if text[j] == ")" { depth -= 1 }
                if depth == 0 && (text[j] == "," || text[j] == "}") { break }
                j += 1
            }
            if depth != 0 { break }
            return String(text[i..<j]).trimmingSpaces
        }
        throw KerasError(.invalidConfig, "not a valid .npy array: the header has no '\(key)' entry.")
    }

    private static func dtypeOf(_ descr: String) throws -> (DType, Bool) {
        let order = descr.first ?? "<"
        let kind = String(descr.dropFirst())
        let bigEndian = order == ">"
        switch kind {
        case "f4": return (.float32, bigEndian)
        case "f8": return (.float64, bigEndian)
        case "f2": return (.float16, bigEndian)
        case "i4": return (.int32, bigEndian)
        case "i8": return (.int64, bigEndian)
        case "u1": return (.uint8, false)
        case "b1": return (.bool, false)
        case "V2": return (.bfloat16, false)
        default:
            throw KerasError(.unsupported, "the .npy dtype \"\(descr)\" is not supported; supported: <f4 <f8 <f2 <i4 <i8 |u1 |b1 (and <V2 as bfloat16).")
        }
    }
}

extension Tensor {
    static func fromBytes(_ data: [UInt8], shape: [Int], dtype: DType) -> Tensor {
        data.withUnsafeBytes { Tensor(rawBytes: $0, shape: shape, dtype: dtype) }
    }
}

extension String {
    var trimmingSpaces: String {
        let chars = Array(self)
        var lo = 0, hi = chars.count
        while lo < hi && chars[lo] == " " { lo += 1 }
        while hi > lo && chars[hi - 1] == " " { hi -= 1 }
        return String(chars[lo..<hi])
    }
}
