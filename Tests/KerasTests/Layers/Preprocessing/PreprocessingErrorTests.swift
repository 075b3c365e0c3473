import Testing
@testable import Keras

/// Misuse of the preprocessing layers throws a ``KerasError`` naming the layer and what was wrong.
@Suite struct PreprocessingErrorTests {
    @Test func normalizationArguments() {
        expectKerasError(.invalidArgument, containing: ["Normalization", "both `mean` and `variance`"]) {
            _ = try Normalization(mean: Tensor(1.0))
        }
        expectKerasError(.invalidArgument, containing: ["same shape", "(2,)", "(3,)"]) {
            _ = try Normalization(mean: Tensor([1.0, 2]), variance: Tensor([1.0, 2, 3]))
        }
        expectKerasError(.invalidArgument, containing: ["rank of `mean`"]) {
            _ = try Normalization(mean: Tensor([1.0, 2, 3, 4], shape: [2, 2]), variance: Tensor.ones([2, 2]))
        }
    }

    @Test func normalizationShapes() throws {
        let outOfRange = try Normalization(axis: [3], name: "norm_axis")
        expectKerasError(.invalidArgument, containing: ["norm_axis", "[-ndim, ndim)", "ndim=2"]) {
            _ = try outOfRange(Tensor.ones([2, 3]))
        }
        let unknown = try Normalization(axis: [0], name: "norm_unknown")
        expectKerasError(.incompatibleShape, containing: ["norm_unknown", "known shape", "(None, 3)"]) {
            _ = try unknown(Input(shape: [3]))
        }
        let broadcast = try Normalization(mean: Tensor([1.0, 2]), variance: Tensor([1.0, 2]), name: "norm_bcast")
        expectKerasError(.incompatibleShape, containing: ["norm_bcast", "(2,)", "(3,)"]) {
            _ = try broadcast(Tensor.ones([4, 3]))
        }
        let adapted = try Normalization(name: "norm_adapt")
        _ = try adapted(Tensor.ones([2, 3]))
        expectKerasError(.incompatibleShape, containing: ["norm_adapt", "incompatible shape", "(5, 4)"]) {
            try adapted.adapt(Tensor.ones([5, 4]))
        }
        let given = try Normalization(mean: Tensor(0.0), variance: Tensor(1.0), name: "norm_given")
        expectKerasError(.invalidArgument, containing: ["norm_given", "cannot be adapted"]) {
            try given.adapt(Tensor.ones([5, 4]))
        }
    }

    @Test func discretizationArguments() throws {
        expectKerasError(.invalidArgument, containing: ["either `num_bins` or `bin_boundaries`"]) { _ = try Discretization() }
        expectKerasError(.invalidArgument, containing: ["should not be set"]) {
            _ = try Discretization(binBoundaries: [0], numBins: 3)
        }
        expectKerasError(.invalidArgument, containing: ["num_bins=-1"]) { _ = try Discretization(numBins: -1) }
        expectKerasError(.invalidArgument, containing: ["output_mode", "tf_idf"]) {
            _ = try Discretization(numBins: 2, outputMode: .tfIdf)
        }
        let fixed = try Discretization(binBoundaries: [0], name: "disc_fixed")
        expectKerasError(.invalidArgument, containing: ["disc_fixed", "use `num_bins` instead"]) {
            try fixed.adapt(Tensor([1.0, 2]))
        }
        let unadapted = try Discretization(numBins: 3, name: "disc_unadapted")
        expectKerasError(.invalidArgument, containing: ["disc_unadapted", "adapt"]) {
            _ = try unadapted(Tensor([1.0, 2]))
        }
    }

    @Test func encodingAndHashingArguments() throws {
        expectKerasError(.invalidArgument, containing: ["num_tokens=0"]) { _ = try CategoryEncoding(numTokens: 0) }
        expectKerasError(.invalidArgument, containing: ["CategoryEncoding", "output_mode", "\"int\""]) {
            _ = try CategoryEncoding(numTokens: 3, outputMode: .int)
        }
        let encoding = try CategoryEncoding(numTokens: 3, name: "encode_multi")
        expectKerasError(.invalidArgument, containing: ["encode_multi", "count_weights"]) {
            _ = try encoding(Tensor([0, 1]), countWeights: Tensor([1.0, 2]))
        }
        expectKerasError(.invalidArgument, containing: ["num_bins=0"]) { _ = try Hashing(numBins: 0) }
        expectKerasError(.invalidArgument, containing: ["salt", "[1, 2, 3]"]) { _ = try Hashing(numBins: 2, salt: [1, 2, 3]) }
        expectKerasError(.invalidArgument, containing: ["integer type"]) { _ = try Hashing(numBins: 2, dtype: .float32) }
        expectKerasError(.invalidArgument, containing: ["Rescaling", "broadcast"]) {
            _ = try Rescaling(scale: Tensor([1.0, 2]), offset: Tensor([1.0, 2, 3]))
        }
    }
}

/// Misuse of the image preprocessing layers.
@Suite struct ImagePreprocessingErrorTests {
    @Test func wrongRank() throws {
        let layers: [Layer] = [
            try Resizing(height: 2, width: 2, name: "resize_rank"), try CenterCrop(height: 2, width: 2),
            try RandomCrop(height: 2, width: 2), try RandomFlip(), try RandomRotation(factor: 0.1),
            try RandomZoom(heightFactor: 0.1), try RandomTranslation(heightFactor: 0.1, widthFactor: 0.1),
            try RandomContrast(factor: 0.1), try RandomBrightness(factor: 0.1),
        ]
        for layer in layers {
            expectKerasError(.incompatibleShape, containing: [layer.name, "min_ndim=3", "(4, 4)"]) { _ = try layer(Tensor.ones([4, 4])) }
            expectKerasError(.incompatibleShape, containing: [layer.name, "max_ndim=4"]) { _ = try layer(Tensor.ones([1, 2, 4, 4, 1])) }
        }
    }

    @Test func invalidArguments() {
        expectKerasError(.invalidArgument, containing: ["Resizing", "height=0"]) { _ = try Resizing(height: 0, width: 3) }
        expectKerasError(.invalidArgument, containing: ["only one of", "crop_to_aspect_ratio"]) {
            _ = try Resizing(height: 2, width: 3, cropToAspectRatio: true, padToAspectRatio: true)
        }
        expectKerasError(.invalidArgument, containing: ["CenterCrop", "width=-1"]) { _ = try CenterCrop(height: 2, width: -1) }
        expectKerasError(.invalidArgument, containing: ["RandomCrop"]) { _ = try RandomCrop(height: 0, width: 2) }
        expectKerasError(.invalidArgument, containing: ["RandomRotation", "[-1.0, 1.0]", "factor=1.5"]) {
            _ = try RandomRotation(factor: 1.5)
        }
        expectKerasError(.invalidArgument, containing: ["RandomRotation", "(0.1, 0.2, 0.3)"]) {
            _ = try RandomRotation(factor: [0.1, 0.2, 0.3])
        }
        expectKerasError(.unsupported, containing: ["RandomRotation", "bicubic"]) {
            _ = try RandomRotation(factor: 0.1, interpolation: .bicubic)
        }
        expectKerasError(.invalidArgument, containing: ["RandomZoom", "height_factor", "(-1.0, 1.0]"]) {
            _ = try RandomZoom(heightFactor: -1)
        }
        expectKerasError(.invalidArgument, containing: ["RandomZoom", "width_factor"]) {
            _ = try RandomZoom(heightFactor: 0.2, widthFactor: [0.1, 1.2])
        }
        expectKerasError(.invalidArgument, containing: ["RandomTranslation", "width_factor", "[-1.0, 1.0]"]) {
            _ = try RandomTranslation(heightFactor: 0.2, widthFactor: -1.5)
        }
        expectKerasError(.invalidArgument, containing: ["RandomContrast", "[0.0, 1.0]"]) { _ = try RandomContrast(factor: -0.2) }
        expectKerasError(.invalidArgument, containing: ["RandomBrightness", "factor=(1.5, 2.0)"]) {
            _ = try RandomBrightness(factor: [1.5, 2])
        }
    }
}

/// Misuse of IntegerLookup.
@Suite struct IntegerLookupErrorTests {
    @Test func invalidArguments() {
        expectKerasError(.invalidArgument, containing: ["max_tokens=1"]) { _ = try IntegerLookup(maxTokens: 1) }
        expectKerasError(.invalidArgument, containing: ["num_oov_indices=-1"]) { _ = try IntegerLookup(numOOVIndices: -1) }
        expectKerasError(.invalidArgument, containing: ["pad_to_max_tokens"]) { _ = try IntegerLookup(padToMaxTokens: true) }
        expectKerasError(.invalidArgument, containing: ["`invert` is true", "multi_hot"]) {
            _ = try IntegerLookup(invert: true, outputMode: .multiHot)
        }
        expectKerasError(.invalidArgument, containing: ["idf_weights", "tf_idf"]) {
            _ = try IntegerLookup(vocabulary: [1, 2], idfWeights: [1, 1])
        }
        expectKerasError(.invalidArgument, containing: ["idf_weights` argument must also be provided"]) {
            _ = try IntegerLookup(vocabulary: [1, 2], outputMode: .tfIdf)
        }
        expectKerasError(.invalidArgument, containing: ["salt", "farmhash"]) { _ = try IntegerLookup(salt: [1]) }
        expectKerasError(.invalidArgument, containing: ["oov_method", "\"hash\""]) { _ = try IntegerLookup(oovMethod: "hash") }
        expectKerasError(.invalidArgument, containing: ["repeated", "[3]"]) { _ = try IntegerLookup(vocabulary: [3, 4, 3]) }
        expectKerasError(.invalidArgument, containing: ["reserved mask token"]) { _ = try IntegerLookup(maskToken: 0, vocabulary: [3, 0]) }
        expectKerasError(.invalidArgument, containing: ["reserved OOV token"]) { _ = try IntegerLookup(vocabulary: [3, -1], invert: true) }
        expectKerasError(.invalidArgument, containing: ["larger than the maximum", "size is 4", "`max_tokens` is 3"]) {
            _ = try IntegerLookup(maxTokens: 3, vocabulary: [1, 2, 3])
        }
        expectKerasError(.invalidArgument, containing: ["empty vocabulary"]) { _ = try IntegerLookup(vocabulary: []) }
    }

    @Test func misuseAtCallAndAdapt() throws {
        let strict = try IntegerLookup(numOOVIndices: 0, vocabulary: [1, 2], name: "lookup_strict")
        expectKerasError(.invalidArgument, containing: ["lookup_strict", "num_oov_indices=0", "[7]"]) {
            _ = try strict(Tensor([1, 7], dtype: .int64))
        }
        expectKerasError(.invalidArgument, containing: ["cannot adapt", "static vocabulary"]) {
            try strict.adapt(Tensor([1, 2], dtype: .int64))
        }
        let unset = try IntegerLookup(outputMode: .count, name: "lookup_unset")
        expectKerasError(.invalidArgument, containing: ["lookup_unset", "must set the layer's vocabulary"]) {
            _ = try unset(Tensor([1, 2], dtype: .int64))
        }
    }
}
