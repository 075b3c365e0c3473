import Foundation
import HDF5
import Testing

/// Every file of `fixtures/hdf5` reads exactly as `expected.json` (written by h5py) says:
/// the same datasets (shape, dtype, values or SHA-256 of the bytes), attributes and nothing more.
@Suite struct ExpectedFixtureTests {
    nonisolated(unsafe) static let expected: [String: Any] = {
        (try? Fixtures.bytes("expected.json")).flatMap { try? parseJSON($0) as? [String: Any] } ?? [:]
    }()

    @Test(arguments: Fixtures.coverageFiles)
    func fileReadsAsExpected(_ name: String) throws {
        let spec = try #require(Self.expected[name] as? [String: Any], "expected.json has no entry for \(name)")
        try verify(HDF5File(path: Fixtures.path(name)), against: spec, name: name, exactDatasets: true)
    }

    @Test func attributeTypesMatchWhatH5pyWrites() throws {
        let root = try HDF5File(path: Fixtures.path("attr_types.h5")).root
        #expect(root.attribute("str")?.datatype == .variableString(charset: .utf8))
        #expect(root.attribute("str")?.shape == [])
        #expect(root.attribute("bytes")?.datatype == .variableString(charset: .ascii))
        #expect(root.attribute("fixed_S")?.datatype == .fixedString(length: 7, charset: .ascii))
        #expect(root.attribute("fixed_S")?.shape == [2])
        #expect(root.attribute("int")?.datatype == .integer(bytes: 8, signed: true))
        #expect(root.attribute("bool")?.datatype == .bool)
        #expect(root.attribute("empty_list")?.datatype == .float(bytes: 8))
        #expect(root.attribute("empty_list")?.shape == [0])
        #expect(root.attribute("int_array")?.value == .integers([0, 1, 2]))
        // Children in name order, as h5py lists them without track_order.
        #expect(root.children.map(\.name) == ["bool_dataset", "empty_dataset", "u8_dataset"])
    }

    @Test func bigGroupListsAllEntriesInNameOrder() throws {
        let many = try HDF5File(path: Fixtures.path("big_group.h5")).root.group("many")
        #expect(many.children.count == 300)
        let names = many.children.map(\.name)
        #expect(names == names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(try many.dataset("w299").readInt64s() == [299])
    }

    @Test func trackOrderGroupsListChildrenInCreationOrder() throws {
        let file = try HDF5File(path: Fixtures.path("track_order_mlp.weights.h5"))
        let layers = try file.root.group("layers")
        // h5py lists these in creation order (the file tracks it), which here differs from name order only below.
        #expect(layers.children.map(\.name) == ["batch_normalization", "dense", "dense_1", "dropout"])
    }
}

/// Checks `file` against an expected.json entry (as `tools/hdf5_fixtures.py` writes it): every
/// listed dataset's shape, dtype and values or SHA-256, and every listed attribute; with
/// `exactDatasets`, the file holds no other datasets (h5py lists each hard-linked object once).
func verify(_ file: HDF5File, against spec: [String: Any], name: String, exactDatasets: Bool,
            sourceLocation: SourceLocation = #_sourceLocation) throws {
    let datasets = try #require(spec["datasets"] as? [String: [String: Any]], sourceLocation: sourceLocation)
    let attributes = try #require(spec["attributes"] as? [String: Any], sourceLocation: sourceLocation)
    let walk = TreeWalk(file.root)
    if exactDatasets {
        #expect(Set(walk.datasets.map(\.path)) == Set(datasets.keys), "dataset paths of \(name)", sourceLocation: sourceLocation)
    }
    for (path, entry) in datasets {
        let dataset = try file.root.dataset(path)
        #expect(dataset.shape == (entry["shape"] as? [Int]), "shape of \(name):\(path)", sourceLocation: sourceLocation)
        #expect(dataset.datatype.description == (entry["dtype"] as? String), "dtype of \(name):\(path)", sourceLocation: sourceLocation)
        if let values = entry["values"] as? [Any] {
            expectEqual(try dataset.readValue(), values, "\(name):\(path)", sourceLocation: sourceLocation)
        }
        if let digest = entry["sha256"] as? String {
            #expect(SHA256.hex(try dataset.readRawLittleEndian()) == digest, "bytes of \(name):\(path)", sourceLocation: sourceLocation)
        }
        if let first = entry["first"] as? [Any] {
            expectEqual(prefix(try dataset.readValue(), first.count), first, "first values of \(name):\(path)", sourceLocation: sourceLocation)
        }
    }
    let found = walk.attributesByKey
    #expect(Set(found.keys) == Set(attributes.keys), "attribute keys of \(name)", sourceLocation: sourceLocation)
    for (key, expected) in attributes {
        guard let attribute = found[key] else { continue }
        if let values = expected as? [Any] {
            expectEqual(attribute.value, values, "\(name):\(key)", sourceLocation: sourceLocation)
        } else if let digest = (expected as? [String: Any])?["sha256"] as? String {
            #expect(SHA256.hex(littleEndianBytes(attribute)) == digest, "bytes of \(name):\(key)", sourceLocation: sourceLocation)
        }
    }
}

/// An attribute's elements as little-endian bytes of its datatype (numbers only).
func littleEndianBytes(_ attribute: HDF5Attribute) -> [UInt8] {
    let width = attribute.datatype.elementSize
    func bytes(_ v: UInt64) -> [UInt8] { (0..<width).map { UInt8(truncatingIfNeeded: v >> (8 * UInt64($0))) } }
    switch attribute.value {
    case .integers(let v): return v.flatMap { bytes(UInt64(bitPattern: $0)) }
    case .unsignedIntegers(let v): return v.flatMap { bytes($0) }
    case .bools(let v): return v.flatMap { bytes($0 ? 1 : 0) }
    case .opaque(let v): return v
    case .floats(let v):
        return v.flatMap { d -> [UInt8] in
            width == 4 ? bytes(UInt64(Float(d).bitPattern)) : width == 8 ? bytes(d.bitPattern) : []
        }
    case .strings: return []
    }
}

/// `value`'s first `n` elements.
func prefix(_ value: HDF5Value, _ n: Int) -> HDF5Value {
    switch value {
    case .integers(let v): return .integers(Array(v.prefix(n)))
    case .unsignedIntegers(let v): return .unsignedIntegers(Array(v.prefix(n)))
    case .floats(let v): return .floats(Array(v.prefix(n)))
    case .bools(let v): return .bools(Array(v.prefix(n)))
    case .strings(let v): return .strings(Array(v.prefix(n)))
    case .opaque(let v): return .opaque(Array(v.prefix(n)))
    }
}

/// Compares a decoded value with JSON values from h5py, exactly.
func expectEqual(_ value: HDF5Value, _ json: [Any], _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let matches: Bool
    switch value {
    case .integers(let v): matches = v == json.compactMap { ($0 as? NSNumber)?.int64Value } && v.count == json.count
    case .unsignedIntegers(let v): matches = v == json.compactMap { ($0 as? NSNumber)?.uint64Value } && v.count == json.count
    // Linux Foundation parses decimals as NSDecimalNumber, whose doubleValue is inexact: go through the text.
    case .floats(let v): matches = v == json.compactMap { ($0 as? NSNumber).flatMap { Double($0.description) } } && v.count == json.count
    case .bools(let v): matches = v == json.compactMap { $0 as? Bool } && v.count == json.count
    case .strings(let v): matches = v == json.compactMap { $0 as? String } && v.count == json.count
    case .opaque: matches = false
    }
    #expect(matches, "\(what): read \(value), expected \(json)", sourceLocation: sourceLocation)
}
