import Foundation

/// The shared base of ``RandomRotation``, ``RandomZoom`` and ``RandomTranslation``: in training
/// each image is resampled through a random affine transform (Keras's `affine_transform` with
/// `fillMode`, `interpolation` and `fillValue`); in inference the input is returned in the
/// layer's dtype.
///
/// ```swift
/// let augment: BaseRandomAffineLayer = try RandomZoom(heightFactor: 0.2, seed: 1)
/// let y = try augment(Tensor.ones([2, 16, 16, 3]), training: true)
/// ```
public class BaseRandomAffineLayer: BaseRandomImageLayer {
    /// How points outside the image are filled.
    public let fillMode: FillMode
    /// `.bilinear` (the default) or `.nearest`.
    public let interpolation: Interpolation
    /// The value of `.constant` fills.
    public let fillValue: Double

    /// Validates and stores the resampling configuration.
    init(fillMode: FillMode, interpolation: Interpolation, fillValue: Double, seed: UInt64?, dataFormat: DataFormat,
         name: String?, dtype: DType) throws {
        guard interpolation == .nearest || interpolation == .bilinear else {
            throw KerasError(.unsupported, "\(Self.kerasClassName): unknown `interpolation` \(interpolation.rawValue). Expected of one (\"nearest\", \"bilinear\").")
        }
        self.fillMode = fillMode
        self.interpolation = interpolation
        self.fillValue = fillValue
        super.init(seed: seed, dataFormat: dataFormat, name: name, dtype: dtype)
    }

    /// The base keys, `data_format`, and the resampling keys every affine layer writes
    /// (`fill_mode`, `fill_value`, `interpolation`, `seed`).
    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["fill_mode"] = .string(fillMode.rawValue)
        config["fill_value"] = .double(fillValue)
        config["interpolation"] = .string(interpolation.rawValue)
        config["seed"] = .seedNumber(seed)
        return config
    }

    /// The config keys every affine layer takes besides its factors.
    static let affineKerasConfigKeys = ["fill_mode", "interpolation", "seed", "fill_value", "data_format",
                                        "bounding_box_format"]

    /// The resampling arguments of an affine layer's config, with Keras's defaults.
    static func affineOptions(in config: LayerConfig) throws
        -> (fillMode: FillMode, interpolation: Interpolation, seed: UInt64?, fillValue: Double, dataFormat: DataFormat) {
        (try config.enumeration("fill_mode", default: FillMode.reflect),
         try config.enumeration("interpolation", default: Interpolation.bilinear), try config.uint64Seed("seed"),
         try config.double("fill_value", default: 0), try dataFormat(in: config))
    }

    /// Draws one transform `[a0, a1, a2, b0, b1, b2, c0, c1]` per image of a batch of `count`
    /// `height × width` images.
    func randomTransforms(count: Int, height: Int, width: Int) -> [[Float]] { [] }

    override public func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
        let x = computeCast(input)
        guard training else { return x }
        let axes = spatialAxes(rank: x.rank)
        let transforms = randomTransforms(count: batchSize(of: x), height: x.shape[axes.height], width: x.shape[axes.width])
        return affineTransform(x, transforms: transforms, interpolation: interpolation, fillMode: fillMode,
                               fillValue: fillValue, dataFormat: dataFormat)
    }
}

/// Keras's `_compute_affine_matrix` for rotations about the image centre, in float32: `angles`
/// in degrees, one transform per angle.
func rotationTransforms(angles: [Float], height: Int, width: Int) -> [[Float]] {
    let degreeToRadian = Float(Double.pi / 180)
    let cx = 0.5 * (Float(width) - 1), cy = 0.5 * (Float(height) - 1)
    return angles.map { angle in
        let theta = angle * degreeToRadian
        let c = Foundation.cos(theta), s = Foundation.sin(theta)
        let (a0, a1, b0, b1) = (c, -s, s, c)
        let a2 = ((0 + cx) - cx * a0) - cy * a1
        let b2 = ((0 + cy) - cx * b0) - cy * b1
        return [a0, a1, a2, b0, b1, b2, 0, 0]
    }
}

/// Keras's zoom matrices: `zooms` as (width zoom, height zoom) pairs, about the image centre.
func zoomTransforms(widthZooms: [Float], heightZooms: [Float], height: Int, width: Int) -> [[Float]] {
    zip(widthZooms, heightZooms).map { zx, zy in
        let xOffset = ((Float(width) - 1) / 2) * (1 - zx)
        let yOffset = ((Float(height) - 1) / 2) * (1 - zy)
        return [zx, 0, xOffset, 0, zy, yOffset, 0, 0]
    }
}

/// Keras's translation matrices: shifts of `dx` columns and `dy` rows.
func translationTransforms(dx: [Float], dy: [Float]) -> [[Float]] {
    zip(dx, dy).map { [1, 0, -$0, 0, 1, -$1, 0, 0] }
}
