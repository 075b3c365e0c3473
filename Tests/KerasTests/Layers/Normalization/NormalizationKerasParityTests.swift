import Testing
@testable import Keras

/// Normalization layers on Keras 3.15.1's inputs and weights give Keras's outputs within 1e-5,
/// and training-mode BatchNormalization leaves Keras's moving statistics.
@Suite struct NormalizationKerasParityTests {
    /// The Swift layer for each case, built with the arguments of the generator.
    static func layer(_ name: String) throws -> Layer {
        switch name {
        case "ln_default": return try LayerNormalization(name: name)
        case "ln_axes_12": return try LayerNormalization(axes: [1, 2], name: name)
        case "ln_axes_mixed": return try LayerNormalization(axes: [-1, 1], name: name)
        case "ln_axis1_no_center": return try LayerNormalization(axis: 1, epsilon: 1e-5, center: false, name: name)
        case "ln_rms_scaling": return try LayerNormalization(rmsScaling: true, name: name)
        case "gn_two_groups": return try GroupNormalization(groups: 2, name: name)
        case "gn_instance_channels_first": return try GroupNormalization(groups: -1, axis: 1, name: name)
        case "gn_one_group_no_scale": return try GroupNormalization(groups: 1, epsilon: 1e-4, scale: false, name: name)
        case "rms_default": return try RMSNormalization(name: name)
        case "rms_two_axes": return try RMSNormalization(axes: [-2, -1], epsilon: 1e-3, name: name)
        case "unit_default": return try UnitNormalization(name: name)
        case "unit_two_axes": return try UnitNormalization(axes: [1, 2], name: name)
        case "bn_inference": return try BatchNormalization(name: name)
        case "bn_training": return try BatchNormalization(momentum: 0.9, name: name)
        case "bn_training_axis1_no_center": return try BatchNormalization(axis: 1, center: false, name: name)
        case "bn_training_masked": return try BatchNormalization(momentum: 0.8, epsilon: 1e-2, name: name)
        case "bn_renorm":
            return try BatchNormalization(momentum: 0.9, renorm: true, renormClipping: RenormClipping(rmax: 1.5, rmin: 0.8, dmax: 0.3),
                                          renormMomentum: 0.7, name: name)
        case "bn_renorm_no_scale": return try BatchNormalization(scale: false, renorm: true, name: name)
        case "bn_renorm_inference": return try BatchNormalization(renorm: true, name: name)
        default: throw KerasError(.invalidArgument, "no Swift layer for case \(name)")
        }
    }

    static let inferenceCases = ["ln_default", "ln_axes_12", "ln_axes_mixed", "ln_axis1_no_center", "ln_rms_scaling",
                                 "gn_two_groups", "gn_instance_channels_first", "gn_one_group_no_scale",
                                 "rms_default", "rms_two_axes", "unit_default", "unit_two_axes", "bn_inference", "bn_renorm_inference"]

    @Test(arguments: inferenceCases)
    func inference(_ name: String) throws {
        let fixture = try NormAttentionFixture.fixtureCase(name)
        let layer = try Self.layer(name)
        let x = try #require(NormAttentionFixture.tensors(fixture["inputs"])[0])
        _ = try layer(x)   // builds
        try loadFixtureWeights(layer, fixture)
        expectKeras(try layer(x), NormAttentionFixture.tensors(fixture["outputs"])[0], name)
        #expect(fixture["class"]?.stringValue == layer.className)
        // BatchNormalization in inference runs the fused kernel (renorm too: it only changes training).
        if let bn = layer as? BatchNormalization { #expect(bn.lastCallWasFused, "\(name): fused path") }
    }

    @Test(arguments: ["bn_training", "bn_training_axis1_no_center", "bn_training_masked", "bn_renorm", "bn_renorm_no_scale"])
    func batchNormalizationTrainingStep(_ name: String) throws {
        let fixture = try NormAttentionFixture.fixtureCase(name)
        let bn = try Self.layer(name)
        let x = try #require(NormAttentionFixture.tensors(fixture["inputs"])[0])
        let mask = NormAttentionFixture.tensors(fixture["masks"])[0]
        try bn.build(inputShape: x.shape.asTensorShape)
        bn.isBuilt = true
        try loadFixtureWeights(bn, fixture)
        let y = try bn(x, training: true, mask: mask)
        expectKeras(y, NormAttentionFixture.tensors(fixture["outputs"])[0], "\(name) output")
        // Training runs the fused kernel unless a mask or renorm asks for the composite.
        let fusedExpected = ["bn_training", "bn_training_axis1_no_center"].contains(name)
        #expect((bn as? BatchNormalization)?.lastCallWasFused == fusedExpected, "\(name): fused path")
        for v in bn.weights {
            expectKeras(v.value, NormAttentionFixture.tensor(fixture["after"]?[v.path]), "\(name) \(v.path) after the step")
        }
    }

    /// One `train_on_batch` of SGD(0.1) on MSE: gamma and beta follow the gradient, the moving
    /// statistics Keras's momentum.
    @Test func batchNormalizationInAModelTrainStep() throws {
        let fixture = try NormAttentionFixture.fixtureCase("bn_train_step")
        let bn = try BatchNormalization(momentum: 0.8, name: "bn_step")
        let model = try Sequential(name: "sequential") {
            Input(shape: [3])
            bn
        }
        let weights = fixture["weights"]?.arrayValue ?? []
        #expect(bn.weights.map(\.path) == weights.compactMap { $0["path"]?.stringValue })
        try bn.setWeights(weights.compactMap { NormAttentionFixture.tensor($0) })
        let inputs = NormAttentionFixture.tensors(fixture["inputs"])
        try model.compile(optimizer: SGD(learningRate: 0.1), loss: "mse")
        let x = try #require(inputs[0]), y = try #require(inputs[1])
        let logs = try model.trainOnBatch(x, y)
        #expect(bn.lastCallWasFused)
        expectKeras(Tensor(logs["loss"]!), NormAttentionFixture.tensors(fixture["outputs"])[0], "loss")
        for v in bn.weights {
            expectKeras(v.value, NormAttentionFixture.tensor(fixture["after"]?[v.path]), "\(v.path) after train_on_batch")
        }
    }
}
