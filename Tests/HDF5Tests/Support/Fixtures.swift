import HDF5

/// Files under `Tests/Fixtures/hdf5`, found from this source file's location.
enum Fixtures {
    static let root: String = {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)   // Support/Fixtures.swift under Tests/HDF5Tests
        return parts.joined(separator: "/") + "/Fixtures/hdf5"
    }()

    /// The reader-coverage files made by `tools/hdf5_fixtures.py` (listed in expected.json).
    static let coverageFiles = ["attr_types.h5", "big_group.h5", "chunked_gzip.h5", "latest_cnn.weights.h5",
                                "tfkeras2_style.h5", "track_order_mlp.weights.h5"]

    /// Extra coverage files made by `scripts/make_hdf5_fixtures.py`.
    static let extraFiles = ["extra/chunk_indexes.h5", "extra/dense_attributes.h5", "extra/big_endian.h5",
                             "extra/compact_and_fill.h5", "extra/many_links_latest.h5", "extra/strings.h5", "extra/userblock.h5"]

    /// The Keras 3 files (weights and legacy full models) from `fixtures/keras3`.
    static let kerasFiles = ["bidir_td.weights.h5", "cnn.weights.h5", "dtypes.weights.h5", "functional_shared.weights.h5",
                             "gru.weights.h5", "lstm.weights.h5", "mlp.weights.h5", "nested.weights.h5",
                             "simple_rnn.weights.h5", "text_conv1d.weights.h5", "tiny_sequential.weights.h5",
                             "tiny_shared.weights.h5", "trained_adam.weights.h5", "transformer.weights.h5",
                             "functional_shared.legacy.h5", "mlp.legacy.h5", "tiny_sequential.legacy.h5",
                             "trained_adam.legacy.h5"]

    static func path(_ name: String) -> String { "\(root)/\(name)" }

    static func bytes(_ name: String) throws -> [UInt8] { try readFile(path(name)) }
}
