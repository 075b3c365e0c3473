"""Writes Tests/Fixtures/layers/configs_group_b.json: Keras 3's own serialized convolution,
normalization and attention layers, for the Swift config round trip
(`checkKerasConfigFixture("layers/configs_group_b.json")`).

Run from any directory except Keras's package folder (its `random` module shadows Python's):

    cd /tmp && KERAS_BACKEND=jax /tmp/kref/bin/python /work/wt-cfgb/scripts/pyref/configs_group_b.py

The fixture is a JSON list of {"case": label, "object": keras.saving.serialize_keras_object(layer),
"weight_shapes": the shapes of `layer.weights` in order}.
Each layer is made with Keras's defaults and with non-default values for every key it can take,
then built as a model builds it: single-input layers on an input shape, attention layers by
calling them on `keras.Input` tensors (which records MultiHeadAttention's `shapes_dict`). Cases
labelled "unbuilt" are serialized before any build: Keras writes some keys differently then
(LayerNormalization's `axis` stays an int, MultiHeadAttention's `attention_axes` stays null,
GroupNormalization's `groups=-1` is not yet the channel count), and they carry no build_config.

`synchronized=True` of BatchNormalization is refused by Keras outside the TensorFlow backend, so
that case sets the attribute after making the layer; its config is what TensorFlow Keras writes.
"""

import json
import os
import warnings

os.environ.setdefault("KERAS_BACKEND", "jax")
warnings.filterwarnings("ignore")

import keras  # noqa: E402
from keras import layers as L  # noqa: E402

assert keras.__version__ == "3.15.1", keras.__version__

cases = []


def add(label, layer, input_shape=None):
    """Builds `layer` on `input_shape` (a shape without the batch axis) when given, and records it."""
    if input_shape is not None:
        layer(keras.Input(input_shape))
    record(label, layer)


def record(label, layer):
    cases.append({"case": label, "object": keras.saving.serialize_keras_object(layer),
                  "weight_shapes": [list(w.shape) for w in layer.weights]})


def add_attention(label, layer, query, value, key=None, **kwargs):
    """Calls an attention layer on symbolic inputs of the given shapes (without batch), as a
    functional model does, and records it."""
    q, v = keras.Input(query), keras.Input(value)
    k = keras.Input(key) if key is not None else None
    if isinstance(layer, (L.MultiHeadAttention, L.GroupQueryAttention)):
        layer(q, v, key=k, **kwargs) if k is not None else layer(q, v, **kwargs)
    else:
        layer([q, v] + ([k] if k is not None else []), **kwargs)
    record(label, layer)


every_setting = dict(
    kernel_initializer=keras.initializers.HeNormal(seed=3), bias_initializer="ones",
    kernel_regularizer=keras.regularizers.L2(0.01), bias_regularizer="l1",
    kernel_constraint=keras.constraints.MaxNorm(2.0), bias_constraint="non_neg",
)

# Convolutions.
add("Conv1D defaults", L.Conv1D(4, 3), (10, 3))
add("Conv1D causal dilated", L.Conv1D(4, 3, padding="causal", dilation_rate=2, activation="relu"), (10, 3))
add("Conv1D every setting", L.Conv1D(6, 2, strides=2, padding="same", data_format="channels_first", groups=2,
                                     use_bias=True, activation="tanh", name="c1", trainable=False, dtype="float64",
                                     **every_setting), (4, 9))
add("Conv1D no bias", L.Conv1D(2, [5], use_bias=False), (12, 2))
add("Conv2D defaults", L.Conv2D(4, 3), (8, 8, 3))
add("Conv2D every setting", L.Conv2D(4, (3, 5), strides=(2, 1), padding="SAME", activation="gelu",
                                     **every_setting), (9, 9, 2))
add("Conv2D dilated channels_first", L.Conv2D(2, 2, dilation_rate=(2, 3), data_format="channels_first"), (3, 9, 9))
add("Conv2D groups mixed precision", L.Conv2D(4, 1, groups=4, dtype="mixed_float16"), (5, 5, 8))
add("Conv3D defaults", L.Conv3D(2, 2), (4, 4, 4, 1))
add("Conv3D every setting", L.Conv3D(3, (1, 2, 3), strides=(1, 2, 1), padding="same", data_format="channels_first",
                                     activation="sigmoid", **every_setting), (2, 5, 6, 7))
add("Conv1DTranspose defaults", L.Conv1DTranspose(4, 3), (10, 3))
add("Conv1DTranspose output_padding", L.Conv1DTranspose(4, 4, strides=2, output_padding=1, **every_setting), (6, 2))
add("Conv2DTranspose defaults", L.Conv2DTranspose(4, 3), (7, 7, 3))
add("Conv2DTranspose every setting", L.Conv2DTranspose(2, (3, 2), strides=(2, 3), padding="same", output_padding=(1, 0),
                                                       activation="relu", use_bias=False, **every_setting), (4, 5, 3))
add("Conv2DTranspose dilated channels_first", L.Conv2DTranspose(3, 2, dilation_rate=2, data_format="channels_first"),
    (2, 5, 5))
add("Conv3DTranspose defaults", L.Conv3DTranspose(2, 2), (3, 3, 3, 4))
add("Conv3DTranspose every setting", L.Conv3DTranspose(2, (2, 1, 3), strides=2, padding="same", output_padding=(1, 0, 1),
                                                       data_format="channels_first", **every_setting), (1, 3, 3, 3))
depthwise_setting = dict(
    depthwise_initializer=keras.initializers.RandomNormal(stddev=0.1, seed=1), bias_initializer="ones",
    depthwise_regularizer=keras.regularizers.L1L2(l1=0.01, l2=0.02), bias_regularizer="l2",
    depthwise_constraint=keras.constraints.UnitNorm(axis=0), bias_constraint="non_neg",
)
add("DepthwiseConv1D defaults", L.DepthwiseConv1D(3), (10, 3))
add("DepthwiseConv1D every setting", L.DepthwiseConv1D(3, strides=2, padding="same", depth_multiplier=2,
                                                       data_format="channels_first", activation="relu",
                                                       **depthwise_setting), (3, 11))
add("DepthwiseConv2D defaults", L.DepthwiseConv2D(3), (8, 8, 3))
add("DepthwiseConv2D every setting", L.DepthwiseConv2D((3, 2), strides=(1, 2), dilation_rate=(2, 1), depth_multiplier=3,
                                                       padding="same", use_bias=False, **depthwise_setting), (9, 9, 2))
separable_setting = dict(
    depthwise_initializer="he_uniform", pointwise_initializer=keras.initializers.Orthogonal(gain=2.0, seed=4),
    bias_initializer="ones", depthwise_regularizer="l2", pointwise_regularizer=keras.regularizers.L1(0.03),
    bias_regularizer="l1", depthwise_constraint="max_norm", pointwise_constraint="non_neg",
    bias_constraint=keras.constraints.MinMaxNorm(0.5, 1.5),
)
add("SeparableConv1D defaults", L.SeparableConv1D(4, 3), (10, 3))
add("SeparableConv1D every setting", L.SeparableConv1D(5, 3, strides=2, padding="same", data_format="channels_first",
                                                       depth_multiplier=2, activation="elu", **separable_setting),
    (3, 12))
add("SeparableConv2D defaults", L.SeparableConv2D(4, 3), (8, 8, 3))
add("SeparableConv2D every setting", L.SeparableConv2D(2, (2, 3), dilation_rate=2, depth_multiplier=2, use_bias=False,
                                                       **separable_setting), (9, 9, 3))

# Normalization.
add("BatchNormalization defaults", L.BatchNormalization(), (4,))
add("BatchNormalization every setting", L.BatchNormalization(
    axis=1, momentum=0.9, epsilon=1e-5, center=False, scale=False, beta_initializer="ones",
    gamma_initializer=keras.initializers.RandomUniform(0.5, 1.5, seed=2), moving_mean_initializer="ones",
    moving_variance_initializer=keras.initializers.Constant(2.0), beta_regularizer="l2", gamma_regularizer="l1",
    beta_constraint="non_neg", gamma_constraint=keras.constraints.MaxNorm(3.0), name="bn", dtype="float64"),
    (3, 5, 5))
add("BatchNormalization renorm", L.BatchNormalization(renorm=True), (4,))
add("BatchNormalization renorm clipping", L.BatchNormalization(
    renorm=True, renorm_clipping={"rmax": 3.0, "rmin": 0.25, "dmax": 5.0}, renorm_momentum=0.9), (2, 4))
add("BatchNormalization renorm integer clipping", L.BatchNormalization(renorm=True, renorm_clipping={"dmax": 2}),
    (4,))
add("BatchNormalization clipping without renorm", L.BatchNormalization(renorm_clipping={"rmax": 2.0}), (4,))
synchronized = L.BatchNormalization(axis=-1)
synchronized.synchronized = True
add("BatchNormalization synchronized", synchronized, (6,))
add("LayerNormalization defaults", L.LayerNormalization(), (3, 4))
add("LayerNormalization unbuilt", L.LayerNormalization())
add("LayerNormalization unbuilt axis list", L.LayerNormalization(axis=(2, 1), epsilon=1e-6))
add("LayerNormalization axes", L.LayerNormalization(axis=[2, 1], epsilon=1e-6), (3, 4))
add("LayerNormalization axis -2", L.LayerNormalization(axis=-2), (3, 4))
add("LayerNormalization every setting", L.LayerNormalization(
    axis=-1, epsilon=1e-5, center=False, scale=True, beta_initializer="ones", gamma_initializer="zeros",
    beta_regularizer="l2", gamma_regularizer=keras.regularizers.L1L2(0.1, 0.2), beta_constraint="non_neg",
    gamma_constraint="unit_norm", trainable=False), (5,))
add("LayerNormalization rms_scaling", L.LayerNormalization(rms_scaling=True, center=False), (6,))
add("GroupNormalization defaults", L.GroupNormalization(), (4, 64))
add("GroupNormalization every setting", L.GroupNormalization(
    groups=2, axis=1, epsilon=1e-5, center=False, scale=False, beta_initializer="ones", gamma_initializer="zeros",
    beta_regularizer="l1", gamma_regularizer="l2", beta_constraint="non_neg", gamma_constraint="max_norm"),
    (4, 3, 3))
add("GroupNormalization instance", L.GroupNormalization(groups=-1), (5, 6))
add("GroupNormalization instance unbuilt", L.GroupNormalization(groups=-1))
add("RMSNormalization defaults", L.RMSNormalization(), (3, 8))
add("RMSNormalization unbuilt", L.RMSNormalization(epsilon=1e-5))
add("RMSNormalization axes", L.RMSNormalization(axis=(-1, -2), epsilon=1e-5), (3, 4))
add("UnitNormalization defaults", L.UnitNormalization(), (5,))
add("UnitNormalization axes", L.UnitNormalization(axis=[1, 2], name="unit"), (3, 4))

# Attention.
add_attention("Attention defaults", L.Attention(), (3, 4), (5, 4))
add("Attention unbuilt", L.Attention(use_scale=True))
add_attention("Attention every setting", L.Attention(use_scale=True, score_mode="concat", dropout=0.1, seed=3),
              (3, 4), (5, 2), key=(5, 4))
add_attention("Attention causal", L.Attention(), (3, 4), (3, 4), use_causal_mask=True)
add_attention("AdditiveAttention defaults", L.AdditiveAttention(), (3, 4), (5, 4))
add_attention("AdditiveAttention every setting", L.AdditiveAttention(use_scale=False, dropout=0.2, seed=5,
                                                                     dtype="float64"), (3, 4), (5, 4), key=(5, 4))
add_attention("MultiHeadAttention defaults", L.MultiHeadAttention(2, 4), (3, 5), (4, 5))
add("MultiHeadAttention unbuilt", L.MultiHeadAttention(2, 4))
add_attention("MultiHeadAttention with key", L.MultiHeadAttention(2, 3, value_dim=5), (3, 5), (4, 6), key=(4, 2))
add_attention("MultiHeadAttention every setting", L.MultiHeadAttention(
    num_heads=3, key_dim=2, value_dim=4, dropout=0.1, use_bias=False, output_shape=7, attention_axes=2,
    sliding_window=2, use_gate=True, seed=7, name="mha", **every_setting), (2, 3, 5), (2, 4, 5))
add_attention("MultiHeadAttention output shape list", L.MultiHeadAttention(1, 2, output_shape=(2, 3)),
              (3, 4), (3, 4), use_causal_mask=True)
add_attention("MultiHeadAttention 2-D attention", L.MultiHeadAttention(2, 2), (2, 3, 4), (2, 3, 4))
add_attention("GroupQueryAttention defaults", L.GroupQueryAttention(4, 4, 2), (3, 5), (4, 5))
add("GroupQueryAttention unbuilt", L.GroupQueryAttention(2, 2, 1))
add_attention("GroupQueryAttention every setting", L.GroupQueryAttention(
    head_dim=2, num_query_heads=4, num_key_value_heads=1, dropout=0.1, use_bias=False, sliding_window=3,
    use_gate=True, seed=11, dtype="float64", **every_setting), (3, 6), (4, 6), key=(4, 2))

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Tests", "Fixtures", "layers",
                    "configs_group_b.json")
with open(path, "w") as f:
    json.dump(cases, f, indent=1)
print(f"{len(cases)} cases -> {os.path.normpath(path)}")
