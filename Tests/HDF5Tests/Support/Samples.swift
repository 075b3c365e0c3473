import HDF5

/// Files written by `HDF5Writer` for the round-trip, interop and fuzz tests.
enum WriterSamples {
    static func littleEndian<T: FixedWidthInteger>(_ values: [T]) -> [UInt8] {
        values.flatMap { v in (0..<(T.bitWidth / 8)).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }
    }

    static func float64Bytes(_ values: [Double]) -> [UInt8] { littleEndian(values.map(\.bitPattern)) }
    static func float32Bytes(_ values: [Float]) -> [UInt8] { littleEndian(values.map(\.bitPattern)) }

    /// Every attribute kind and dataset type the writer supports, plus a group large enough for
    /// a two-level B-tree. `childCount` sets the size of `/many`.
    static func everyKind(childCount: Int = 300) throws -> HDF5Writer {
        let w = HDF5Writer()
        let root = w.root
        try root.setAttribute("str", .strings(["héllo"]))
        try root.setAttribute("ascii", .strings(["abc"]), datatype: .variableString(charset: .ascii))
        try root.setAttribute("list_of_str", .strings(["a", "bb", ""]))
        try root.setAttribute("one_element_list", .strings(["only"]), shape: [1])
        try root.setAttribute("fixed_S", .strings(["dense", "dense_1"]), datatype: .fixedString(length: 7, charset: .ascii))
        try root.setAttribute("fixed_utf8_scalar", .strings(["ünï"]), datatype: .fixedString(length: 8, charset: .utf8))
        try root.setAttribute("int", .integers([5]))
        try root.setAttribute("int_array", .integers([0, 1, -2]), datatype: .integer(bytes: 4, signed: true))
        try root.setAttribute("int8_matrix", .integers([1, -1, 127, -128, 0, 3]), shape: [2, 3], datatype: .integer(bytes: 1, signed: true))
        try root.setAttribute("uint64_max", .unsignedIntegers([.max]))
        try root.setAttribute("uint16", .unsignedIntegers([0, 65535]), datatype: .integer(bytes: 2, signed: false))
        try root.setAttribute("float", .floats([1.5]))
        try root.setAttribute("float32_array", .floats([0.25, -3.5, 1e-3]), datatype: .float(bytes: 4))
        try root.setAttribute("float16_array", .floats([0.5, 65504, -2.001953125, 0x1p-24]), datatype: .float(bytes: 2))
        try root.setAttribute("bool", .bools([true]))
        try root.setAttribute("bools", .bools([true, false, true]))
        try root.setAttribute("empty_list", .floats([]), shape: [0])
        try root.setAttribute("long_text", .strings([String(repeating: "0123456789", count: 600)]))
        let colors = [HDF5EnumMember(name: "RED", value: 0), HDF5EnumMember(name: "GREEN", value: 7)]
        try root.setAttribute("enum", .integers([7, 0]), datatype: .enumeration(bytes: 2, signed: false, members: colors))

        let data = try root.group("data")
        try data.createDataset("f16", shape: [2, 2], datatype: .float(bytes: 2), littleEndianBytes: littleEndian([UInt16(0x3C00), 0xC000, 0x7BFF, 0x0001]))
        try data.createDataset("f32", shape: [2, 3], floats: [1, 2, 3, 4, 5, 6.5])
        try data.createDataset("f64", shape: [2, 1, 2], datatype: .float(bytes: 8), littleEndianBytes: float64Bytes([1e300, -0.0, .pi, 1e-310]))
        try data.createDataset("i8", value: .integers([-128, 0, 127]), datatype: .integer(bytes: 1, signed: true))
        try data.createDataset("i16", value: .integers([-32768, 1, 32767]), datatype: .integer(bytes: 2, signed: true))
        try data.createDataset("i32", value: .integers([Int64(Int32.min), 2, Int64(Int32.max)]), datatype: .integer(bytes: 4, signed: true))
        try data.createDataset("i64", value: .integers([.min, 3, .max]))
        try data.createDataset("u8", value: .unsignedIntegers([0, 1, 255]), datatype: .integer(bytes: 1, signed: false))
        try data.createDataset("u16", value: .unsignedIntegers([0, 65535]), datatype: .integer(bytes: 2, signed: false))
        try data.createDataset("u32", value: .unsignedIntegers([0, 4_294_967_295]), datatype: .integer(bytes: 4, signed: false))
        try data.createDataset("u64", value: .unsignedIntegers([0, .max]))
        try data.createDataset("bool", value: .bools([true, false, true, true]), shape: [2, 2])
        try data.createDataset("scalar", value: .floats([2.5]), datatype: .float(bytes: 4))
        try data.createDataset("iterations", value: .integers([42]), datatype: .integer(bytes: 8, signed: true))
        try data.createDataset("empty", shape: [0, 3], floats: [])
        try data.createDataset("strings", value: .strings(["alpha", "βeta", ""]))
        try data.createDataset("fixed_strings", value: .strings(["ab", "cde"]), datatype: .fixedString(length: 5, charset: .ascii))
        let bf16 = try data.createDataset("bf16", shape: [3], datatype: .opaque(bytes: 2, tag: ""),
                                          littleEndianBytes: littleEndian([UInt16(0x3F80), 0xC000, 0x0000]))
        try bf16.setAttribute("dtype", .strings(["bfloat16"]))

        let vars = try root.group("layers/dense/vars")
        try vars.setAttribute("name", .strings(["dense"]))
        try vars.createDataset("0", shape: [4, 3], floats: (0..<12).map { Float($0) / 8 })
        try vars.createDataset("1", shape: [3], floats: [0.5, 0.25, 0.125])
        _ = try root.group("layers/empty_group")

        let many = try root.group("many")
        for i in 0..<childCount {
            try many.createDataset("x\(i)", value: .integers([Int64(i)]))
        }
        return w
    }
}

/// zlib streams made by Python's zlib (stored, fixed and dynamic Huffman blocks) and their text.
enum ZlibSamples {
    static func all() throws -> [(String, [UInt8], [UInt8])] {
        try ["stored", "fixed", "dynamic"].map { name in
            (name, try Fixtures.bytes("zlib/\(name).zz"), try Fixtures.bytes("zlib/\(name).txt"))
        }
    }
}
