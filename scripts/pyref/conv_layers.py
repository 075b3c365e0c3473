"""Writes Tests/Fixtures/layers/conv_layers.json: convolution, pooling and reshaping layers run by
Keras 3.15.1 (JAX backend) on fixed inputs and weights, for the Swift parity tests.

Run from any directory except Keras's package folder (whose `random` module shadows Python's):

    KERAS_BACKEND=jax /tmp/kref/bin/python /work/wt-conv/scripts/pyref/conv_layers.py

Each case holds:
  * "id": a unique label;
  * "class_name" and "config": the layer's class and its `get_config()` without the keys the
    numbers do not depend on (name, dtype, initializers, regularizers, constraints);
  * "input": `{"shape", "values"}` (float32, rounded to 4 decimals so they read back exactly);
  * "mask": an optional `[batch, steps]` boolean mask passed to the call;
  * "weights": the values set with `set_weights`, in Keras's order (shapes and values);
  * "weight_names": the weights' names, in that order;
  * "output": `{"shape", "values"}` of the call in inference mode (float32 values as Python
    floats of their shortest float32 text).
"""

import json
import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras  # noqa: E402
import numpy as np  # noqa: E402

assert keras.__version__ == "3.15.1", keras.__version__

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(ROOT, "Tests", "Fixtures", "layers", "conv_layers.json")

rng = np.random.RandomState(20250301)
L = keras.layers
DROPPED = {"name", "trainable", "dtype", "activity_regularizer"}


def tensor(array):
    array = np.asarray(array)
    values = [float(str(v)) for v in array.astype(np.float32).ravel()]
    return {"shape": list(array.shape), "values": values}


def uniform(shape, lo=-1.0, hi=1.0):
    return rng.uniform(lo, hi, shape).round(4).astype(np.float32)


cases = []


def case(id, layer, input_shape, mask=None):
    x = uniform(input_shape)
    kwargs = {}
    if mask is not None:
        kwargs["mask"] = np.asarray(mask, dtype=bool)
    layer.build(input_shape)
    weights = [uniform(w.shape, -0.5, 0.5) for w in layer.weights]
    layer.set_weights(weights)
    y = np.asarray(layer(x, **kwargs))
    config = {
        k: v for k, v in layer.get_config().items()
        if k not in DROPPED and not k.endswith(("_initializer", "_regularizer", "_constraint"))
    }
    entry = {
        "id": id,
        "class_name": type(layer).__name__,
        "config": json.loads(json.dumps(config)),
        "input": tensor(x),
        "weights": [tensor(w) for w in weights],
        "weight_names": [w.name for w in layer.weights],
        "output": tensor(y),
    }
    if mask is not None:
        entry["mask"] = {"shape": list(np.shape(mask)), "values": [bool(v) for v in np.ravel(mask)]}
    cases.append(entry)


# Convolutions: every padding, strides, dilation, groups and both data formats.
case("conv1d_valid", L.Conv1D(3, 3), (2, 7, 4))
case("conv1d_same_strided", L.Conv1D(4, 3, strides=2, padding="same", activation="relu"), (2, 8, 3))
case("conv1d_causal_dilated", L.Conv1D(2, 3, padding="causal", dilation_rate=2), (2, 9, 3))
case("conv1d_groups_channels_first", L.Conv1D(6, 2, groups=3, data_format="channels_first"), (2, 6, 5))
case("conv1d_no_bias_strided_valid", L.Conv1D(2, 4, strides=3, use_bias=False), (1, 11, 2))
case("conv2d_valid", L.Conv2D(3, (2, 3)), (2, 5, 6, 2))
case("conv2d_same_strided", L.Conv2D(4, 3, strides=(2, 1), padding="same", activation="tanh"), (2, 7, 5, 3))
case("conv2d_dilated_groups", L.Conv2D(4, 2, dilation_rate=2, groups=2), (1, 6, 6, 4))
case("conv2d_channels_first_same", L.Conv2D(2, 3, padding="same", data_format="channels_first"), (2, 3, 5, 4))
case("conv2d_same_even_kernel_strided", L.Conv2D(2, 4, strides=3, padding="same"), (1, 8, 7, 2))
case("conv3d_valid", L.Conv3D(2, 2), (1, 3, 4, 3, 2))
case("conv3d_same_strided_channels_first",
     L.Conv3D(3, (1, 3, 2), strides=2, padding="same", data_format="channels_first"), (2, 2, 3, 5, 4))
case("conv3d_groups", L.Conv3D(4, 2, groups=2, padding="same"), (1, 3, 3, 3, 2))
case("conv1d_transpose_valid_strided", L.Conv1DTranspose(3, 3, strides=2), (2, 4, 2))
case("conv1d_transpose_same_output_padding",
     L.Conv1DTranspose(2, 3, strides=2, padding="same", output_padding=1), (1, 5, 3))
case("conv1d_transpose_dilated", L.Conv1DTranspose(2, 3, dilation_rate=2, data_format="channels_first"), (2, 3, 4))
case("conv2d_transpose_same_strided", L.Conv2DTranspose(4, 3, strides=2, padding="same"), (2, 3, 3, 2))
case("conv2d_transpose_valid_output_padding",
     L.Conv2DTranspose(2, (2, 3), strides=(2, 3), output_padding=(1, 2)), (1, 3, 2, 3))
case("conv2d_transpose_stride_above_kernel", L.Conv2DTranspose(2, 2, strides=3), (1, 2, 3, 2))
case("conv2d_transpose_channels_first_same",
     L.Conv2DTranspose(3, 4, strides=2, padding="same", data_format="channels_first", activation="relu"),
     (1, 2, 3, 4))
case("conv3d_transpose_valid", L.Conv3DTranspose(2, 2, strides=2), (1, 2, 2, 3, 2))
case("conv3d_transpose_same_channels_first",
     L.Conv3DTranspose(2, 3, strides=(1, 2, 2), padding="same", data_format="channels_first"), (1, 2, 2, 3, 2))
case("conv1d_causal_strided", L.Conv1D(3, 2, strides=2, padding="causal"), (2, 7, 2))
case("conv1d_transpose_same_dilated", L.Conv1DTranspose(2, 3, padding="same", dilation_rate=2), (1, 6, 2))
case("conv2d_transpose_same_even_kernel_output_padding",
     L.Conv2DTranspose(2, 4, strides=3, padding="same", output_padding=(0, 2)), (1, 3, 2, 2))
case("conv2d_transpose_valid_zero_output_padding", L.Conv2DTranspose(3, 3, strides=2, output_padding=0), (1, 2, 3, 2))
case("depthwise_conv2d_strided_dilated", L.DepthwiseConv2D(3, strides=2, dilation_rate=2, padding="same"), (1, 7, 6, 2))
case("separable_conv1d_strided_dilated", L.SeparableConv1D(2, 2, strides=2, dilation_rate=2), (1, 9, 2))
case("depthwise_conv1d", L.DepthwiseConv1D(3, depth_multiplier=2), (2, 6, 3))
case("depthwise_conv1d_same_strided_channels_first",
     L.DepthwiseConv1D(2, strides=2, padding="same", data_format="channels_first"), (2, 3, 7))
case("depthwise_conv1d_dilated", L.DepthwiseConv1D(2, dilation_rate=3, depth_multiplier=3, use_bias=False), (1, 8, 2))
case("depthwise_conv2d_same", L.DepthwiseConv2D(3, padding="same", depth_multiplier=2), (2, 4, 5, 2))
case("depthwise_conv2d_strided", L.DepthwiseConv2D((2, 3), strides=2, activation="relu"), (1, 6, 7, 3))
case("depthwise_conv2d_dilated_channels_first",
     L.DepthwiseConv2D(2, dilation_rate=2, data_format="channels_first"), (1, 3, 5, 5))
case("separable_conv1d", L.SeparableConv1D(4, 3, depth_multiplier=2), (2, 7, 3))
case("separable_conv1d_same_strided_channels_first",
     L.SeparableConv1D(3, 3, strides=2, padding="same", data_format="channels_first"), (1, 2, 8))
case("separable_conv2d_same", L.SeparableConv2D(5, 3, padding="same", activation="relu"), (2, 5, 4, 3))
case("separable_conv2d_dilated", L.SeparableConv2D(2, 2, dilation_rate=2, depth_multiplier=2), (1, 6, 6, 2))
case("separable_conv2d_strided_channels_first",
     L.SeparableConv2D(3, 3, strides=2, padding="same", data_format="channels_first", use_bias=False), (1, 2, 7, 5))

# Pooling.
case("max_pooling1d", L.MaxPooling1D(), (2, 7, 3))
case("max_pooling1d_same_strided", L.MaxPooling1D(3, strides=2, padding="same"), (2, 8, 2))
case("max_pooling1d_channels_first", L.MaxPooling1D(2, strides=1, data_format="channels_first"), (1, 3, 5))
case("max_pooling2d", L.MaxPooling2D(), (2, 5, 6, 2))
case("max_pooling2d_same", L.MaxPooling2D((3, 2), strides=(2, 1), padding="same"), (1, 5, 4, 3))
case("max_pooling2d_channels_first", L.MaxPooling2D(2, data_format="channels_first"), (1, 2, 4, 6))
case("max_pooling3d", L.MaxPooling3D(), (1, 4, 5, 4, 2))
case("max_pooling3d_same_channels_first", L.MaxPooling3D(2, padding="same", data_format="channels_first"), (1, 2, 3, 3, 5))
case("average_pooling1d", L.AveragePooling1D(2), (2, 7, 3))
case("average_pooling1d_same", L.AveragePooling1D(3, strides=2, padding="same"), (2, 8, 2))
case("average_pooling2d", L.AveragePooling2D(2, strides=1), (1, 4, 5, 2))
case("average_pooling2d_same_channels_first",
     L.AveragePooling2D(3, strides=2, padding="same", data_format="channels_first"), (2, 2, 5, 4))
case("average_pooling3d", L.AveragePooling3D(2), (1, 4, 4, 5, 2))
case("average_pooling3d_same", L.AveragePooling3D((2, 3, 2), padding="same"), (1, 3, 4, 3, 2))
case("global_max_pooling1d", L.GlobalMaxPooling1D(), (2, 5, 3))
case("global_max_pooling1d_keepdims_channels_first",
     L.GlobalMaxPooling1D(keepdims=True, data_format="channels_first"), (2, 3, 5))
case("global_max_pooling2d", L.GlobalMaxPooling2D(), (2, 3, 4, 3))
case("global_max_pooling2d_keepdims", L.GlobalMaxPooling2D(keepdims=True), (2, 3, 4, 3))
case("global_max_pooling3d_channels_first", L.GlobalMaxPooling3D(data_format="channels_first"), (2, 3, 2, 3, 2))
case("global_average_pooling1d", L.GlobalAveragePooling1D(), (2, 5, 3))
case("global_average_pooling1d_masked", L.GlobalAveragePooling1D(), (2, 5, 3),
     mask=[[True, True, False, True, False], [True, False, False, False, False]])
case("global_average_pooling1d_masked_channels_first_keepdims",
     L.GlobalAveragePooling1D(data_format="channels_first", keepdims=True), (2, 3, 4),
     mask=[[False, True, True, False], [True, True, True, True]])
case("global_average_pooling2d", L.GlobalAveragePooling2D(), (2, 3, 4, 3))
case("global_average_pooling2d_channels_first_keepdims",
     L.GlobalAveragePooling2D(data_format="channels_first", keepdims=True), (2, 3, 2, 4))
case("global_average_pooling3d", L.GlobalAveragePooling3D(), (2, 2, 3, 2, 3))

# Reshaping.
case("cropping1d", L.Cropping1D(), (2, 5, 3))
case("cropping1d_pair", L.Cropping1D((2, 0)), (2, 5, 3))
case("cropping2d_pairs", L.Cropping2D(((1, 0), (2, 1))), (2, 4, 5, 2))
case("cropping2d_channels_first", L.Cropping2D(1, data_format="channels_first"), (1, 2, 4, 4))
case("cropping3d", L.Cropping3D(), (1, 3, 4, 5, 2))
case("cropping3d_symmetric_channels_first", L.Cropping3D((0, 1, 2), data_format="channels_first"), (1, 2, 3, 4, 5))
case("zero_padding1d", L.ZeroPadding1D(), (2, 3, 2))
case("zero_padding1d_pair_channels_first", L.ZeroPadding1D((2, 0), data_format="channels_first"), (2, 3, 2))
case("zero_padding2d_pairs", L.ZeroPadding2D(((1, 0), (2, 3))), (1, 2, 3, 2))
case("zero_padding2d_channels_first", L.ZeroPadding2D((1, 2), data_format="channels_first"), (1, 2, 2, 3))
case("zero_padding3d", L.ZeroPadding3D(), (1, 2, 2, 2, 1))
case("zero_padding3d_pairs_channels_first",
     L.ZeroPadding3D(((0, 1), (2, 0), (1, 1)), data_format="channels_first"), (1, 2, 2, 1, 2))
case("up_sampling1d", L.UpSampling1D(), (2, 3, 2))
case("up_sampling1d_size3", L.UpSampling1D(3), (1, 4, 2))
case("up_sampling2d_nearest", L.UpSampling2D((2, 3)), (1, 2, 3, 2))
case("up_sampling2d_nearest_channels_first", L.UpSampling2D(2, data_format="channels_first"), (1, 2, 2, 3))
case("up_sampling2d_bilinear", L.UpSampling2D(2, interpolation="bilinear"), (2, 3, 4, 2))
case("up_sampling2d_bilinear_uneven", L.UpSampling2D((3, 2), interpolation="bilinear"), (1, 4, 3, 2))
case("up_sampling2d_bilinear_channels_first",
     L.UpSampling2D((2, 1), interpolation="bilinear", data_format="channels_first"), (1, 2, 3, 4))
case("up_sampling2d_bicubic", L.UpSampling2D(3, interpolation="bicubic"), (1, 4, 5, 2))
case("up_sampling2d_lanczos3", L.UpSampling2D(2, interpolation="lanczos3"), (1, 5, 4, 1))
case("up_sampling2d_lanczos5", L.UpSampling2D((2, 3), interpolation="lanczos5"), (1, 6, 4, 1))
case("up_sampling3d", L.UpSampling3D(), (1, 2, 2, 2, 2))
case("up_sampling3d_channels_first", L.UpSampling3D((1, 2, 3), data_format="channels_first"), (1, 2, 2, 3, 2))

os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "w") as f:
    json.dump({"keras_version": keras.__version__, "backend": keras.backend.backend(), "cases": cases}, f)
    f.write("\n")
print(f"wrote {len(cases)} cases to {OUT}")
