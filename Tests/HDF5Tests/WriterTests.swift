import Foundation
import HDF5
import Testing

/// What `HDF5Writer` writes reads back exactly, through our reader and (when available) h5py.
@Suite struct WriterTests {
    @Test func everyKindRoundTripsExactly() throws {
        let writer = try WriterSamples.everyKind()
        let file = try HDF5File(bytes: try writer.bytes())
        #expect(file.superblockVersion == 0)
        let root = file.root

        // Attributes: name, type, shape and value as written.
        let expected: [(String, HDF5Datatype, [Int], HDF5Value)] = [
            ("str", .variableString(charset: .utf8), [], .strings(["héllo"])),
            ("ascii", .variableString(charset: .ascii), [], .strings(["abc"])),
            ("list_of_str", .variableString(charset: .utf8), [3], .strings(["a", "bb", ""])),
            ("one_element_list", .variableString(charset: .utf8), [1], .strings(["only"])),
            ("fixed_S", .fixedString(length: 7, charset: .ascii), [2], .strings(["dense", "dense_1"])),
            ("fixed_utf8_scalar", .fixedString(length: 8, charset: .utf8), [], .strings(["ünï"])),
            ("int", .integer(bytes: 8, signed: true), [], .integers([5])),
            ("int_array", .integer(bytes: 4, signed: true), [3], .integers([0, 1, -2])),
            ("int8_matrix", .integer(bytes: 1, signed: true), [2, 3], .integers([1, -1, 127, -128, 0, 3])),
            ("uint64_max", .integer(bytes: 8, signed: false), [], .unsignedIntegers([.max])),
            ("uint16", .integer(bytes: 2, signed: false), [2], .unsignedIntegers([0, 65535])),
            ("float", .float(bytes: 8), [], .floats([1.5])),
            ("float32_array", .float(bytes: 4), [3], .floats([0.25, -3.5, Double(Float(1e-3))])),
            ("float16_array", .float(bytes: 2), [4], .floats([0.5, 65504, -2.001953125, 0x1p-24])),
            ("bool", .bool, [], .bools([true])),
            ("bools", .bool, [3], .bools([true, false, true])),
            ("empty_list", .float(bytes: 8), [0], .floats([])),
            ("long_text", .variableString(charset: .utf8), [], .strings([String(repeating: "0123456789", count: 600)])),
        ]
        for (name, type, shape, value) in expected {
            let a = try #require(root.attribute(name), "attribute \(name)")
            #expect(a.datatype == type, "\(name)")
            #expect(a.shape == shape, "\(name)")
            #expect(a.value == value, "\(name)")
        }
        let enumAttribute = try #require(root.attribute("enum"))
        #expect(enumAttribute.value == .integers([7, 0]))
        #expect(enumAttribute.datatype == .enumeration(bytes: 2, signed: false, members: [HDF5EnumMember(name: "RED", value: 0), HDF5EnumMember(name: "GREEN", value: 7)]))

        let data = try root.group("data")
        #expect(try data.dataset("f16").readRawLittleEndian() == WriterSamples.littleEndian([UInt16(0x3C00), 0xC000, 0x7BFF, 0x0001]))
        #expect(try data.dataset("f16").readFloats() == [1, -2, 65504, Float(0x1p-24)])
        #expect(try data.dataset("f32").readFloats() == [1, 2, 3, 4, 5, 6.5])
        #expect(try data.dataset("f32").shape == [2, 3])
        #expect(try data.dataset("f64").readDoubles().map(\.bitPattern) == [1e300, -0.0, .pi, 1e-310].map(\.bitPattern))
        #expect(try data.dataset("f64").shape == [2, 1, 2])
        #expect(try data.dataset("i8").readInt64s() == [-128, 0, 127])
        #expect(try data.dataset("i16").readInt64s() == [-32768, 1, 32767])
        #expect(try data.dataset("i32").readInt64s() == [Int64(Int32.min), 2, Int64(Int32.max)])
        #expect(try data.dataset("i64").readInt64s() == [.min, 3, .max])
        #expect(try data.dataset("u8").datatype == .integer(bytes: 1, signed: false))
        #expect(try data.dataset("u8").readInt64s() == [0, 1, 255])
        #expect(try data.dataset("u16").readInt64s() == [0, 65535])
        #expect(try data.dataset("u32").readInt64s() == [0, 4_294_967_295])
        #expect(try data.dataset("u64").readValue() == .unsignedIntegers([0, .max]))
        #expect(try data.dataset("bool").readValue() == .bools([true, false, true, true]))
        #expect(try data.dataset("bool").shape == [2, 2])
        #expect(try data.dataset("scalar").shape == [])
        #expect(try data.dataset("scalar").readFloats() == [2.5])
        #expect(try data.dataset("empty").shape == [0, 3])
        #expect(try data.dataset("empty").readFloats() == [])
        #expect(try data.dataset("strings").readStrings() == ["alpha", "βeta", ""])
        #expect(try data.dataset("fixed_strings").readStrings() == ["ab", "cde"])
        #expect(try data.dataset("bf16").datatype == .opaque(bytes: 2, tag: ""))
        #expect(try data.dataset("bf16").readRawLittleEndian() == [0x80, 0x3F, 0x00, 0xC0, 0, 0])
        #expect(try data.dataset("bf16").attribute("dtype")?.value.string == "bfloat16")

        let vars = try root.group("layers/dense/vars")
        #expect(vars.attribute("name")?.value.string == "dense")
        #expect(vars.children.map(\.name) == ["0", "1"])
        #expect(try vars.dataset("0").readFloats() == (0..<12).map { Float($0) / 8 })
        #expect(try root.group("layers/empty_group").children.isEmpty)
        let many = try root.group("many")
        #expect(many.children.count == 300)
        #expect(try many.dataset("x299").readInt64s() == [299])
        #expect(many.children.map(\.name) == (0..<300).map { "x\($0)" }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    }

    @Test func largeGroupsNeedDeeperBTrees() throws {
        // 2,600 children: 325 symbol table nodes under 11 level-0 nodes and a level-1 root.
        let writer = HDF5Writer()
        let big = try writer.root.group("layers")
        for i in 0..<2600 { _ = try big.group("layer_\(i)") }
        let root = try HDF5File(bytes: writer.bytes()).root
        let layers = try root.group("layers")
        #expect(layers.children.count == 2600)
        #expect(layers.child("layer_1234")?.group != nil)
    }

    @Test func writeIsAtomicAndReadable() throws {
        let directory = try temporaryDirectory("writer")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/model.weights.h5"
        try WriterSamples.everyKind(childCount: 3).write(to: path)
        try WriterSamples.everyKind(childCount: 5).write(to: path)        // replaces the first
        #expect(try HDF5File(path: path).root.group("many").children.count == 5)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["model.weights.h5"])
        let missing = directory + "/no/such/folder/x.h5"
        let error = #expect(throws: HDF5Error.self) { try HDF5Writer().write(to: missing) }
        #expect(error?.kind == .io)
    }

    @Test func invalidInputIsRejectedWithAReason() throws {
        let w = HDF5Writer()
        let g = try w.root.group("g")
        try g.createDataset("d", shape: [2], floats: [1, 2])
        func expectInvalid(_ body: () throws -> Void, _ phrase: String, sourceLocation: SourceLocation = #_sourceLocation) {
            let error = #expect(throws: HDF5Error.self, sourceLocation: sourceLocation) { try body() }
            #expect(error?.kind == .invalidArgument, sourceLocation: sourceLocation)
            #expect(error?.message.contains(phrase) == true, "\(error?.message ?? "") should say \(phrase)", sourceLocation: sourceLocation)
        }
        expectInvalid({ try g.createDataset("d", shape: [1], floats: [1]) }, "already exists")
        expectInvalid({ _ = try w.root.group("g/d/x") }, "is a dataset")
        expectInvalid({ try g.createDataset("e", shape: [3], floats: [1]) }, "needs 12 bytes, got 4")
        expectInvalid({ try g.setAttribute("a", .integers([300]), datatype: .integer(bytes: 1, signed: false)) }, "300 does not fit uint8")
        expectInvalid({ try g.setAttribute("a", .strings(["toolong"]), datatype: .fixedString(length: 3, charset: .ascii)) }, "more than the fixed length 3")
        expectInvalid({ try g.setAttribute("a", .strings(["é"]), datatype: .variableString(charset: .ascii)) }, "not ASCII")
        expectInvalid({ try g.setAttribute("a", .floats([1, 2]), shape: [3]) }, "2 values for 3 elements")
        expectInvalid({ try g.setAttribute("a", .floats(Array(repeating: 0, count: 9000))) }, "limited to 64 KiB")
        expectInvalid({ try g.setAttribute("a", .strings(["x"]), datatype: .float(bytes: 4)) }, "cannot be stored as float32")
        expectInvalid({ try g.createDataset("f", shape: [1], datatype: .float(bytes: 3), littleEndianBytes: [0, 0, 0]) }, "floats of 3 bytes")
    }

    @Test func float16RoundsToNearestEven() throws {
        let w = HDF5Writer()
        let values: [Double] = [0.1, 1 + 0x1p-11, 1 + 3 * 0x1p-11, 65519, 65520, -1e9, 0x1p-25, 0x1p-25 * 3, .nan]
        try w.root.setAttribute("h", .floats(values), datatype: .float(bytes: 2))
        let read = try #require(try HDF5File(bytes: w.bytes()).root.attribute("h")?.value.doubles)
        let expected: [Double] = [0.0999755859375, 1, 1 + 2 * 0x1p-10, 65504, .infinity, -.infinity, 0, 0x1p-23]
        #expect(Array(read.prefix(8)) == expected)
        #expect(read[8].isNaN)
    }
}
