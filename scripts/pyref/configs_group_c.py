"""Writes Tests/Fixtures/layers/configs_group_c.json: Keras 3.15.1's own serialized objects
(`keras.saving.serialize_keras_object`, with `build_config`) of the recurrent and preprocessing
layers, for `LayerConfigsGroupCTests` (Keras's object -> Swift layer -> the identical object).

`Hashing` and `IntegerLookup` need TensorFlow installed beside the JAX backend, so run it in the
virtual environment with tensorflow-cpu (see preprocessing_layers.py):

    python3.11 -m venv /tmp/kref-tf
    /tmp/kref-tf/bin/pip install keras==3.15.1 jax==0.10.2 jaxlib==0.10.2 tensorflow-cpu
    cd /tmp && KERAS_BACKEND=jax /tmp/kref-tf/bin/python /work/wt-cfgc/scripts/pyref/configs_group_c.py

(run it from any directory except Keras's package folder). Each layer is made in several
configurations (Keras's defaults, and non-default values for every key that can take one),
built on an input shape (or adapted), and written as `{"case": label, "object": ...,
"weight_shapes": [...]}` (the shapes of `layer.weights`, in Keras's order, which the Swift layer
made from the object must have before any weights are loaded).
"""

import json
import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import numpy as np  # noqa: E402
import keras  # noqa: E402
from keras import layers as L  # noqa: E402

assert keras.__version__ == "3.15.1", keras.__version__

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Tests", "Fixtures", "layers",
                   "configs_group_c.json")
cases = []


def add(label, layer, shape=None):
    if shape is not None:
        layer.build(shape)
    obj = keras.saving.serialize_keras_object(layer)
    # Keras must read its own object back (the Swift test reads the same one).
    keras.saving.deserialize_keras_object(json.loads(json.dumps(obj)))
    cases.append({"case": label, "object": obj, "weight_shapes": [list(w.shape) for w in layer.weights]})


# Everything non-default a recurrent cell takes.
CELL_EXTRAS = dict(
    use_bias=True, kernel_initializer="he_normal", recurrent_initializer="identity",
    bias_initializer="ones", kernel_regularizer="l2", recurrent_regularizer=keras.regularizers.L1(0.01),
    bias_regularizer=keras.regularizers.L1L2(l1=0.001, l2=0.002), kernel_constraint="max_norm",
    recurrent_constraint="non_neg", bias_constraint="unit_norm", dropout=0.25, recurrent_dropout=0.125,
    seed=42,
)

# ConvLSTM's recurrent kernel is 3-D or more, which the identity initializer cannot fill.
CONV_EXTRAS = dict(CELL_EXTRAS, recurrent_initializer=keras.initializers.Orthogonal(gain=2.0, seed=1))

# Recurrent cells.
add("SimpleRNNCell defaults", L.SimpleRNNCell(3), (None, 4))
add("SimpleRNNCell every key", L.SimpleRNNCell(5, activation="relu", dtype="float64", trainable=False,
                                               name="cell_a", **CELL_EXTRAS), (None, 4))
add("SimpleRNNCell no bias", L.SimpleRNNCell(2, use_bias=False, dropout=1), (None, 3))
add("LSTMCell defaults", L.LSTMCell(3), (None, 4))
add("LSTMCell every key", L.LSTMCell(4, activation="relu", recurrent_activation="hard_sigmoid",
                                     unit_forget_bias=False, name="cell_b", **CELL_EXTRAS), (None, 2))
add("GRUCell defaults", L.GRUCell(3), (None, 4))
add("GRUCell every key", L.GRUCell(4, activation="swish", recurrent_activation="tanh", reset_after=False,
                                   name="cell_c", **CELL_EXTRAS), (None, 2))
add("StackedRNNCells", L.StackedRNNCells([L.LSTMCell(3), L.GRUCell(2, reset_after=False), L.SimpleRNNCell(4)],
                                         name="stack"), (None, 4))
add("StackedRNNCells unbuilt", L.StackedRNNCells([L.LSTMCell(3), L.GRUCell(2)]))

# RNN over cells.
add("RNN LSTMCell defaults", L.RNN(L.LSTMCell(3)), (None, 5, 4))
add("RNN list of cells, every key", L.RNN([L.LSTMCell(3), L.GRUCell(2)], return_sequences=True, return_state=True,
                                          go_backwards=True, stateful=True, unroll=True, zero_output_for_mask=True,
                                          name="rnn_all"), (2, 5, 4))
add("RNN SimpleRNNCell float64", L.RNN(L.SimpleRNNCell(2, dtype="float64"), dtype="float64"), (None, 3, 2))
add("RNN StackedRNNCells", L.RNN(L.StackedRNNCells([L.SimpleRNNCell(2), L.SimpleRNNCell(3)])), (None, 3, 2))

# SimpleRNN, LSTM, GRU.
SEQ_EXTRAS = dict(return_sequences=True, return_state=True, go_backwards=True, unroll=True)
add("SimpleRNN defaults", L.SimpleRNN(3), (None, 5, 4))
add("SimpleRNN every key", L.SimpleRNN(4, activation="sigmoid", name="srnn", **CELL_EXTRAS, **SEQ_EXTRAS),
    (None, 5, 4))
add("SimpleRNN stateful", L.SimpleRNN(2, stateful=True, use_bias=False), (3, 2, 4))
add("LSTM defaults", L.LSTM(3), (None, 5, 4))
add("LSTM every key", L.LSTM(4, activation="relu", recurrent_activation="hard_sigmoid", unit_forget_bias=False,
                             use_cudnn=False, name="lstm_all", **CELL_EXTRAS, **SEQ_EXTRAS), (None, 5, 4))
add("LSTM stateful float64", L.LSTM(2, stateful=True, dtype="float64"), (2, 3, 4))
add("LSTM mixed_float16", L.LSTM(2, dtype="mixed_float16"), (None, 3, 4))
add("LSTM zero_output_for_mask", L.LSTM(2, return_sequences=True, zero_output_for_mask=True), (None, 3, 4))
add("GRU defaults", L.GRU(3), (None, 5, 4))
add("GRU every key", L.GRU(4, activation="elu", recurrent_activation="relu", reset_after=False, use_cudnn=True,
                           name="gru_all", **CELL_EXTRAS, **SEQ_EXTRAS), (None, 5, 4))
add("GRU unbuilt", L.GRU(2, return_sequences=True, trainable=False))

# Bidirectional and TimeDistributed.
add("Bidirectional LSTM defaults", L.Bidirectional(L.LSTM(3)), (None, 5, 4))
for mode in ["sum", "mul", "ave", None]:
    add(f"Bidirectional GRU merge_mode={mode}", L.Bidirectional(L.GRU(2, return_sequences=True), merge_mode=mode),
        (None, 5, 4))
add("Bidirectional backward_layer", L.Bidirectional(
    L.SimpleRNN(2, return_sequences=True, name="fwd"),
    backward_layer=L.LSTM(3, return_sequences=True, go_backwards=True, name="bwd"), name="bi_custom"), (None, 5, 4))
add("Bidirectional return_state", L.Bidirectional(L.LSTM(2, return_state=True, dropout=0.5, seed=3)), (None, 5, 4))
add("Bidirectional unbuilt", L.Bidirectional(L.GRU(2), merge_mode="concat"))
add("TimeDistributed Dense", L.TimeDistributed(L.Dense(3, activation="relu")), (None, 5, 4))
add("TimeDistributed LSTM", L.TimeDistributed(L.LSTM(2), name="td_lstm"), (None, 5, 3, 4))
add("TimeDistributed unbuilt", L.TimeDistributed(L.Dense(2)))

# Built with initial states: Keras's build config is then a `shapes_dict`.
seq, h0, c0 = keras.Input((5, 4)), keras.Input((3,)), keras.Input((3,))
with_states = L.LSTM(3, name="lstm_with_states")
with_states(seq, initial_state=[h0, c0])
add("LSTM built with initial states", with_states)
bi_states = L.Bidirectional(L.GRU(3), name="bi_with_states")
bi_states(seq, initial_state=[h0, h0])
add("Bidirectional built with initial states", bi_states)

# ConvLSTM.
add("ConvLSTM1D defaults", L.ConvLSTM1D(2, 3), (None, 5, 8, 4))
add("ConvLSTM1D every key", L.ConvLSTM1D(
    3, 2, strides=2, padding="same", activation="relu", recurrent_activation="hard_sigmoid", unit_forget_bias=False,
    return_sequences=True, return_state=True, go_backwards=True, name="clstm1", **CONV_EXTRAS), (None, 5, 8, 4))
add("ConvLSTM2D defaults", L.ConvLSTM2D(2, 3), (None, 5, 8, 8, 4))
add("ConvLSTM2D channels_first dilation", L.ConvLSTM2D(
    2, (3, 2), dilation_rate=(2, 1), data_format="channels_first", use_bias=False, stateful=True),
    (2, 3, 4, 9, 9))
add("ConvLSTM3D defaults", L.ConvLSTM3D(1, 2), (None, 2, 4, 4, 4, 1))
add("ConvLSTM3D strides", L.ConvLSTM3D(2, (1, 2, 3), strides=(1, 2, 1), padding="same", dropout=0.1, seed=7),
    (None, 2, 4, 4, 4, 1))

# Normalization: given statistics live in the config; adapted ones in the weights.
add("Normalization defaults", L.Normalization(), (None, 3))
add("Normalization mean and variance", L.Normalization(mean=[1.0, 2.0, 3.0], variance=[1.0, 4.0, 9.0]), (None, 3))
add("Normalization scalar int statistics axis=None", L.Normalization(axis=None, mean=2, variance=3, invert=True),
    (None, 4))
add("Normalization nested statistics", L.Normalization(axis=(1, 2), mean=[[1, 2]], variance=[[1, 2.5]]),
    (None, 1, 2))
norm = L.Normalization(axis=-1, dtype="float64", name="adapted_norm")
norm.adapt(np.arange(30, dtype="float32").reshape(10, 3))
add("Normalization adapted", norm)
add("Normalization unbuilt axis list", L.Normalization(axis=[1, -1]))

# Discretization.
add("Discretization boundaries", L.Discretization(bin_boundaries=[0.0, 1.0, 2.5]), (None, 3))
add("Discretization int boundaries one_hot", L.Discretization(bin_boundaries=[0, 1], output_mode="one_hot"),
    (None, 1))
add("Discretization num_bins", L.Discretization(num_bins=4, epsilon=0.05, output_mode="count"), (None, 3))
disc = L.Discretization(num_bins=3, output_mode="multi_hot", name="adapted_disc")
disc.adapt(np.arange(10.0))
add("Discretization adapted", disc, (None, 3))

# Rescaling, CategoryEncoding, Hashing.
add("Rescaling", L.Rescaling(1 / 255.0), (None, 3))
add("Rescaling offset", L.Rescaling(1 / 127.5, offset=-1), (None, 3))
add("Rescaling list", L.Rescaling([1, 0.5, 2], offset=0.25), (None, 3))
add("Rescaling numpy", L.Rescaling(np.array([1.0, 2.0, 3.0], dtype="float32"), offset=np.array(0.5)), (None, 3))
add("CategoryEncoding", L.CategoryEncoding(num_tokens=4), (None, 3))
add("CategoryEncoding one_hot", L.CategoryEncoding(num_tokens=5, output_mode="one_hot"), (None, 1))
add("CategoryEncoding count float64", L.CategoryEncoding(num_tokens=3, output_mode="count", dtype="float64"),
    (None, 3))
add("Hashing", L.Hashing(num_bins=4), (None, 3))
add("Hashing salt int mask int", L.Hashing(num_bins=5, salt=3, mask_value=0), (None, 3))
add("Hashing salt pair mask string one_hot", L.Hashing(num_bins=4, salt=[1, 2], mask_value="a", output_mode="one_hot"),
    (None, 1))
add("Hashing multi_hot", L.Hashing(num_bins=6, output_mode="multi_hot"), (None, 3))
add("Hashing int32", L.Hashing(num_bins=6, dtype="int32"), (None, 3))

# Image preprocessing.
IMG = (None, 8, 8, 3)
add("Resizing", L.Resizing(4, 5), IMG)
add("Resizing nearest crop", L.Resizing(4, 6, interpolation="nearest", crop_to_aspect_ratio=True), IMG)
add("Resizing pad channels_first", L.Resizing(3, 6, pad_to_aspect_ratio=True, fill_value=1,
                                              data_format="channels_first"), (None, 3, 8, 8))
add("Resizing bicubic", L.Resizing(4, 4, interpolation="bicubic"), IMG)
add("CenterCrop", L.CenterCrop(4, 5), IMG)
add("CenterCrop channels_first", L.CenterCrop(2, 3, data_format="channels_first"), (None, 3, 8, 8))
add("RandomCrop default seed", L.RandomCrop(4, 4), IMG)
add("RandomCrop seed channels_first", L.RandomCrop(3, 2, seed=5, data_format="channels_first"), (None, 3, 8, 8))
add("RandomFlip", L.RandomFlip(), IMG)
add("RandomFlip horizontal seed", L.RandomFlip("horizontal", seed=3), IMG)
add("RandomFlip vertical channels_first", L.RandomFlip("vertical", data_format="channels_first"), (None, 3, 8, 8))
add("RandomRotation", L.RandomRotation(0.1), IMG)
add("RandomRotation int factor", L.RandomRotation(1), IMG)
add("RandomRotation pair every key", L.RandomRotation([0.2, -0.1], fill_mode="constant", interpolation="nearest",
                                                      seed=4, fill_value=1.5), IMG)
add("RandomRotation wrap channels_first", L.RandomRotation(0.25, fill_mode="wrap", fill_value=2,
                                                           data_format="channels_first"), (None, 3, 8, 8))
add("RandomZoom", L.RandomZoom(0.1), IMG)
add("RandomZoom pair width every key", L.RandomZoom([0.2, -0.1], 0.3, fill_mode="nearest", interpolation="nearest",
                                                    seed=9, fill_value=1.0), IMG)
add("RandomZoom int", L.RandomZoom(-1 / 2, [0, 1]), IMG)
add("RandomTranslation", L.RandomTranslation(0.1, 0.2), IMG)
add("RandomTranslation every key", L.RandomTranslation([-0.2, 0.3], 1, fill_mode="constant", interpolation="nearest",
                                                       seed=2, fill_value=-1.0, data_format="channels_first"),
    (None, 3, 8, 8))
add("RandomContrast", L.RandomContrast(0.1), IMG)
add("RandomContrast int and zero", L.RandomContrast(0.0), IMG)
add("RandomContrast pair value_range seed", L.RandomContrast([0.2, 0.1], value_range=(0.0, 1.0), seed=8), IMG)
add("RandomContrast int factor", L.RandomContrast(1, value_range=[-1, 1]), IMG)
add("RandomBrightness", L.RandomBrightness(0.1), IMG)
add("RandomBrightness int sorted value_range", L.RandomBrightness(1, value_range=[255, 0], seed=1), IMG)
add("RandomBrightness pair float range", L.RandomBrightness([-0.2, 0.3], value_range=(0.0, 1.0)), IMG)

# IntegerLookup: a given vocabulary lives in the config; an adapted one in the .keras assets.
add("IntegerLookup vocabulary", L.IntegerLookup(vocabulary=[1, 2, 3]), (None, 3))
add("IntegerLookup unadapted", L.IntegerLookup())
add("IntegerLookup every key", L.IntegerLookup(max_tokens=8, num_oov_indices=2, mask_token=0, oov_token=-7,
                                               vocabulary=[12, 36, 1138, 42], output_mode="multi_hot",
                                               pad_to_max_tokens=True, name="lookup_all"))
add("IntegerLookup vocabulary with special tokens", L.IntegerLookup(mask_token=0, vocabulary=[0, -1, 5, 6]))
add("IntegerLookup tf_idf", L.IntegerLookup(vocabulary=[-1, 5, 6], output_mode="tf_idf", idf_weights=[0.5, 1, 2]))
add("IntegerLookup invert", L.IntegerLookup(vocabulary=[4, 5], invert=True))
add("IntegerLookup farmhash salt", L.IntegerLookup(vocabulary=[4, 5], num_oov_indices=3, oov_method="farmhash",
                                                   salt=[3, 4], output_mode="count"))
add("IntegerLookup farmhash int salt", L.IntegerLookup(vocabulary=[4, 5], num_oov_indices=2, oov_method="farmhash",
                                                       salt=5))
adapted = L.IntegerLookup(num_oov_indices=1, name="adapted_lookup")
adapted.adapt(np.array([1, 2, 2, 3, 3, 3]))
add("IntegerLookup adapted", adapted)
set_later = L.IntegerLookup(name="lookup_set_later")
set_later.set_vocabulary([7, 8, 9])
add("IntegerLookup set_vocabulary", set_later)

os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "w") as f:
    json.dump(cases, f, indent=1)
    f.write("\n")
print(f"wrote {len(cases)} cases to {os.path.normpath(OUT)}")
