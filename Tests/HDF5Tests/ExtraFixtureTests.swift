import HDF5
import Testing

/// Structures beyond the shared fixtures, made with h5py by `scripts/make_hdf5_fixtures.py`:
/// v4/v5 chunk indexes, dense attributes with a huge object, big-endian types, compact
/// layout and fill values, a dense group with an indirect fractal heap root, string datasets.
@Suite struct ExtraFixtureTests {
    nonisolated(unsafe) static let expected: [String: Any] = {
        (try? Fixtures.bytes("extra/expected.json")).flatMap { try? parseJSON($0) as? [String: Any] } ?? [:]
    }()

    @Test(arguments: Fixtures.extraFiles)
    func fileReadsAsH5pyReadsIt(_ path: String) throws {
        let name = String(path.dropFirst("extra/".count))
        let spec = try #require(Self.expected[name] as? [String: Any], "extra/expected.json has no entry for \(name)")
        try verify(HDF5File(path: Fixtures.path(path)), against: spec, name: name,
                   exactDatasets: name != "many_links_latest.h5")
    }

    @Test func denseGroupWithIndirectHeapListsEveryLink() throws {
        let file = try HDF5File(path: Fixtures.path("extra/many_links_latest.h5"))
        let many = try file.root.group("many")
        #expect(many.children.count == 300)
        #expect(many.children.first?.name == "link_with_a_longer_name_0000")
        #expect(many.children.last?.name == "link_with_a_longer_name_0299")
        #expect(try many.dataset("link_with_a_longer_name_0123").readInt64s() == [42])
    }

    @Test func denseAttributesKeepCreationOrderWhenTracked() throws {
        let g = try HDF5File(path: Fixtures.path("extra/dense_attributes.h5")).root.group("g")
        let numbered: [String] = (0..<20).map { (i: Int) -> String in i < 10 ? "attr_0\(i)" : "attr_\(i)" }
        #expect(g.attributes.map(\.name) == numbered + ["text", "huge"])
        #expect(g.attribute("huge")?.shape == [70000])
        #expect(g.attribute("text")?.value.string == "dense storage")
    }

    @Test func partiallyWrittenChunksReadTheFillValue() throws {
        let d = try HDF5File(path: Fixtures.path("extra/chunk_indexes.h5")).root.dataset("partial")
        let values = try d.readInt64s()
        #expect(values[0] == 0 && values[4] == 4 && values[5] == -1 && values[99] == -1 && values[44] == 24)
    }

    @Test func unwrittenContiguousDataReadsTheFillValue() throws {
        let root = try HDF5File(path: Fixtures.path("extra/compact_and_fill.h5")).root
        #expect(try root.dataset("unwritten_fill").readInt64s() == [7, 7, 7, 7])
        #expect(try root.dataset("unwritten_zero").readDoubles() == [0, 0, 0, 0])
        #expect(try root.dataset("f2").readFloats() == [-65504, 0, 65504])
        #expect(try root.dataset("u8").readValue() == .unsignedIntegers([0, 0, UInt64.max]))
        #expect(throws: HDF5Error.self) { try root.dataset("u8").readInt64s() }
    }

    @Test func bigEndianValuesAreConverted() throws {
        let root = try HDF5File(path: Fixtures.path("extra/big_endian.h5")).root
        #expect(try root.dataset("f4").readFloats() == [1.5, -2.25, 3e-5])
        #expect(try root.dataset("i2").readInt64s() == [-2, 300, -32768])
        #expect(root.attribute("i8")?.value == .integers([-5, 1 << 40]))
        #expect(root.attribute("f2")?.value == .floats([0.5, -65504]))
        let raw = try root.dataset("i2").readRawLittleEndian()
        #expect(raw == [0xFE, 0xFF, 0x2C, 0x01, 0x00, 0x80])
    }

    @Test(arguments: [
        ("soft_link.h5", "soft link \"alias\""),
        ("external_link.h5", "external link \"elsewhere\""),
        ("compound.h5", "compound datatypes"),
        ("extensible_array.h5", "extensible array chunk index"),
    ])
    func unsupportedStructuresThrowErrorsNamingThem(_ file: String, _ phrase: String) throws {
        let error = #expect(throws: HDF5Error.self) {
            let f = try HDF5File(path: Fixtures.path("unsupported/" + file))
            try TreeWalk.readEverything(f)
        }
        #expect(error?.kind == .unsupported)
        #expect(error?.message.contains(phrase) == true, "\(error?.message ?? "no error") should name \(phrase)")
    }

    @Test func unsupportedFiltersAreNamedWhenTheDataIsRead() throws {
        let file = try HDF5File(path: Fixtures.path("unsupported/lzf.h5"))
        let error = #expect(throws: HDF5Error.self) { try file.root.dataset("packed").readFloats() }
        #expect(error?.kind == .unsupported)
        #expect(error?.message.contains("lzf filter") == true, "\(error?.message ?? "")")
    }
}
