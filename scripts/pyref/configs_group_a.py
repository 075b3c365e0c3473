"""Writes Tests/Fixtures/layers/configs_group_a.json: Keras 3.15.1's own serialized layers (group A:
core, activation, merging, regularization, reshaping and pooling layers), for the Swift config
round-trip tests (`checkKerasConfigFixture("layers/configs_group_a.json")`).

Run from any directory except Keras's package folder (whose `random` module shadows Python's):

    cd /tmp && KERAS_BACKEND=jax /tmp/kref/bin/python /work/wt-cfga/scripts/pyref/configs_group_a.py

Each case is `{"case": <label>, "object": keras.saving.serialize_keras_object(layer)}`.

Most layers are called on `keras.Input`s, as in a real model: Keras then records a `build_config`
only for the classes it does not build in their constructor (Keras builds layers without weights,
such as activations, dropout and pooling, at init, so a saved model has no `build_config` for
them). Cases labelled `...built` call `layer.build(shape)` explicitly instead, which records one
for every class.
"""

import json
import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras  # noqa: E402

assert keras.__version__ == "3.15.1", keras.__version__

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(ROOT, "Tests", "Fixtures", "layers", "configs_group_a.json")

L = keras.layers
I = keras.initializers
R = keras.regularizers
C = keras.constraints

cases = []


def case(label, layer, *shapes, dtype="float32", build=False):
    """Calls `layer` on Inputs of `shapes` (batch axis included), or builds it explicitly."""
    if build:
        layer.build(shapes[0] if len(shapes) == 1 else list(shapes))
    else:
        inputs = [keras.Input(batch_shape=s, dtype=dtype) for s in shapes]
        layer(inputs[0] if len(inputs) == 1 else inputs)
    obj = keras.saving.serialize_keras_object(layer)
    # Round-trip through JSON so tuples become lists, as in a saved file.
    cases.append({"case": label, "object": json.loads(json.dumps(obj))})


# Core
case("embedding", L.Embedding(10, 4), (None, 3), dtype="int32")
case("embedding_all", L.Embedding(
    20, 3, embeddings_initializer=I.RandomNormal(stddev=0.1, seed=3),
    embeddings_regularizer=R.L2(0.01), embeddings_constraint=C.MaxNorm(2.0), mask_zero=True,
    name="emb", dtype="float64"), (None, 5), dtype="int32")
case("embedding_frozen_rank3", L.Embedding(5, 2, trainable=False), (None, 2, 3), dtype="int32")
case("embedding_mixed", L.Embedding(5, 2, dtype="mixed_float16"), (None, 3), dtype="int32")
case("einsum_dense", L.EinsumDense("ab,bc->ac", output_shape=4), (None, 3))
case("einsum_dense_all", L.EinsumDense(
    "abc,cde->abde", output_shape=(None, 2, 3), bias_axes="de", activation="relu",
    kernel_initializer=I.HeNormal(seed=1), bias_initializer="ones",
    kernel_regularizer=R.L1(0.01), bias_regularizer=R.L2(0.02), kernel_constraint=C.NonNeg(),
    bias_constraint=C.UnitNorm(axis=0)), (None, 4, 5))
case("einsum_dense_ellipsis", L.EinsumDense("...b,bc->...c", output_shape=5, bias_axes="c",
                                            dtype="float64", trainable=False), (None, 2, 3))
case("identity", L.Identity(), (None, 3))
case("identity_named", L.Identity(name="skip", trainable=False, dtype="float64"), (None, 2, 3))
case("identity_built", L.Identity(), (None, 3), build=True)
case("masking", L.Masking(), (None, 3, 2))
case("masking_int", L.Masking(mask_value=-1), (None, 3, 2))
case("masking_float64", L.Masking(mask_value=0.5, dtype="float64"), (None, 3, 2))
case("activity_regularization", L.ActivityRegularization(), (None, 3))
case("activity_regularization_l1l2", L.ActivityRegularization(l1=0.01, l2=0.02), (None, 3))

# Activations
case("activation_relu", L.Activation("relu"), (None, 3))
case("activation_softmax", L.Activation("softmax", name="probs"), (None, 3))
case("activation_swish", L.Activation("swish"), (None, 3))
case("activation_gelu_fn", L.Activation(keras.activations.gelu), (None, 3))
case("activation_built", L.Activation("tanh", dtype="float64"), (None, 3), build=True)
case("elu", L.ELU(), (None, 3))
case("elu_alpha", L.ELU(alpha=0.5), (None, 3))
case("elu_int_alpha", L.ELU(alpha=2), (None, 3))
case("leaky_relu", L.LeakyReLU(), (None, 3))
case("leaky_relu_slope", L.LeakyReLU(negative_slope=0.1, trainable=False), (None, 3))
case("prelu", L.PReLU(), (None, 3))
case("prelu_all", L.PReLU(alpha_initializer=I.Constant(0.25), alpha_regularizer=R.L2(0.01),
                          alpha_constraint=C.NonNeg(), shared_axes=[1, 2]), (None, 4, 4, 3))
case("prelu_int_axis", L.PReLU(shared_axes=1, dtype="float64"), (None, 4, 3))
case("relu", L.ReLU(), (None, 3))
case("relu_all", L.ReLU(max_value=6.0, negative_slope=0.1, threshold=0.5), (None, 3))
case("relu6_int", L.ReLU(6), (None, 3))
case("relu_mixed", L.ReLU(dtype="mixed_bfloat16"), (None, 3))
case("relu_built", L.ReLU(max_value=1.0), (None, 3), build=True)
case("softmax", L.Softmax(), (None, 3))
case("softmax_axis", L.Softmax(axis=1), (None, 3, 4))
case("softmax_axes", L.Softmax(axis=(1, 2)), (None, 3, 4, 2))

# Merging
case("concatenate", L.Concatenate(), (None, 3), (None, 2))
case("concatenate_axis", L.Concatenate(axis=1, name="cat"), (None, 2, 3), (None, 4, 3))
case("dot", L.Dot(axes=1), (None, 3), (None, 3))
case("dot_pair_normalize", L.Dot(axes=(1, 2), normalize=True), (None, 3, 4), (None, 5, 3))
case("dot_list_axes", L.Dot(axes=[-1, -1]), (None, 2, 3), (None, 4, 3))
case("add", L.Add(), (None, 3), (None, 3))
case("add_three", L.Add(dtype="float64"), (None, 2, 3), (None, 2, 3), (None, 2, 3))
case("subtract", L.Subtract(), (None, 3), (None, 3))
case("multiply", L.Multiply(trainable=False), (None, 3), (None, 3))
case("average", L.Average(), (None, 3), (None, 3))
case("maximum", L.Maximum(), (None, 4), (None, 4))
case("minimum", L.Minimum(name="low"), (None, 4), (None, 4))

# Regularization
case("dropout", L.Dropout(0.5), (None, 3))
case("dropout_all", L.Dropout(0.2, noise_shape=(None, 1, 3), seed=42), (None, 2, 3))
case("dropout_int_rate", L.Dropout(0), (None, 3))
case("dropout_built", L.Dropout(0.1, seed=3), (None, 3), build=True)
case("spatial_dropout1d", L.SpatialDropout1D(0.3, seed=1), (None, 4, 2))
case("spatial_dropout2d", L.SpatialDropout2D(0.2, data_format="channels_first", seed=2),
     (None, 2, 4, 4))
case("spatial_dropout3d", L.SpatialDropout3D(0.1), (None, 2, 2, 2, 3))
case("spatial_dropout3d_float64", L.SpatialDropout3D(0.1, dtype="float64", name="sd"),
     (None, 2, 2, 2, 3))
case("gaussian_dropout", L.GaussianDropout(0.3, seed=5), (None, 3))
case("gaussian_noise", L.GaussianNoise(0.1, seed=3), (None, 3))
case("gaussian_noise_default", L.GaussianNoise(0.5), (None, 3))
case("alpha_dropout", L.AlphaDropout(0.2), (None, 3))
case("alpha_dropout_all", L.AlphaDropout(0.2, noise_shape=(None, 3), seed=7), (None, 3))

# Reshaping
case("flatten", L.Flatten(), (None, 3, 2))
case("flatten_channels_first", L.Flatten(data_format="channels_first"), (None, 3, 4, 2))
case("permute", L.Permute((2, 1)), (None, 3, 2))
case("permute_3", L.Permute((3, 1, 2)), (None, 2, 3, 4))
case("repeat_vector", L.RepeatVector(3), (None, 4))
case("reshape", L.Reshape((6,)), (None, 3, 2))
case("reshape_unknown", L.Reshape((-1, 2)), (None, 3, 2))
case("reshape_2d", L.Reshape((2, 3), dtype="float64"), (None, 6))
case("cropping1d", L.Cropping1D(), (None, 4, 2))
case("cropping1d_pair", L.Cropping1D((2, 1)), (None, 5, 2))
case("cropping2d", L.Cropping2D(), (None, 4, 4, 2))
case("cropping2d_pairs", L.Cropping2D(((1, 2), (0, 1)), data_format="channels_first"),
     (None, 2, 5, 5))
case("cropping2d_int", L.Cropping2D(1), (None, 4, 4, 2))
case("cropping2d_symmetric", L.Cropping2D((1, 2)), (None, 5, 6, 2))
case("cropping3d", L.Cropping3D(), (None, 4, 4, 4, 2))
case("cropping3d_pairs", L.Cropping3D(((1, 0), (0, 1), (1, 1)), data_format="channels_first"),
     (None, 2, 4, 4, 4))
case("zero_padding1d", L.ZeroPadding1D(), (None, 4, 2))
case("zero_padding1d_pair", L.ZeroPadding1D((1, 2)), (None, 4, 2))
case("zero_padding1d_channels_first", L.ZeroPadding1D(2, data_format="channels_first"),
     (None, 2, 4))
case("zero_padding2d", L.ZeroPadding2D(), (None, 4, 4, 2))
case("zero_padding2d_pairs", L.ZeroPadding2D(((1, 0), (2, 3))), (None, 4, 4, 2))
case("zero_padding2d_symmetric", L.ZeroPadding2D((1, 2), data_format="channels_first"),
     (None, 2, 4, 4))
case("zero_padding3d", L.ZeroPadding3D(), (None, 2, 2, 2, 1))
case("zero_padding3d_int", L.ZeroPadding3D(2, data_format="channels_first"), (None, 1, 2, 2, 2))
case("up_sampling1d", L.UpSampling1D(), (None, 4, 2))
case("up_sampling1d_3", L.UpSampling1D(3), (None, 4, 2))
case("up_sampling2d", L.UpSampling2D(), (None, 4, 4, 2))
case("up_sampling2d_bilinear", L.UpSampling2D((2, 3), interpolation="bilinear"), (None, 4, 4, 2))
case("up_sampling2d_channels_first", L.UpSampling2D(3, data_format="channels_first",
                                                    interpolation="bicubic"), (None, 2, 4, 4))
case("up_sampling3d", L.UpSampling3D(), (None, 2, 2, 2, 1))
case("up_sampling3d_sizes", L.UpSampling3D((1, 2, 2), data_format="channels_first"),
     (None, 1, 2, 2, 2))

# Pooling
case("max_pooling1d", L.MaxPooling1D(), (None, 4, 2))
case("max_pooling1d_same", L.MaxPooling1D(3, strides=1, padding="same"), (None, 4, 2))
case("max_pooling2d", L.MaxPooling2D(), (None, 4, 4, 2))
case("max_pooling2d_all", L.MaxPooling2D((2, 3), strides=(1, 2), padding="same",
                                         data_format="channels_first"), (None, 2, 5, 6))
case("max_pooling2d_built", L.MaxPooling2D(), (None, 4, 4, 2), build=True)
case("max_pooling3d", L.MaxPooling3D(), (None, 4, 4, 4, 2))
case("max_pooling3d_same", L.MaxPooling3D(2, strides=1, padding="same"), (None, 4, 4, 4, 2))
case("average_pooling1d", L.AveragePooling1D(2), (None, 4, 2))
case("average_pooling2d", L.AveragePooling2D(3, strides=2, padding="same"), (None, 5, 5, 2))
case("average_pooling3d", L.AveragePooling3D((1, 2, 2), data_format="channels_first",
                                             dtype="float64"), (None, 2, 2, 4, 4))
for rank in (1, 2, 3):
    spatial = (4,) * rank
    for kind in ("Max", "Average"):
        cls = getattr(L, f"Global{kind}Pooling{rank}D")
        label = f"global_{kind.lower()}_pooling{rank}d"
        case(label, cls(), (None, *spatial, 2))
        case(label + "_keepdims", cls(keepdims=True), (None, *spatial, 2))
        case(label + "_channels_first", cls(data_format="channels_first", keepdims=rank == 2),
             (None, 2, *spatial))
case("global_average_pooling1d_built", L.GlobalAveragePooling1D(), (None, 4, 2), build=True)

with open(OUT, "w") as f:
    json.dump(cases, f)
    f.write("\n")
print(f"wrote {len(cases)} cases to {OUT}")
