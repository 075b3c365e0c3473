import Testing
@testable import Keras

/// Hand-made hostile inputs for the Keras-side readers, and the minimized mutants the reader
/// fuzz tests found (see ``ReaderFuzzTests``): each must end in a ``KerasError`` (or a correct
/// read), quickly and without a large allocation.
@Suite struct HostileFileTests {
    static func tinyMembers() throws -> [(String, [UInt8])] {
        let keras = try FuzzCorpus.bytes("tiny_sequential.keras")
        return try KerasArchive.members(of: keras, path: "tiny_sequential.keras").sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// `members` of an archive that should be refused, with the refusal's message.
    static func refusal(_ archive: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) -> String {
        do {
            let members = try KerasArchive.members(of: archive, path: "hostile.keras")
            Issue.record("accepted \(members.count) members, \(members.values.map(\.count)) bytes", sourceLocation: sourceLocation)
            return ""
        } catch let error as KerasError {
            #expect(error.kind == .invalidConfig, sourceLocation: sourceLocation)
            return error.message
        } catch {
            Issue.record("threw \(type(of: error)): \(error)", sourceLocation: sourceLocation)
            return ""
        }
    }

    // MARK: Zip

    @Test func fixtureArchivesReadInEveryForm() throws {
        let members = try Self.tinyMembers()
        let plain = try KerasArchive.members(of: ZipBuilder.archive(members.map { ZipMember.stored($0.0, $0.1) }), path: "x")
        let deflated = try KerasArchive.members(of: ZipBuilder.archive(try members.map { try ZipMember.deflated($0.0, $0.1) }), path: "x")
        let zip64 = try KerasArchive.members(of: ZipBuilder.archive(try members.map { try ZipMember.deflated($0.0, $0.1) }, zip64: true), path: "x")
        let written = try KerasArchive.members(of: KerasArchive.archive(members.map { (path: $0.0, bytes: $0.1) }), path: "x")
        for read in [plain, deflated, zip64, written] {
            #expect(read.keys.sorted() == members.map(\.0))
            for (name, bytes) in members { #expect(read[name] == bytes, "\(name)") }
        }
    }

    /// A DEFLATE member that claims 1000 bytes but inflates to 16 MiB: the inflater stops at
    /// the declared size.
    @Test func deflateBombClaimingASmallSizeIsRefused() throws {
        var bomb = try ZipMember.deflatedZeros("config.json", count: 16 << 20)
        bomb.uncompressedSize = 1000
        let message = Self.refusal(ZipBuilder.archive([bomb]))
        #expect(message.contains("larger than its declared 1000 bytes"), "\(message)")
    }

    /// Members claiming 4 GiB (and more, through ZIP64) are refused before anything is read.
    @Test(arguments: [UInt64(0xFFFF_FFFF), 1 << 32, 1 << 40, 1 << 63, .max])
    func membersClaimingHugeSizesAreRefused(_ size: UInt64) throws {
        var bomb = try ZipMember.deflatedZeros("model.weights.h5", count: 1 << 20)
        bomb.uncompressedSize = size
        for zip64 in [false, true] where zip64 || size <= 0xFFFF_FFFF {
            let message = Self.refusal(ZipBuilder.archive([bomb], zip64: zip64))
            // 0xFFFFFFFF without ZIP64 information is a ZIP64 marker with nothing behind it.
            #expect(message.contains("more than the archive can hold") || message.contains("no ZIP64 information"), "\(message)")
        }
    }

    /// An honest 4 MiB member compressed 1000:1 reads: DEFLATE's ratio bounds what an archive
    /// can hold, and the archive is within it.
    @Test func honestHighlyCompressedMemberReads() throws {
        let member = try ZipMember.deflatedZeros("config.json", count: 4 << 20)
        let read = try KerasArchive.members(of: ZipBuilder.archive([member]), path: "x")
        #expect(read["config.json"]?.count == 4 << 20)
    }

    /// Many central-directory entries sharing one highly compressed member (an overlapping
    /// "better zip bomb"): the total is bounded by the archive's size times DEFLATE's ratio.
    @Test func overlappingMembersAreBoundedInTotal() throws {
        let member = try ZipMember.deflatedZeros("w", count: 4 << 20)
        var archive = ZipBuilder.archive([member])
        // Repeat the central-directory entry 300 times (names differ by a last byte).
        let eocd = archive.count - 22
        let cdOffset = Int(ByteMutator.get(width: 4, at: eocd + 16, in: archive))
        let entry = Array(archive[cdOffset..<eocd])
        var directory: [UInt8] = []
        for i in 0..<300 {
            var copy = entry
            copy[copy.count - 1] = UInt8(truncatingIfNeeded: i)
            directory += copy
        }
        archive = Array(archive[..<cdOffset]) + directory + Array(archive[eocd...])
        let newEOCD = archive.count - 22
        ByteMutator.put(300, width: 2, at: newEOCD + 8, in: &archive)
        ByteMutator.put(300, width: 2, at: newEOCD + 10, in: &archive)
        ByteMutator.put(UInt64(directory.count), width: 4, at: newEOCD + 12, in: &archive)
        let message = Self.refusal(archive)
        #expect(message.contains("more than the archive can hold"), "\(message)")
    }

    /// A DEFLATE stream cut short (sizes consistent with the cut): ZIPFoundation's inflate loop
    /// never ends on this; the reader must throw.
    @Test func truncatedDeflateStreamIsRefused() throws {
        let members = try Self.tinyMembers()
        var member = try ZipMember.deflated(members[0].0, members[0].1)
        member.payload = Array(member.payload.prefix(member.payload.count / 2))
        member.compressedSize = UInt64(member.payload.count)
        let message = Self.refusal(ZipBuilder.archive([member]))
        #expect(message.contains("DEFLATE data"), "\(message)")
    }

    /// Directory fields pointing outside the archive (the inputs on which ZIPFoundation's
    /// in-memory reader traps: "Range requires lowerBound <= upperBound" in MemoryFile.readData,
    /// found by the fuzz test).
    @Test func fieldsPointingOutsideAreRefused() throws {
        let cases: [(String, UInt64)] = [
            ("cd.localHeaderOffset", 0xFFFF_FFF0), ("cd.localHeaderOffset", 0x7FFF_FFFF), ("eocd.cdOffset", 0xFFFF_FFF0),
            ("eocd.cdSize", 0x7FFF_FFFF), ("eocd.entries", 0xFFFF), ("cd.nameLength", 0xFFFF), ("cd.extraLength", 0xFFFF),
            ("local.extraLength", 0xFFFF), ("cd.compressedSize", 0xFFFF_FFFF), ("cd.uncompressedSize", 0xFFFF_FFFF),
            ("local.nameLength", 0xFFFF), ("eocd.commentLength", 0xFFFF), ("cd.method", 99), ("cd.flags", 1),
        ]
        for (field, value) in cases {
            let members = try Self.tinyMembers()
            var archive = ZipBuilder.archive(members.map { ZipMember.stored($0.0, $0.1) })
            let target = try #require(ZipFields.of(archive).last { $0.name == field })
            ByteMutator.put(value, width: target.width, at: target.offset, in: &archive)
            #expect(!Self.refusal(archive).isEmpty, "\(field) = \(value)")
        }
    }

    /// ZIP64 fields with values past the end, and past `Int64.max` (ZIPFoundation converts these
    /// with trapping conversions).
    @Test(arguments: ["zip64eocd.cdOffset", "zip64eocd.entries", "zip64eocd.cdSize", "zip64locator.recordOffset",
                      "cd.zip64[0]", "cd.zip64[1]", "cd.zip64[2]"])
    func zip64FieldsPastTheEndAreRefused(_ field: String) throws {
        let members = try Self.tinyMembers()
        for value in [UInt64.max, 1 << 63, 1 << 40, 0xFFFF_FFFF] {
            var archive = ZipBuilder.archive(members.map { ZipMember.stored($0.0, $0.1) }, zip64: true)
            let target = try #require(ZipFields.of(archive).first { $0.name == field })
            ByteMutator.put(value, width: target.width, at: target.offset, in: &archive)
            _ = Self.refusal(archive)
        }
    }

    @Test func nonZipBytesAreRefused() throws {
        for bytes: [UInt8] in [[], [0x50, 0x4B], Array(repeating: 0, count: 100), [0x50, 0x4B, 3, 4] + Array(repeating: 0, count: 40),
                               [0x50, 0x4B, 5, 6] + Array(repeating: 0xFF, count: 18)] {
            _ = Self.refusal(bytes)
        }
        // An empty archive is an archive with no members.
        #expect(try KerasArchive.members(of: ZipBuilder.archive([]), path: "x").isEmpty)
    }

    // MARK: JSON

    @Test func deepNestingIsRefusedNotOverflowed() throws {
        for text in [String(repeating: "[", count: 100_000), String(repeating: "{\"a\":", count: 100_000),
                     String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)] {
            #expect(throws: KerasError.self) { try JSONValue(parsing: text) }
        }
        let deepest = String(repeating: "[", count: JSONValue.maximumDepth) + String(repeating: "]", count: JSONValue.maximumDepth)
        #expect(throws: Never.self) { try JSONValue(parsing: deepest) }
    }

    @Test func hostileJSONTextsParseOrThrow() throws {
        let accepted: [(String, JSONValue)] = [
            ("1" + String(repeating: "0", count: 400), .double(.infinity)), ("1e999999999", .double(.infinity)),
            ("-1e-999999999", .double(-0.0)), ("9223372036854775808", .double(9223372036854775808)),
            (#"{"name": "a", "name": 7}"#, ["name": 7]), ("\"\u{FFFD}\"", "\u{FFFD}"),
        ]
        for (text, value) in accepted { #expect(try JSONValue(parsing: text) == value, "\(text.prefix(40))") }
        for text in ["\"abc", "[1, 2", "{\"a\": }", "\"\\ud800\"", "\"\\udc00\"", "\"\\u00zz\"", "01", "-", "1.", "NaN1",
                     "\"\u{1}\"", "{\"a\" 1}", "[1,]", "", " ", "\u{FEFF}{}"] {
            #expect(throws: KerasError.self, "\(text)") { try JSONValue(parsing: text) }
        }
        // Invalid UTF-8 in a config file becomes U+FFFD, as the loader decodes it.
        let bytes: [UInt8] = Array(#"{"name": ""#.utf8) + [0xFF, 0xC0, 0x80, 0xED, 0xA0, 0x80] + Array(#""}"#.utf8)
        #expect(try JSONValue(parsing: String(decoding: bytes, as: UTF8.self))["name"]?.stringValue?.allSatisfy { $0 == "\u{FFFD}" } == true)
    }

    // MARK: NPY

    static func npy(_ header: String, version: UInt8 = 1, data: [UInt8] = []) -> [UInt8] {
        let h = Array(header.utf8)
        let length = version == 1 ? [UInt8(h.count & 0xFF), UInt8(h.count >> 8)] : [UInt8(h.count & 0xFF), UInt8(h.count >> 8 & 0xFF), 0, 0]
        return [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, version, 0] + length + h + data
    }

    @Test(arguments: ["(1099511627776, 1099511627776)", "(0, 1099511627776, 1099511627776)", "(4294967296, 4294967296, 0)",
                      "(9223372036854775807,)", "(9223372036854775808,)", "(-1,)", "(3037000500, 3037000500)", "(2305843009213693952,)",
                      "(" + String(repeating: "(", count: 5000) + ")", "(1, 2"])
    func npyHugeOrBadShapesAreRefused(_ shape: String) throws {
        for fortran in ["False", "True"] {
            let bytes = Self.npy("{'descr': '<f4', 'fortran_order': \(fortran), 'shape': \(shape), }", data: Array(repeating: 0, count: 64))
            #expect(throws: KerasError.self, "\(shape.prefix(40)) fortran \(fortran)") { try NPY.decode(bytes) }
        }
    }

    @Test func npyHeaderLengthsPastTheEndAreRefused() throws {
        var bytes = Self.npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", version: 2, data: Array(repeating: 0, count: 8))
        for value: UInt64 in [0xFFFF_FFFF, 0x7FFF_FFFF, UInt64(bytes.count)] {
            ByteMutator.put(value, width: 4, at: 8, in: &bytes)
            #expect(throws: KerasError.self) { try NPY.decode(bytes) }
        }
        // Zero-sized arrays with big axes read, without allocating.
        let empty = try NPY.decode(Self.npy("{'descr': '<f4', 'fortran_order': False, 'shape': (0, 1048576, 1048576), }"))
        #expect(empty.shape == [0, 1 << 20, 1 << 20] && empty.count == 0)
    }

    // MARK: Configs

    static func dense(units: JSONValue, input: JSONValue) -> JSONValue {
        ["class_name": "Sequential", "config": ["name": "s", "layers": [
            ["class_name": "InputLayer", "config": ["batch_shape": input, "name": "in"]],
            ["class_name": "Dense", "config": ["units": units, "name": "d"]],
        ]]]
    }

    /// Sizes from a hostile config never reach the allocator: weights over 2^31 elements are
    /// refused with an error naming the shape.
    @Test func hugeLayerSizesInConfigsAreRefused() throws {
        let cases: [(JSONValue, JSONValue)] = [
            (.int(1 << 40), [nil, 4]), (4, [nil, .int(1 << 40)]), (.int(1 << 20), [nil, .int(1 << 20)]),
            (.int(Int.max), [nil, .int(Int.max)]), (.int(3_037_000_500), [nil, .int(3_037_000_500)]), (-1, [nil, 4]), (4, [nil, -3]),
        ]
        for (units, input) in cases {
            #expect(throws: KerasError.self, "units \(units.serialized()), input \(input.serialized())") {
                try LayerRegistry.deserialize(Self.dense(units: units, input: input))
            }
        }
    }

    @Test func hugeDimensionsInBuildConfigsAndShapesAreRefused() throws {
        let configs: [JSONValue] = [
            ["class_name": "Dense", "config": ["units": 4], "build_config": ["input_shape": [nil, .int(1 << 40)]]],
            ["class_name": "Embedding", "config": ["input_dim": .int(1 << 40), "output_dim": 8]],
            ["class_name": "Conv2D", "config": ["filters": .int(1 << 20), "kernel_size": [.int(1 << 10), .int(1 << 10)]], "build_config": ["input_shape": [nil, 8, 8, 3]]],
            ["class_name": "Sequential", "config": ["name": "s", "layers": [
                ["class_name": "InputLayer", "config": ["batch_shape": [nil, .int(1 << 40), .int(1 << 40)], "name": "in"]],
                ["class_name": "Flatten", "config": ["name": "f"]],
                ["class_name": "Dense", "config": ["units": 2, "name": "d"]],
            ]]],
            ["class_name": "Sequential", "config": ["name": "s", "layers": [
                ["class_name": "InputLayer", "config": ["batch_shape": [nil, .int(1 << 40)], "name": "in"]],
                ["class_name": "Reshape", "config": ["target_shape": [.int(1 << 40), .int(1 << 40)], "name": "r"]],
            ]]],
        ]
        for config in configs {
            #expect(throws: KerasError.self, "\(config.serialized().prefix(120))") { try LayerRegistry.deserialize(config) }
        }
    }

    static func functional(_ layers: [JSONValue], inputs: JSONValue = ["in", 0, 0], outputs: JSONValue) -> JSONValue {
        ["class_name": "Functional", "config": ["name": "f", "layers": .array(layers), "input_layers": inputs, "output_layers": outputs]]
    }

    static func tensor(_ layer: String, _ node: Int, _ index: Int) -> JSONValue {
        ["class_name": "__keras_tensor__", "config": ["shape": [nil, 4], "dtype": "float32", "keras_history": [.string(layer), .int(node), .int(index)]]]
    }

    static func layer(_ name: String, _ className: String = "Dense", calls: [JSONValue]) -> JSONValue {
        ["class_name": .string(className), "name": .string(name), "config": ["name": .string(name), "units": 4],
         "inbound_nodes": .array(calls.map { ["args": [$0], "kwargs": [:]] })]
    }

    static let input: JSONValue = ["class_name": "InputLayer", "name": "in", "config": ["batch_shape": [nil, 4], "name": "in"], "inbound_nodes": []]

    /// Functional graphs that refer to themselves, to each other in a cycle, to missing layers
    /// or to calls far past the last: the replay ends with an error naming what is missing.
    @Test func hostileFunctionalGraphsEndInErrors() throws {
        let graphs: [(String, JSONValue)] = [
            ("self reference", Self.functional([Self.input, Self.layer("a", calls: [Self.tensor("a", 0, 0)])], outputs: ["a", 0, 0])),
            ("cycle", Self.functional([Self.input, Self.layer("a", calls: [Self.tensor("b", 0, 0)]), Self.layer("b", calls: [Self.tensor("a", 0, 0)])], outputs: ["b", 0, 0])),
            ("missing layer", Self.functional([Self.input, Self.layer("a", calls: [Self.tensor("ghost", 0, 0)])], outputs: ["a", 0, 0])),
            ("huge node index", Self.functional([Self.input, Self.layer("a", calls: [Self.tensor("in", 1 << 40, 0)])], outputs: ["a", 0, 0])),
            ("Int.max node", Self.functional([Self.input, Self.layer("a", calls: [Self.tensor("in", Int.max, Int.max)])], outputs: ["a", 0, 0])),
            ("output past the calls", Self.functional([Self.input, Self.layer("a", calls: [Self.tensor("in", 0, 0)])], outputs: ["a", .int(Int.max), 0])),
            ("negative index", Self.functional([Self.input, Self.layer("a", calls: [Self.tensor("in", -1, 0)])], outputs: ["a", 0, 0])),
            ("layer calling its second call", Self.functional([Self.input, Self.layer("a", calls: [Self.tensor("in", 0, 0), Self.tensor("a", 1, 0)])], outputs: ["a", 1, 0])),
            ("duplicate names", Self.functional([Self.input, Self.layer("a", calls: [Self.tensor("in", 0, 0)]), Self.layer("a", calls: [Self.tensor("a", 0, 0)])], outputs: ["a", 0, 0])),
            ("model inside itself", Self.functional([Self.input, ["class_name": "Functional", "name": "f", "config": .null, "inbound_nodes": [["args": [Self.tensor("in", 0, 0)], "kwargs": [:]]]]], outputs: ["f", 0, 0])),
        ]
        for (what, config) in graphs {
            #expect(throws: KerasError.self, "\(what)") { try LayerRegistry.deserialize(config) }
        }
    }

    /// Found by the config fuzz (seed 288240271756363598): MultiHeadAttention built from a
    /// `shapes_dict` whose query has 0 features, then called on the graph's real query of 8:
    /// its EinsumDense trapped in `einsum` ("label has size 0 in one place and 8 in another").
    @Test func layersBuiltForOtherShapesThanTheyAreCalledWithThrow() throws {
        let text = String(decoding: try FuzzCorpus.bytes("transformer.config.json"), as: UTF8.self)
        for size in [0, 7, 9] {
            let config = ConfigMutator.updating(try JSONValue(parsing: text), at: [.key("config"), .key("layers"), .index(1), .key("build_config"),
                                                                                  .key("shapes_dict"), .key("query_shape"), .index(2)], { _ in .int(size) })!
            #expect(throws: KerasError.self, "query size \(size)") {
                let model = try #require(try LayerRegistry.deserialize(config) as? Model)
                _ = try model(Tensor.zeros([2, 6, 8]))
            }
        }
        // The same with an EinsumDense built for 5 features and called on 4.
        let layer = try EinsumDense("ab,bc->ac", outputShape: 3)
        try layer.buildIfNeeded([[nil, 5]])
        #expect(throws: KerasError.self) { try layer(Tensor.zeros([2, 4])) }
    }

    /// Found by the config fuzz (seed 288240278756362399): the transformer with a sequence of 0
    /// steps trapped in MultiHeadAttention's softmax (a maximum over an empty axis). Graphs with
    /// an empty axis are refused while they are built.
    @Test func graphsWithEmptyAxesAreRefused() throws {
        let text = String(decoding: try FuzzCorpus.bytes("transformer.config.json"), as: UTF8.self)
        for axis in [1, 2] {
            let config = ConfigMutator.updating(try JSONValue(parsing: text), at: [.key("config"), .key("layers"), .index(0), .key("config"),
                                                                                  .key("batch_shape"), .index(axis)], { _ in 0 })!
            #expect(throws: KerasError.self, "axis \(axis)") { try LayerRegistry.deserialize(config) }
        }
        #expect(throws: KerasError.self) { try LayerRegistry.deserialize(Self.dense(units: 4, input: [nil, 0])) }
    }

    /// Found by the config fuzz (seed 288242172244744825 of the 1M campaign): ZeroPadding with
    /// a padding of Int.max overflowed in computeOutputShape. Integers in every argument form
    /// (margins, axes, sizes) are bounded; seeds keep their full 64 bits.
    @Test func hugeIntegersInArgumentFormsAreRefused() throws {
        let layers: [JSONValue] = [
            ["class_name": "ZeroPadding2D", "config": ["padding": .int(Int.max)]],
            ["class_name": "ZeroPadding1D", "config": ["padding": [.int(1), .int(Int.max)]]],
            ["class_name": "Cropping2D", "config": ["cropping": [[.int(Int.max), 0], [0, 0]]]],
            ["class_name": "Softmax", "config": ["axis": .int(Int.min)]],
            ["class_name": "EinsumDense", "config": ["equation": "ab,bc->ac", "output_shape": .int(Int.max)]],
        ]
        for layer in layers {
            let model: JSONValue = ["class_name": "Sequential", "config": ["name": "s", "layers": [
                ["class_name": "InputLayer", "config": ["batch_shape": [nil, 6, 6, 3], "name": "in"]], layer]]]
            #expect(throws: KerasError.self, "\(layer.serialized())") { try LayerRegistry.deserialize(model) }
        }
        let dropout = try LayerRegistry.deserialize(["class_name": "Dropout", "config": ["rate": 0.5, "seed": .int(Int.max)]])
        #expect(dropout is Dropout)
    }

    /// Found by the config fuzz (seed 288243271756367178 of the 1M campaign): a Dense given
    /// Add's two-shape build_config is marked built (a one-input layer does nothing with several
    /// shapes), and its call unwrapped the missing kernel. Layers now throw instead of
    /// unwrapping missing weights.
    @Test func layersWithoutTheirWeightsThrowWhenCalled() throws {
        let text = String(decoding: try FuzzCorpus.bytes("transformer.config.json"), as: UTF8.self)
        var config = try JSONValue(parsing: text)
        let addBuild = try #require(ConfigMutator.value(at: [.key("config"), .key("layers"), .index(6), .key("build_config")], in: config))
        config = ConfigMutator.updating(config, at: [.key("config"), .key("layers"), .index(9), .key("build_config")], { _ in addBuild })!
        #expect(throws: KerasError.self) {
            let model = try #require(try LayerRegistry.deserialize(config) as? Model)
            _ = try model(Tensor.zeros([2, 6, 8]))
        }
        let twoShapes: JSONValue = ["input_shape": [[nil, 4], [nil, 4]]]
        for object: JSONValue in [["class_name": "Dense", "config": ["units": 3], "build_config": twoShapes],
                                  ["class_name": "BatchNormalization", "config": [:], "build_config": twoShapes]] {
            let layer = try LayerRegistry.deserialize(object)
            #expect(throws: KerasError.self, "\(layer.className)") { try layer(Tensor.zeros([2, 4])) }
        }
    }

    /// Models nested as deep as JSON allows (three levels of JSON per Sequential) load or
    /// throw without exhausting the stack, also on a thread with a small stack.
    @Test func deeplyNestedModelsLoadOrThrow() async throws {
        var config: JSONValue = ["class_name": "Dense", "config": ["units": 2, "name": "d"]]
        let input: JSONValue = ["class_name": "InputLayer", "config": ["batch_shape": [nil, 3], "name": "in"]]
        let levels = (JSONValue.maximumDepth - 2) / 3
        for level in 0..<levels {
            let layers: JSONValue = level == levels - 1 ? [input, config] : [config]
            config = ["class_name": "Sequential", "config": ["name": .string("s\(level)"), "layers": layers]]
        }
        let text = config.serialized()
        let outcome = await Task.detached {
            do {
                let model = try #require(try LayerRegistry.deserialize(try JSONValue(parsing: text)) as? Model)
                let y = try model(Tensor.zeros([1, 3]))
                _ = try model.serializedKerasObject().serialized()
                return "loaded \(model.className) with \(model.countParams()) parameters, output \(y.shape)"
            } catch let error as KerasError {
                return "refused: \(error.message.prefix(200))"
            } catch {
                return "threw \(error)"
            }
        }.value
        print("deeply nested models: \(outcome)")
        #expect(!outcome.hasPrefix("threw"))
    }

    // MARK: Whole files

    /// Found by the 1M-mutant campaign, whose memory grew with every mutant: a symbolic
    /// tensor holds its layer, the layer its nodes, and each node held its output tensors, so
    /// every layer of every graph (weights included) lived for ever. Loaded models and layers
    /// called on symbolic tensors are now freed.
    @Test func modelsAndTheirLayersAreFreed() throws {
        for file in ["functional_shared.keras", "tiny_sequential.keras", "nested.keras", "transformer.keras", "trained_adam.legacy.h5"] {
            weak var model: Model?
            weak var layer: Layer?
            weak var variable: Variable?
            do {
                let loaded = try loadModel(from: "\(FuzzCorpus.directory)/\(file)")
                model = loaded
                layer = loaded.layers.last
                variable = loaded.weights.first
            }
            #expect(model == nil && layer == nil && variable == nil, "\(file): model \(model == nil), layer \(layer == nil), weight \(variable == nil) freed")
        }
        weak var dense: Layer?
        weak var input: KerasTensor?
        do {
            let d = try Dense(3)
            let x = try Input(shape: [4])
            let model = try Model(inputs: x, outputs: try d(x))
            _ = try model(Tensor.zeros([2, 4]))
            dense = d
            input = x
        }
        #expect(dense == nil && input == nil)
    }

    /// A config asking for far more weights than its file holds (here 1.6 billion elements, under
    /// the per-weight limit) is refused before the weights are allocated.
    @Test func weightsBeyondTheFileAreRefusedBeforeAllocating() throws {
        let scratch = try FuzzScratch()
        var members = try Self.tinyMembers()
        let k = try #require(members.firstIndex { $0.0 == "config.json" })
        var config = try JSONValue(parsing: String(decoding: members[k].1, as: UTF8.self))
        config = ConfigMutator.updating(config, at: [.key("config"), .key("layers"), .index(0), .key("config"), .key("batch_shape")], { _ in [nil, 40_000] })!
        config = ConfigMutator.updating(config, at: [.key("config"), .key("layers"), .index(1), .key("config"), .key("units")], { _ in 40_000 })!
        config = ConfigMutator.updating(config, at: [.key("config"), .key("layers"), .index(1), .key("build_config")], { _ in nil })!
        members[k].1 = Array(config.serialized().utf8)
        let path = try scratch.write(ZipBuilder.archive(members.map { ZipMember.stored($0.0, $0.1) }), as: "big.keras")
        let start = ContinuousClock.now
        do {
            _ = try loadModel(from: path)
            Issue.record("loaded")
        } catch let error as KerasError {
            #expect(error.message.contains("more than its model.weights.h5 can hold"), "\(error.message)")
        }
        #expect(ContinuousClock.now - start < .seconds(5))
        #expect(FuzzCampaign.peakResidentMiB < 2048)
    }

    @Test func wrongFilesAreRefusedByTheLoaders() throws {
        let scratch = try FuzzScratch()
        let npy = try FuzzCorpus.bytes("tiny_sequential.in0.npy")
        for name in ["x.keras", "x.h5", "x.weights.h5", "x.bin"] {
            let path = try scratch.write(npy, as: name)
            #expect(throws: KerasError.self, "\(name)") { try loadModel(from: path) }
        }
        let model = try loadModel(from: "\(FuzzCorpus.directory)/tiny_sequential.keras")
        for (name, bytes) in [("t.keras", Array(try FuzzCorpus.bytes("tiny_sequential.keras").prefix(1000))),
                              ("t.weights.h5", Array(try FuzzCorpus.bytes("tiny_sequential.weights.h5").prefix(3000))),
                              ("t.h5", Array(try FuzzCorpus.bytes("tiny_sequential.legacy.h5").prefix(3000))),
                              ("mlp.weights.h5", try FuzzCorpus.bytes("mlp.weights.h5"))] {
            let path = try scratch.write(bytes, as: name)
            let before = model.getWeights().map(\.doubles)
            #expect(throws: KerasError.self, "\(name)") { try model.loadWeights(from: path) }
            #expect(model.getWeights().map(\.doubles) == before, "a failed load changes nothing")
        }
        #expect(throws: KerasError.self) { try loadModel(from: "\(scratch.folder.path)/missing.keras") }
    }
}
