"""Writes Tests/Fixtures/layers/recurrent_layers.json: recurrent layers run by Keras 3.15.1.

Run from any directory except Keras's package folder (its `random` module shadows Python's):

    cd /tmp && KERAS_BACKEND=jax /tmp/kref/bin/python /work/wt-rnn/scripts/pyref/recurrent_layers.py

Each case builds one layer (or a small Sequential model) from `layer` and Keras's own
snake_case `args`, replaces every weight with fixed random values (listed in `layer.weights`
order with their paths), and calls it on fixed inputs. A case holds:

  * "layer", "args": the class and constructor arguments (nested "cell"/"cells"/"layer"/
    "backward_layer" entries are layers of the same form);
  * "weights": [{"path", "shape", "values"}] in `layer.weights` order;
  * "calls": one or more calls, each with "input", optional "mask" (bool [batch, time]),
    "initial_state" (list), "reset_before" (stateful layers: `reset_states()` first), and
    "outputs": every output of the call (the output, then the states with return_state).

Tensors are {"shape": [...], "values": [...]} (float32 values written exactly, masks as bools).
"""

import json
import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras  # noqa: E402
import numpy as np  # noqa: E402

assert keras.__version__ == "3.15.1", keras.__version__

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(ROOT, "Tests", "Fixtures", "layers", "recurrent_layers.json")

rng = np.random.RandomState(20250515)
L = keras.layers


def tensor(a):
    a = np.asarray(a)
    if a.dtype == bool:
        return {"shape": list(a.shape), "values": [bool(v) for v in a.reshape(-1)]}
    return {"shape": list(a.shape), "values": [float(v) for v in np.asarray(a, np.float32).reshape(-1)]}


def uniform(shape, lo=-1.0, hi=1.0):
    return rng.uniform(lo, hi, shape).astype(np.float32)


def make(spec):
    """A layer from {"layer": class name, "args": {...}}, nested specs made too."""
    args = dict(spec.get("args", {}))
    for key in ("cell", "layer", "backward_layer"):
        if isinstance(args.get(key), dict):
            args[key] = make(args[key])
    if isinstance(args.get("cells"), list):
        args["cells"] = [make(c) for c in args["cells"]]
    cls = getattr(L, spec["layer"])
    if spec["layer"] == "RNN" and "cells" in args:
        return cls(args.pop("cells"), **args)
    if spec["layer"] == "StackedRNNCells":
        return cls(args.pop("cells"), **args)
    if spec["layer"] in ("Bidirectional", "TimeDistributed"):
        return cls(args.pop("layer"), **args)
    if "units" in args:
        return cls(args.pop("units"), **args)
    return cls(**args)


def randomize(layer):
    values = [uniform(w.shape, -0.6, 0.6) for w in layer.weights]
    layer.set_weights(values)
    return [{"path": w.path, "shape": list(w.shape), "values": tensor(v)["values"]}
            for w, v in zip(layer.weights, values)]


def as_list(y):
    if isinstance(y, (list, tuple)):
        return [t for item in y for t in as_list(item)]
    return [y]


cases = []


def case(name, spec, calls, masking=False):
    """Runs `calls` (dicts with input, mask, initial_state, reset_before) on the layer of `spec`,
    or with `masking` on Sequential([Input, Masking(0.0), layer])."""
    layer = make(spec)
    x0 = calls[0]["input"]
    if masking:
        target = keras.Sequential([keras.Input(x0.shape[1:]), L.Masking(0.0), layer])
    else:
        # Build on the first input's shape (batch included, for stateful layers).
        layer.build(x0.shape)
        target = layer
    weights = randomize(target)
    out_calls = []
    for c in calls:
        if c.get("reset_before"):
            layer.reset_states()
        kwargs = {}
        if c.get("mask") is not None:
            kwargs["mask"] = c["mask"]
        if c.get("initial_state") is not None:
            kwargs["initial_state"] = [np.asarray(s) for s in c["initial_state"]]
        if c.get("states") is not None:
            kwargs["states"] = c["states"]
        y = target(c["input"], **kwargs)
        entry = {"input": tensor(c["input"]), "outputs": [tensor(np.asarray(t)) for t in as_list(y)]}
        if c.get("mask") is not None:
            entry["mask"] = tensor(c["mask"])
        if c.get("initial_state") is not None:
            entry["initial_state"] = [tensor(s) for s in c["initial_state"]]
        if c.get("reset_before"):
            entry["reset_before"] = True
        if c.get("states") is not None:
            entry["states"] = [tensor(s) for s in c["states"]]
        out_calls.append(entry)
    cases.append({"name": name, **spec, "masking": masking, "weights": weights, "calls": out_calls})


def lay(cls, **args):
    return {"layer": cls, "args": args}


B, T, F = 3, 5, 4
x = uniform((B, T, F))
x2 = uniform((B, T, F))
# Padded steps: sample 0 full, sample 1 masked at the end, sample 2 masked at the start and middle.
mask = np.array([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0], [0, 1, 0, 1, 1]], dtype=bool)


def call(inp=x, **kw):
    return {"input": inp, **kw}


def states(*sizes):
    return [uniform((B, s), -0.5, 0.5) for s in sizes]


# SimpleRNN.
case("simple_rnn", lay("SimpleRNN", units=3), [call()])
case("simple_rnn_sequences_state", lay("SimpleRNN", units=3, return_sequences=True, return_state=True), [call()])
case("simple_rnn_backwards", lay("SimpleRNN", units=3, return_sequences=True, go_backwards=True), [call()])
case("simple_rnn_masked", lay("SimpleRNN", units=3, return_sequences=True, return_state=True), [call(mask=mask)])
case("simple_rnn_masked_last", lay("SimpleRNN", units=3), [call(mask=mask)])
case("simple_rnn_relu_nobias", lay("SimpleRNN", units=2, activation="relu", use_bias=False, return_sequences=True), [call()])
case("simple_rnn_initial_state", lay("SimpleRNN", units=3, return_state=True), [call(initial_state=states(3))])
case("simple_rnn_unroll_masked", lay("SimpleRNN", units=3, return_sequences=True, unroll=True), [call(mask=mask)])
case("simple_rnn_stateful", lay("SimpleRNN", units=3, stateful=True, return_sequences=True),
     [call(), call(x2), call(x2, reset_before=True)])

# LSTM.
case("lstm", lay("LSTM", units=3), [call()])
case("lstm_sequences_state_initial", lay("LSTM", units=3, return_sequences=True, return_state=True),
     [call(initial_state=states(3, 3))])
case("lstm_masked_backwards", lay("LSTM", units=3, return_sequences=True, return_state=True, go_backwards=True),
     [call(mask=mask)])
case("lstm_masked_last", lay("LSTM", units=4), [call(mask=mask)])
case("lstm_no_bias_hard_sigmoid", lay("LSTM", units=2, use_bias=False, recurrent_activation="hard_sigmoid",
                                      activation="relu", return_sequences=True), [call()])
case("lstm_no_forget_bias", lay("LSTM", units=3, unit_forget_bias=False, return_state=True), [call()])
case("lstm_stateful", lay("LSTM", units=3, stateful=True, return_state=True),
     [call(), call(x2), call(x2, reset_before=True)])

# GRU, both forms.
case("gru", lay("GRU", units=3), [call()])
case("gru_reset_before", lay("GRU", units=3, reset_after=False, return_sequences=True), [call()])
case("gru_sequences_state_initial", lay("GRU", units=3, return_sequences=True, return_state=True),
     [call(initial_state=states(3))])
case("gru_reset_before_masked_backwards", lay("GRU", units=3, reset_after=False, return_sequences=True,
                                              go_backwards=True, return_state=True), [call(mask=mask)])
case("gru_masked", lay("GRU", units=2, return_sequences=True), [call(mask=mask)])
case("gru_no_bias", lay("GRU", units=3, use_bias=False, return_sequences=True), [call()])
case("gru_reset_before_no_bias", lay("GRU", units=3, use_bias=False, reset_after=False), [call()])
case("gru_stateful", lay("GRU", units=2, stateful=True, reset_after=False),
     [call(), call(x2), call(x2, reset_before=True)])

# The generic RNN over cells, stacked cells, zero_output_for_mask.
case("rnn_lstm_cell", lay("RNN", cell=lay("LSTMCell", units=3), return_sequences=True), [call()])
case("rnn_stacked", lay("RNN", cells=[lay("LSTMCell", units=3), lay("GRUCell", units=2, reset_after=False),
                                      lay("SimpleRNNCell", units=4)], return_state=True, return_sequences=True),
     [call(mask=mask)])
case("rnn_stacked_cells_layer", lay("RNN", cell=lay("StackedRNNCells", cells=[lay("GRUCell", units=3),
                                                                            lay("LSTMCell", units=2)])),
     [call()])
case("rnn_zero_output_for_mask", lay("RNN", cell=lay("GRUCell", units=3), return_sequences=True,
                                     zero_output_for_mask=True), [call(mask=mask)])
case("rnn_zero_output_for_mask_last", lay("RNN", cell=lay("SimpleRNNCell", units=3), zero_output_for_mask=True),
     [call(mask=np.array([[1, 1, 1, 1, 0], [1, 1, 1, 0, 0], [0, 1, 0, 1, 1]], dtype=bool))])
case("rnn_unroll_lstm_masked_backwards", lay("RNN", cell=lay("LSTMCell", units=3), unroll=True, go_backwards=True,
                                            return_sequences=True, return_state=True), [call(mask=mask)])

# Bidirectional: every merge mode, states, masks, a given backward layer.
for mode in ["concat", "sum", "mul", "ave", None]:
    case(f"bidirectional_{mode or 'none'}", lay("Bidirectional", layer=lay("LSTM", units=3, return_sequences=True),
                                                 merge_mode=mode), [call()])
case("bidirectional_gru_state", lay("Bidirectional", layer=lay("GRU", units=3, return_state=True)),
     [call(initial_state=states(3, 3))])
case("bidirectional_masked_sequences", lay("Bidirectional", layer=lay("LSTM", units=2, return_sequences=True),
                                          merge_mode="concat"), [call(mask=mask)])
case("bidirectional_masked_last", lay("Bidirectional", layer=lay("SimpleRNN", units=3), merge_mode="sum"),
     [call(mask=mask)])
case("bidirectional_backward_layer", lay("Bidirectional", layer=lay("LSTM", units=3, return_sequences=True),
                                        backward_layer=lay("GRU", units=2, return_sequences=True, go_backwards=True)),
     [call(mask=mask)])
case("bidirectional_none_state", lay("Bidirectional", layer=lay("LSTM", units=2, return_state=True,
                                                                return_sequences=True), merge_mode=None),
     [call()])

# Masks made by a Masking layer in a Sequential model (zero steps padded in the input).
padded = x.copy()
padded[~mask] = 0.0
case("masking_lstm", lay("LSTM", units=3, return_sequences=True), [call(padded)], masking=True)
case("masking_gru_last", lay("GRU", units=3), [call(padded)], masking=True)
case("masking_bidirectional", lay("Bidirectional", layer=lay("SimpleRNN", units=2, return_sequences=True)),
     [call(padded)], masking=True)

# TimeDistributed.
case("time_distributed_dense", lay("TimeDistributed", layer=lay("Dense", units=3, activation="tanh")), [call()])
case("time_distributed_dense_4d", lay("TimeDistributed", layer=lay("Dense", units=2)),
     [call(uniform((2, 3, 4, 5)))])
case("time_distributed_masked", lay("TimeDistributed", layer=lay("Dense", units=2)), [call(mask=mask)])

# Cells, one step.
for cell_spec, sizes in [(lay("SimpleRNNCell", units=3), [3]), (lay("LSTMCell", units=3), [3, 3]),
                         (lay("GRUCell", units=3), [3]), (lay("GRUCell", units=3, reset_after=False), [3])]:
    step = uniform((B, F))
    case(f"cell_{cell_spec['layer']}_{'after' if cell_spec['args'].get('reset_after', True) else 'before'}",
         cell_spec, [{"input": step, "states": states(*sizes)}])

# Convolutional LSTMs (no masks: Keras's JAX loop cannot broadcast a step mask over image states).
case("conv_lstm1d", lay("ConvLSTM1D", filters=2, kernel_size=3), [call(uniform((2, 4, 6, 3)))])
case("conv_lstm1d_same_state", lay("ConvLSTM1D", filters=2, kernel_size=2, padding="same", return_state=True,
                                   unit_forget_bias=False), [call(uniform((2, 3, 5, 2)))])
case("conv_lstm2d_same_sequences", lay("ConvLSTM2D", filters=3, kernel_size=3, padding="same", return_sequences=True),
     [call(uniform((2, 3, 5, 5, 2)))])
case("conv_lstm2d_strided_state", lay("ConvLSTM2D", filters=2, kernel_size=(3, 2), strides=2, return_state=True),
     [call(uniform((2, 3, 7, 6, 2)))])
case("conv_lstm2d_dilated_backwards", lay("ConvLSTM2D", filters=2, kernel_size=2, dilation_rate=2, go_backwards=True,
                                          return_sequences=True, activation="relu"), [call(uniform((1, 4, 6, 6, 1)))])
case("conv_lstm2d_channels_first", lay("ConvLSTM2D", filters=2, kernel_size=3, padding="same",
                                       data_format="channels_first", return_sequences=True),
     [call(uniform((2, 3, 2, 4, 5)))])
case("conv_lstm2d_initial_state", lay("ConvLSTM2D", filters=2, kernel_size=3, return_state=True),
     [call(uniform((2, 3, 5, 5, 1)), initial_state=[uniform((2, 3, 3, 2)), uniform((2, 3, 3, 2))])])
case("conv_lstm2d_stateful", lay("ConvLSTM2D", filters=2, kernel_size=3, padding="same", stateful=True),
     [call(uniform((2, 2, 4, 4, 1))), call(uniform((2, 2, 4, 4, 1))), call(uniform((2, 2, 4, 4, 1)), reset_before=True)])
case("conv_lstm3d", lay("ConvLSTM3D", filters=2, kernel_size=(1, 2, 2), return_sequences=True),
     [call(uniform((1, 2, 2, 3, 3, 2)))])
case("bidirectional_conv_lstm2d", lay("Bidirectional", layer=lay("ConvLSTM2D", filters=2, kernel_size=3, padding="same")),
     [call(uniform((2, 3, 4, 4, 1)))])

os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "w") as f:
    json.dump({"keras_version": keras.__version__, "cases": cases}, f, separators=(",", ":"))
print(f"wrote {len(cases)} cases to {OUT}")
