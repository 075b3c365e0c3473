"""Writes Tests/Fixtures/keras3/ops/: Keras 3.15.1 Functional models whose saved graphs hold
Keras *operations* (`keras.src.ops.numpy.NotEqual`, `Add`, `Cast`, ...) beside their layers, and
a grid of single operations run by Keras, for the Swift tests of operation nodes.

    cd /tmp && KERAS_BACKEND=jax /tmp/kref/bin/python /work/main/scripts/pyref/operation_nodes.py

Keras saves a Functional model in which an `Embedding(mask_zero=True)` (or `Masking`, or a
merge of masked tensors) feeds a mask-consuming layer with the mask's computation as operation
nodes (`NotEqual(tokens, 0)`, `Any`, `LogicalOr`, ...), and passes the result to the consumer as
an explicit `"mask"` keyword of its node. Arithmetic on KerasTensors (`x + 1.0`, `x * 2`,
`keras.ops.cast`) is saved the same way.

ops.json holds:
  * "models": one entry per `.keras` file: "file", "operations" (the operation classes its graph
    holds), "summary" (the lines of the loaded model's `summary(line_length=100)`), "inputs" and
    "outputs" (Keras's `predict` on them; token inputs include padded rows);
  * "cases": single operations: "id", "operation" (the operation's entry in the "layers" of a
    Functional config: its serialized object, name and inbound node, whose tensors come from the
    inputs "in0", "in1", ... of batch shape (None, *shape[1:])), "inputs" (one per Input, in
    order), "output" (Keras's result of calling the model, one Input per tensor argument and the
    operation) and "symbolic" (the output KerasTensor's shape and dtype).

Tensors are {"dtype", "shape", "values"}: floats written exactly (float16 and bfloat16 values as
the float32 they widen to), integers as integers, bools as bools.
"""

import json
import os
import shutil

os.environ.setdefault("KERAS_BACKEND", "jax")
os.environ["COLUMNS"] = "120"  # rich prints summaries no wider than the terminal

import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import ops  # noqa: E402
from keras.src.ops import core as core_ops  # noqa: E402
from keras.src.ops import numpy as numpy_ops  # noqa: E402

assert keras.__version__ == "3.15.1", keras.__version__

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(ROOT, "Tests", "Fixtures", "keras3", "ops")

L = keras.layers
keras.utils.set_random_seed(1234)
rng = np.random.RandomState(20250611)


def tensor(a, dtype=None):
    a = np.asarray(a)
    dtype = dtype or str(a.dtype)
    if dtype == "bool":
        values = [bool(v) for v in a.reshape(-1)]
    elif dtype.startswith("int") or dtype.startswith("uint"):
        values = [int(v) for v in a.reshape(-1)]
    else:
        values = [float(v) for v in np.asarray(a, np.float32).reshape(-1)]
    return {"dtype": dtype, "shape": list(a.shape), "values": values}


def as_numpy(x, dtype):
    if dtype == "bfloat16":
        return np.asarray(ops.convert_to_numpy(ops.convert_to_tensor(x, dtype="bfloat16")))
    return np.asarray(x, dtype=dtype)


def operation_classes(path):
    import zipfile
    config = json.loads(zipfile.ZipFile(path).read("config.json"))
    return sorted({layer["class_name"] for layer in config["config"]["layers"]
                   if layer["module"].startswith("keras.src.ops")})


# MARK: Models saved with operation nodes

def tokens(rows, length, vocabulary):
    """Token rows with padding (0) at the end of some rows, one fully padded row and one zero
    inside a row."""
    x = rng.randint(1, vocabulary, size=(rows, length)).astype("int32")
    for i in range(rows):
        if i % length:
            x[i, length - i % length:] = 0
    x[1, 1] = 0
    x[rows - 1, :] = 0
    return x


def embedding_lstm():
    i = keras.Input((6,), dtype="int32", name="tokens")
    e = L.Embedding(20, 4, mask_zero=True, name="embedding")(i)
    h = L.LSTM(5, name="lstm")(e)
    o = L.Dense(3, name="out")(h)
    return keras.Model(i, o, name="embedding_lstm"), [tokens(6, 6, 20)]


def embedding_gap():
    i = keras.Input((7,), dtype="int32", name="tokens")
    e = L.Embedding(15, 3, mask_zero=True, name="embedding")(i)
    p = L.GlobalAveragePooling1D(name="pool")(e)
    o = L.Dense(2, activation="tanh", name="out")(p)
    x = tokens(5, 7, 15)
    x[-1, 0] = 3  # global average pooling of a fully padded row divides by zero
    return keras.Model(i, o, name="embedding_gap"), [x]


def masking_lstm():
    i = keras.Input((5, 3), name="frames")
    m = L.Masking(0.0, name="masking")(i)
    h = L.LSTM(4, return_sequences=True, name="lstm")(m)
    o = L.GlobalAveragePooling1D(name="pool")(h)
    x = rng.uniform(-1, 1, (4, 5, 3)).astype("float32")
    x[0, 3:] = 0
    x[1, 0] = 0
    x[2, 2, 1] = 0  # one zero feature does not mask the step
    return keras.Model(i, o, name="masking_lstm"), [x]


def merged_masks():
    a = keras.Input((5,), dtype="int32", name="left")
    b = keras.Input((5,), dtype="int32", name="right")
    ea = L.Embedding(12, 3, mask_zero=True, name="left_embedding")(a)
    eb = L.Embedding(12, 3, mask_zero=True, name="right_embedding")(b)
    summed = L.Add(name="add")([ea, eb])
    joined = L.Concatenate(name="concatenate")([ea, eb])
    h = L.GRU(3, name="gru")(summed)
    p = L.GlobalAveragePooling1D(name="pool")(joined)
    o = L.Concatenate(name="features")([h, p])
    xa = tokens(4, 5, 12)
    xb = tokens(4, 5, 12)[::-1].copy()
    xa[-1, 0] = xb[-1, 0] = 2
    return keras.Model([a, b], o, name="merged_masks"), [xa, xb]


def user_ops():
    i = keras.Input((4,), name="x")
    j = keras.Input((4,), dtype="int32", name="ids")
    x = ops.add(i, 1.0)
    y = x * 2
    z = 3 - y
    w = ops.cast(z > 0, "float32")
    v = ops.squeeze(ops.expand_dims(w, -1), -1)
    d = L.Dense(3, name="dense")(v + x)
    keep = ops.cast(ops.not_equal(j, 0), "float32")
    s = ops.sum(keep * i, axis=-1, keepdims=True)
    o = d / 2.0 + s - ops.mean(ops.square(i), axis=-1, keepdims=True)
    x0 = rng.uniform(-2, 2, (5, 4)).astype("float32")
    ids = rng.randint(0, 3, (5, 4)).astype("int32")
    return keras.Model([i, j], o, name="user_ops"), [x0, ids]


MODELS = [embedding_lstm, embedding_gap, masking_lstm, merged_masks, user_ops]


# MARK: Single operations

FLOATS = np.array([[-1.5, 0.0, 2.25], [3.0, -0.5, 1.0]], np.float32)
POSITIVE = np.array([[0.5, 1.0, 2.25], [3.0, 4.5, 1.25]], np.float32)
INTS = np.array([[-3, 0, 2], [5, -1, 7]], np.int32)
SMALL_UINTS = np.array([[0, 1, 2], [5, 9, 7]], np.uint8)
BOOLS = np.array([[True, False, True], [False, False, True]])
COLUMN = np.array([[2.0], [-1.0]], np.float32)
# Second operands: no zeros (integer division by zero is undefined) and other values than the
# first operands; positive ones for Power.
DIVISORS = {"float32": np.array([[2.0, 0.5, -1.5], [4.0, 2.5, 3.0]], np.float32),
            "int32": np.array([[2, -3, 1], [4, 2, -5]], np.int32),
            "uint8": np.array([[2, 3, 1], [4, 2, 5]], np.uint8),
            "bool": np.array([[True, True, False], [True, False, True]])}
DIVISORS["float16"] = DIVISORS["bfloat16"] = DIVISORS["float32"]

VALUES = {"float32": FLOATS, "float16": FLOATS, "bfloat16": FLOATS, "int32": INTS,
          "uint8": SMALL_UINTS, "bool": BOOLS}


def values_for(dtype, positive=False):
    if positive and dtype in ("float32", "float16", "bfloat16"):
        return POSITIVE
    if positive and dtype == "int32":
        return np.abs(INTS) + 1
    return VALUES[dtype]


cases = []


def add_case(case_id, make_op, arguments):
    """`arguments`: a list whose items are ("tensor", dtype, array, batch_free_shape) or plain
    Python scalars, or lists of tensor items (for Concatenate)."""
    inputs, arrays = [], []

    def symbolic(arg):
        if isinstance(arg, tuple):
            _, dtype, array = arg
            k = keras.Input(array.shape[1:], dtype=dtype, name=f"in{len(inputs)}")
            inputs.append(k)
            arrays.append((array, dtype))
            return k
        if isinstance(arg, list):
            return [symbolic(a) for a in arg]
        return arg

    try:
        args = [symbolic(a) for a in arguments]
        op = make_op()
        out = op(*args)
        model = keras.Model(inputs, out, name="case")
        feed = [as_numpy(a, d) for a, d in arrays]
        result = model(feed if len(feed) > 1 else feed[0])
    except Exception as error:  # Keras refuses this combination: no case
        print(f"skip {case_id}: {type(error).__name__}: {str(error)[:120]}")
        return
    result_dtype = str(result.dtype)
    entries = keras.saving.serialize_keras_object(model)["config"]["layers"]
    operation = [e for e in entries if e["module"].startswith("keras.src.ops")]
    assert len(operation) == 1, case_id
    cases.append({
        "id": case_id,
        "operation": operation[0],
        "inputs": [tensor(a, d) for a, d in arrays],
        "output": tensor(np.asarray(result), result_dtype),
        "symbolic": {"shape": list(out.shape), "dtype": out.dtype},
    })


def t(dtype, array=None, positive=False):
    return ("tensor", dtype, values_for(dtype, positive) if array is None else array)


def t2(dtype, positive=False):
    """A second operand."""
    array = DIVISORS[dtype]
    return ("tensor", dtype, np.abs(array) if positive and dtype != "bool" else array)


BINARY = ["Add", "Subtract", "Multiply", "Divide", "TrueDivide", "Power", "Maximum", "Minimum",
          "Equal", "NotEqual", "Greater", "GreaterEqual", "Less", "LessEqual",
          "LogicalAnd", "LogicalOr", "LogicalXor", "FloorDivide", "Mod"]
for name in BINARY:
    cls = getattr(numpy_ops, name)
    positive = name == "Power"
    scalars = [2, 2.5, True] if name != "Power" else [2, 0.5]
    for dtype in ["float32", "float16", "bfloat16", "int32", "uint8", "bool"]:
        if name in ("FloorDivide", "Mod") and dtype == "bool":
            continue
        add_case(f"{name}-{dtype}-tensors", cls, [t(dtype, positive=positive), t2(dtype, positive)])
        for scalar in scalars if dtype != "bfloat16" else []:
            kind = type(scalar).__name__
            add_case(f"{name}-{dtype}-py{kind}", cls, [t(dtype, positive=positive), scalar])
            if dtype in ("float32", "int32", "bool"):
                add_case(f"{name}-py{kind}-{dtype}", cls, [scalar, t2(dtype, positive)])
    add_case(f"{name}-broadcast", cls, [t("float32", positive=positive), t("float32", COLUMN if not positive else np.abs(COLUMN))])
    add_case(f"{name}-int32-float32", cls, [t("int32", positive=positive), t2("float32", positive)])
    add_case(f"{name}-bool-float16", cls, [t("bool"), t2("float16", positive)])
    add_case(f"{name}-uint8-int32", cls, [t("uint8"), t2("int32", positive)])

for name in ["Negative", "Abs", "Square", "Sqrt", "Exp", "Log", "LogicalNot"]:
    cls = getattr(numpy_ops, name)
    for dtype in ["float32", "float16", "int32", "uint8", "bool"]:
        add_case(f"{name}-{dtype}", cls, [t(dtype, positive=name in ("Sqrt", "Log"))])

CUBE = rng.uniform(-2, 2, (2, 3, 4)).astype(np.float32)
CUBE_BOOLS = rng.uniform(0, 1, (2, 3, 4)) > 0.5
CUBE_INTS = rng.randint(-5, 6, (2, 3, 4)).astype(np.int32)
for name in ["Any", "All", "Sum", "Mean", "Max", "Min"]:
    cls = getattr(numpy_ops, name)
    for axis in [None, -1, 1, [1, 2]]:
        for keepdims in [False, True]:
            for dtype, array in [("float32", CUBE), ("int32", CUBE_INTS), ("bool", CUBE_BOOLS)]:
                axis_id = "none" if axis is None else str(axis).replace(" ", "")
                add_case(f"{name}-{dtype}-axis{axis_id}-keep{keepdims}",
                         lambda cls=cls, axis=axis, keepdims=keepdims: cls(axis=axis, keepdims=keepdims),
                         [t(dtype, array)])

for axis in [0, 1, -1, 2]:
    add_case(f"ExpandDims-{axis}", lambda axis=axis: numpy_ops.ExpandDims(axis=axis), [t("float32", CUBE)])
add_case("ExpandDims-bool", lambda: numpy_ops.ExpandDims(axis=-1), [t("bool")])
SQUEEZABLE = rng.uniform(-1, 1, (2, 1, 3, 1)).astype(np.float32)
for axis in [None, -1, 1, [1, 3]]:
    add_case(f"Squeeze-{str(axis).replace(' ', '')}", lambda axis=axis: numpy_ops.Squeeze(axis=axis), [t("float32", SQUEEZABLE)])
for shape in [(-1, 12), (2, 4, 3), (-1,), (2, -1, 2)]:
    add_case(f"Reshape-{','.join(map(str, shape))}", lambda shape=shape: numpy_ops.Reshape(newshape=shape), [t("float32", CUBE)])
for axes in [None, (0, 2, 1), (2, 0, 1)]:
    add_case(f"Transpose-{axes}".replace(" ", ""), lambda axes=axes: numpy_ops.Transpose(axes=axes), [t("float32", CUBE)])
for axis in [-1, 1, 0]:
    add_case(f"Concatenate-{axis}", lambda axis=axis: numpy_ops.Concatenate(axis=axis),
             [[t("float32", CUBE), t("float32", CUBE[:, :, :2])] if axis == -1 else [t("float32", CUBE), t("float32", CUBE)]])
add_case("Concatenate-bool", lambda: numpy_ops.Concatenate(axis=-1), [[t("bool"), t("bool")]])
add_case("Concatenate-mixed", lambda: numpy_ops.Concatenate(axis=-1), [[t("int32"), t("float32")]])
for name in ["ZerosLike", "OnesLike"]:
    for dtype in [None, "bool", "float32", "int32"]:
        add_case(f"{name}-{dtype}", lambda name=name, dtype=dtype: getattr(numpy_ops, name)(dtype=dtype), [t("float32")])
        add_case(f"{name}-{dtype}-from-int", lambda name=name, dtype=dtype: getattr(numpy_ops, name)(dtype=dtype), [t("int32")])
for source in ["float32", "float16", "int32", "bool", "uint8"]:
    for target in ["float32", "float16", "bfloat16", "int32", "bool", "uint8"]:
        add_case(f"Cast-{source}-{target}", lambda target=target: core_ops.Cast(dtype=target), [t(source)])


def main():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    models = []
    for make in MODELS:
        model, inputs = make()
        path = os.path.join(OUT, f"{model.name}.keras")
        model.save(path)
        outputs = model.predict(inputs if len(inputs) > 1 else inputs[0], verbose=0)
        outputs = outputs if isinstance(outputs, list) else [outputs]
        reloaded = keras.saving.load_model(path)
        again = reloaded.predict(inputs if len(inputs) > 1 else inputs[0], verbose=0)
        assert np.allclose(np.asarray(again), np.asarray(outputs[0]), atol=1e-6, equal_nan=True)
        lines = []
        reloaded.summary(line_length=100, print_fn=lambda text, line_break=True: lines.append(text))
        models.append({"file": f"{model.name}.keras", "operations": operation_classes(path),
                       "summary": "\n".join(lines).rstrip("\n").split("\n"),
                       "inputs": [tensor(x) for x in inputs], "outputs": [tensor(y) for y in outputs]})
        print(model.name, models[-1]["operations"])
    with open(os.path.join(OUT, "ops.json"), "w") as f:
        json.dump({"keras_version": keras.__version__, "backend": keras.backend.backend(),
                   "models": models, "cases": cases}, f, indent=None, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {len(models)} models and {len(cases)} cases to {OUT}")


if __name__ == "__main__":
    main()
