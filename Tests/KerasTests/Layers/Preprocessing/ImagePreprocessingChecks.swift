import Testing
@testable import Keras

/// `checkLayer` for the image preprocessing layers, and the properties of their random parts:
/// seeded reproducibility, bounds, per-image decisions, and the identity (or Keras's
/// deterministic form) in inference.
@Suite struct ImagePreprocessingChecks {
    @Test func deterministicLayers() throws {
        try checkLayer({ try Resizing(height: 3, width: 4, dtype: $0) }, inputShape: [2, 5, 6, 2], outputShape: [2, 3, 4, 2])
        try checkLayer({ try Resizing(height: 7, width: 3, interpolation: .nearest, dtype: $0) }, inputShape: [2, 5, 6, 2],
                       outputShape: [2, 7, 3, 2])
        try checkLayer({ try Resizing(height: 4, width: 4, cropToAspectRatio: true, dtype: $0) }, inputShape: [1, 5, 8, 1],
                       outputShape: [1, 4, 4, 1])
        try checkLayer({ try Resizing(height: 4, width: 2, padToAspectRatio: true, dataFormat: .channelsFirst, dtype: $0) },
                       inputShape: [1, 2, 4, 4], outputShape: [1, 2, 4, 2])
        try checkLayer({ try CenterCrop(height: 3, width: 2, dtype: $0) }, inputShape: [2, 5, 6, 2], outputShape: [2, 3, 2, 2])
        try checkLayer({ try CenterCrop(height: 6, width: 8, dtype: $0) }, inputShape: [2, 5, 6, 2], outputShape: [2, 6, 8, 2])
    }

    @Test func randomLayers() throws {
        func check(_ make: @escaping () throws -> Layer, _ input: [Int], _ output: [Int]? = nil,
                   sourceLocation: SourceLocation = #_sourceLocation) throws {
            try checkLayer({ _ in try make() }, inputShape: input, outputShape: output ?? input,
                           trainingChangesOutput: true, gradientCheck: false,
                           input: image(3, input, 0, 1), sourceLocation: sourceLocation)
        }
        try check({ try RandomCrop(height: 4, width: 3, seed: 2) }, [2, 8, 8, 2], [2, 4, 3, 2])
        try check({ try RandomFlip(seed: 5) }, [4, 6, 6, 2])
        try check({ try RandomFlip(mode: .horizontal, seed: 5) }, [4, 6, 6, 2])
        try check({ try RandomRotation(factor: 0.2, seed: 1) }, [2, 6, 6, 2])
        try check({ try RandomZoom(heightFactor: 0.3, widthFactor: 0.2, fillMode: .constant, seed: 1) }, [2, 6, 6, 2])
        try check({ try RandomTranslation(heightFactor: 0.3, widthFactor: 0.3, fillMode: .wrap, seed: 1) }, [2, 6, 6, 2])
        try check({ try RandomContrast(factor: 0.5, valueRange: (0, 1), seed: 1) }, [2, 6, 6, 2])
        try check({ try RandomBrightness(factor: 0.3, valueRange: (0, 1), seed: 1) }, [2, 6, 6, 2])
    }

    @Test func seededLayersRepeatTheirDraws() throws {
        let x = image(9, [3, 8, 8, 2], 0, 255)
        let makers: [() throws -> Layer] = [
            { try RandomCrop(height: 5, width: 4, seed: 11) }, { try RandomFlip(seed: 11) },
            { try RandomRotation(factor: 0.3, seed: 11) }, { try RandomZoom(heightFactor: 0.4, seed: 11) },
            { try RandomTranslation(heightFactor: 0.2, widthFactor: 0.2, seed: 11) },
            { try RandomContrast(factor: 0.6, seed: 11) }, { try RandomBrightness(factor: 0.4, seed: 11) },
        ]
        for make in makers {
            let (a, b) = (try make(), try make())
            let first = try a(x, training: true), again = try b(x, training: true)
            #expect(first.doubles == again.doubles, "\(a.className): the same seed gives the same output")
            // Each training call draws anew (RandomFlip may repeat by chance; draw a few times).
            var changed = false
            for _ in 0..<4 where try a(x, training: true).doubles != first.doubles { changed = true }
            #expect(changed, "\(a.className): later calls draw new transforms")
        }
    }

    @Test func inferenceIsIdentityForRandomLayers() throws {
        let x = image(4, [2, 6, 5, 3], 0, 255)
        let layers: [Layer] = [
            try RandomFlip(), try RandomRotation(factor: 0.5), try RandomZoom(heightFactor: 0.5),
            try RandomTranslation(heightFactor: 0.5, widthFactor: 0.5), try RandomContrast(factor: 0.9),
            try RandomBrightness(factor: 0.9),
        ]
        for layer in layers {
            #expect(try layer(x).doubles == x.doubles, "\(layer.className) in inference")
        }
        // RandomCrop's inference form is the centred aspect-ratio crop, resized (smart_resize).
        let crop = try RandomCrop(height: 3, width: 5, seed: 1)
        expectClose(try crop(x), smartResize(x, height: 3, width: 5, dataFormat: .channelsLast).doubles)
        #expect(try crop(Tensor.ones([2, 3, 5, 1])).shape == [2, 3, 5, 1])
    }

    @Test func randomFlipFlipsWholeImages() throws {
        let x = image(5, [16, 4, 5, 2])
        for mode in RandomFlip.Mode.allCases {
            let y = try RandomFlip(mode: mode, seed: 3)(x, training: true)
            let flipAxes = mode == .horizontal ? [1] : mode == .vertical ? [0] : [0, 1]
            var flippedCount = 0
            for i in 0..<16 {
                let image = x.slice(starts: [i, 0, 0, 0], sizes: [1, 4, 5, 2]).squeezed(axes: [0])
                let out = y.slice(starts: [i, 0, 0, 0], sizes: [1, 4, 5, 2]).squeezed(axes: [0])
                if out.doubles == image.flipped(axes: flipAxes).doubles { flippedCount += 1 }
                else { #expect(out.doubles == image.doubles, "\(mode): image \(i) is either flipped or kept") }
            }
            #expect(flippedCount > 0 && flippedCount < 16, "\(mode): \(flippedCount) of 16 flipped")
        }
    }

    @Test func randomCropTakesOneWindowOfTheInput() throws {
        let x = Tensor((0..<(2 * 9 * 7)).map(Double.init), shape: [2, 9, 7, 1])
        for seed in UInt64(0)..<8 {
            let y = try RandomCrop(height: 4, width: 3, seed: seed)(x, training: true)
            #expect(y.shape == [2, 4, 3, 1])
            let first = Int(y.doubles[0])
            let (top, left) = (first / 7, first % 7)
            #expect(top <= 5 && left <= 4)
            #expect(y.doubles == x.slice(starts: [0, top, left, 0], sizes: [2, 4, 3, 1]).doubles, "one window for the batch")
        }
    }

    @Test func randomValuesStayInRange() throws {
        let x = image(6, [8, 4, 4, 3], 0.2, 0.8)
        for seed in UInt64(0)..<5 {
            let bright = try RandomBrightness(factor: [0.1, 0.3], valueRange: (0, 1), seed: seed)(x, training: true)
            let shift = (bright - x).doubles
            for s in shift { #expect(s >= 0.1 * 0.999 - 1e-6 && s <= 0.3 + 1e-6 || bright.doubles.contains(1)) }
            let contrast = try RandomContrast(factor: 0.5, valueRange: (0, 1), seed: seed)(x, training: true)
            #expect(contrast.doubles.allSatisfy { $0 >= 0 && $0 <= 1 })
            // Keras's contrast factor lies in [1, 1.5] for factor 0.5: deviations never shrink.
            let mean = x.mean(axes: [1, 2], keepingDimensions: true)
            let before = abs(x - mean).sum().item(), after = abs(contrast - mean).sum().item()
            #expect(after >= before * 0.999)
        }
        // A zero-angle rotation, a zoom of 1 and a zero shift leave images as they are.
        let img = image(7, [2, 5, 6, 3])
        expectClose(try RandomRotation(factor: 0)(img, training: true), img.doubles)
        expectClose(try RandomZoom(heightFactor: 0)(img, training: true), img.doubles)
        expectClose(try RandomTranslation(heightFactor: 0, widthFactor: 0)(img, training: true), img.doubles)
    }

    @Test func fillModesIndexAsJax() {
        // size 4: reflect (d c b a | a b c d | d c b a), wrap, nearest; constant leaves the index.
        #expect((-4...7).map { FillMode.reflect.fixed($0, size: 4) } == [3, 2, 1, 0, 0, 1, 2, 3, 3, 2, 1, 0])
        #expect((-4...7).map { FillMode.wrap.fixed($0, size: 4) } == [0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3])
        #expect((-2...5).map { FillMode.nearest.fixed($0, size: 4) } == [0, 0, 0, 1, 2, 3, 3, 3])
        #expect(FillMode.constant.fixed(-3, size: 4) == -3)
    }
}

/// Deterministic test values of `shape` in `[lo, hi)`.
private func image(_ seed: UInt64, _ shape: [Int], _ lo: Double = -1, _ hi: Double = 1) -> Tensor {
    var data = TestData(seed)
    return data.tensor(shape, lo, hi)
}
