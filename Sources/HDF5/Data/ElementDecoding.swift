// Turning stored elements into values: byte order, float16, strings and the global heap.

enum ElementDecoding {
    /// Sign-extends (or not) a `bytes`-wide integer read little-endian into `raw`.
    static func integer(_ raw: UInt64, bytes: Int, signed: Bool, bigEndian: Bool) -> Int64 {
        var value = raw
        if bigEndian && bytes > 1 {
            value = raw.byteSwapped >> UInt64(64 - 8 * bytes)
        }
        guard signed, bytes < 8 else { return Int64(bitPattern: value) }
        let shift = UInt64(64 - 8 * bytes)
        return Int64(bitPattern: value << shift) >> Int64(shift)
    }

    /// The bytes of `raw` with each `size`-byte element reversed when `bigEndian`.
    static func littleEndian(_ raw: [UInt8], size: Int, bigEndian: Bool) -> [UInt8] {
        guard bigEndian, size > 1 else { return raw }
        var out = raw
        var i = 0
        while i + size <= out.count {
            out[i..<(i + size)].reverse()
            i += size
        }
        return out
    }

    /// An IEEE binary16 value, exactly, as a `Double`.
    static func float16(_ bits: UInt16) -> Double {
        let sign: Double = bits & 0x8000 != 0 ? -1 : 1
        let exponent = Int(bits >> 10) & 0x1F, mantissa = Double(bits & 0x3FF)
        switch exponent {
        case 0: return sign * mantissa * 0x1p-24
        case 31: return mantissa == 0 ? sign * .infinity : .nan
        default: return sign * (1 + mantissa / 1024) * Double(sign: .plus, exponent: exponent - 15, significand: 1)
        }
    }

    /// Decodes `count` elements of `type` stored (in file order) at `bytes[range]`.
    static func decode(_ bytes: [UInt8], _ range: Range<Int>, type: StoredType, count: Int,
                       heap: inout GlobalHeap, budget: inout WorkBudget) throws -> HDF5Value {
        let size = type.size
        let (needed, overflow) = count.multipliedReportingOverflow(by: size)
        guard !overflow, needed <= range.count else {
            throw HDF5Error(.truncated, "\(count) elements of \(size) bytes need more than the \(range.count) bytes stored")
        }
        var r = ByteReader(bytes, range: range, structure: "element data")
        func word() throws -> UInt64 {
            let raw = try r.uint(width: size, "element")
            return type.bigEndian && size > 1 ? raw.byteSwapped >> UInt64(64 - 8 * size) : raw
        }
        switch type.datatype {
        case .integer(_, let signed), .enumeration(_, let signed, _):
            if signed || type.datatype != .integer(bytes: size, signed: false) {
                return .integers(try (0..<count).map { _ in integer(try word(), bytes: size, signed: signed, bigEndian: false) })
            }
            return .unsignedIntegers(try (0..<count).map { _ in try word() })
        case .bool:
            return .bools(try (0..<count).map { _ in try word() != 0 })
        case .float(let width):
            return .floats(try (0..<count).map { _ in
                let w = try word()
                switch width {
                case 2: return float16(UInt16(truncatingIfNeeded: w))
                case 4: return Double(Float(bitPattern: UInt32(truncatingIfNeeded: w)))
                default: return Double(bitPattern: w)
                }
            })
        case .opaque:
            return .opaque(Array(bytes[range.prefix(needed)]))
        case .fixedString:
            return .strings(try (0..<count).map { _ in
                fixedString(bytes[try r.range(size, "string")], padding: type.padding)
            })
        case .variableString:
            return .strings(try (0..<count).map { _ in
                try variableString(&r, heap: &heap, budget: &budget)
            })
        }
    }

    /// A fixed-length string without its padding.
    static func fixedString(_ bytes: ArraySlice<UInt8>, padding: StringPadding) -> String {
        let content: ArraySlice<UInt8>
        switch padding {
        case .nullTerminated: content = bytes.prefix { $0 != 0 }
        case .nullPadded: content = bytes[..<(bytes.lastIndex { $0 != 0 }.map { $0 + 1 } ?? bytes.startIndex)]
        case .spacePadded: content = bytes[..<(bytes.lastIndex { $0 != 0x20 && $0 != 0 }.map { $0 + 1 } ?? bytes.startIndex)]
        }
        return String(decoding: content, as: UTF8.self)
    }

    /// A variable-length string element: length, global heap collection address, object index.
    static func variableString(_ r: inout ByteReader, heap: inout GlobalHeap, budget: inout WorkBudget) throws -> String {
        let length = Int(try r.u32("string length"))
        let collection = try r.address("global heap collection address")
        let index = Int(try r.u32("global heap object index"))
        if length == 0 && (collection == 0 || collection == .undefinedAddress) { return "" }
        let object = try heap.object(collection: collection, index: index, budget: &budget)
        guard length <= object.count else {
            throw HDF5Error(.corrupt, "a variable-length string of \(length) bytes refers to global heap object \(index) at \(hex(collection)), which holds \(object.count) bytes")
        }
        try budget.charge(length, "a variable-length string")
        return String(decoding: heap.image.bytes[object.prefix(length)], as: UTF8.self)
    }
}
