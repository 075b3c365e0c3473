"""Writes Tests/Fixtures/training/losses.json: inputs and Keras 3 loss values for the Swift tests.

Run once (from any directory except Keras's package folder, whose `random` module shadows
Python's):

    KERAS_BACKEND=jax /tmp/kref/bin/python scripts/pyref/losses.py

The fixture holds the inputs (float32 or int32 values with their shapes), then:
  * "cases": a loss class with its constructor arguments, the names of y_true, y_pred and an
    optional sample weight and mask (the mask is set on y_pred as its Keras mask, the way a
    model output carries one), and the value for each reduction;
  * "functions": a `keras.losses` function with keyword arguments and its unreduced value;
  * "configs": `get_config()` and `serialize_keras_object()` of loss objects, as `json.dumps`
    writes them;
  * "names": every string `keras.losses.get` accepts and what it resolves to;
  * "ctc_ops": `keras.ops.ctc_loss` with explicit target and output lengths.
"""

import json
import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import jax.numpy as jnp  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras.src import backend  # noqa: E402
from keras.src.losses import ALL_OBJECTS_DICT  # noqa: E402
from keras.src.losses import LossFunctionWrapper  # noqa: E402

assert keras.__version__ == "3.15.1", keras.__version__

rng = np.random.RandomState(20240917)
inputs = {}


def add(name, values, dtype="float32"):
    inputs[name] = np.asarray(values, dtype=dtype)


def uniform(lo, hi, shape):
    return rng.uniform(lo, hi, shape).round(4)


def rows_summing_to_one(shape, zeros=()):
    x = rng.uniform(0.05, 1.0, shape)
    for index in zeros:
        x[index] = 0.0
    return (x / x.sum(axis=-1, keepdims=True)).round(5)


# Regression.
add("reg_true", uniform(-2, 2, (4, 3)))
add("reg_pred", uniform(-2, 2, (4, 3)))
add("reg_vec", uniform(-2, 2, (4,)))
add("reg_col", uniform(-2, 2, (4, 1)))
add("reg_seq_true", uniform(-2, 2, (2, 3, 4)))
add("reg_seq_pred", uniform(-2, 2, (2, 3, 4)))
add("pos_true", uniform(0.1, 3, (4, 3)))
add("pos_pred", uniform(0.1, 3, (4, 3)))
add("mape_true", [[0.0, 1.5, -2.0], [3.0, 1e-9, 0.5], [-0.25, 2.0, 4.0], [1.0, -1.0, 0.0]])
add("msle_pred", [[-0.5, 1.5, 2.0], [3.0, 0.0, 0.5], [0.25, 2.0, 4.0], [1.0, -1.0, 7.0]])
add("huber_pred", uniform(-5, 5, (4, 3)))
# Probabilities and labels.
add("onehot", np.eye(3)[[0, 2, 1, 2]])
add("soft_true", rows_summing_to_one((4, 3), zeros=[(1, 0)]))
add("probs", uniform(0.02, 1.0, (4, 3)))  # rows not normalized: Keras renormalizes
add("probs_edge", [[1.0, 0.0, 0.0], [0.2, 0.3, 0.5], [0.0, 0.0, 1.0], [0.6, 0.4, 0.0]])
add("logits", uniform(-3, 3, (4, 3)))
add("logits_large", [[30.0, -20.0, 1.0], [-50.0, 50.0, 0.0], [0.5, 0.25, -0.5], [100.0, 99.0, -100.0]])
add("labels", [0, 2, 1, 2], "int32")
add("labels_col", [[0], [2], [1], [2]], "int32")
add("labels_ignore", [0, -1, 1, 2], "int32")
add("labels_out_of_range", [0, 3, 1, -2], "int32")
add("seq_logits", uniform(-3, 3, (2, 3, 4)))
add("seq_probs", uniform(0.02, 1.0, (2, 3, 4)))
add("seq_labels", [[0, 3, 1], [2, 3, 3]], "int32")
add("seq_onehot", np.eye(4)[[[0, 3, 1], [2, 3, 3]]])
# Classes on axis 1 of a square [2, 3, 3]: the only layout Keras's JAX backend accepts for axis=1.
add("seq_cls_first_logits", uniform(-3, 3, (2, 3, 3)))
add("seq_labels3", [[0, 2, 1], [2, 1, 1]], "int32")
add("bin_true", rng.randint(0, 2, (4, 3)))
add("bin_soft_true", uniform(0, 1, (4, 3)))
add("bin_prob", uniform(0.02, 0.98, (4, 3)))
add("bin_prob_edge", [[0.0, 1.0, 0.5], [1e-9, 0.9999999, 0.3], [0.7, 0.2, 1.0], [0.0, 0.0, 0.0]])
add("bin_logits", uniform(-4, 4, (4, 3)))
add("bin_logits_large", [[40.0, -40.0, 0.0], [15.0, -15.0, 3.0], [-100.0, 100.0, 0.5], [20.0, 0.1, -0.1]])
add("bin_vec", [1, 0, 1, 1])
add("bin_prob_col", uniform(0.02, 0.98, (4, 1)))
add("bin_seq_true", rng.randint(0, 2, (2, 3, 4)))
add("bin_seq_logits", uniform(-4, 4, (2, 3, 4)))
add("pm_true", 2 * rng.randint(0, 2, (4, 3)) - 1)
add("hinge_true_other", [[-1, 1, 0.5], [1, 1, -1], [2, -1, 1], [0, 1, -1]])
add("dist_true", rows_summing_to_one((4, 3), zeros=[(0, 1), (2, 2)]))
add("dist_pred", rows_summing_to_one((4, 3), zeros=[(3, 0)]))
# Segmentation.
add("seg_true", rng.randint(0, 2, (2, 4, 4)))
add("seg_pred", uniform(0, 1, (2, 4, 4)))
# Similarity (Circle): unit-norm embeddings with integer labels.
emb = rng.normal(size=(6, 4))
add("circle_embeddings", (emb / np.linalg.norm(emb, axis=1, keepdims=True)).round(5))
add("circle_labels", [0, 1, 0, 2, 1, 0], "int32")
# Sequence (CTC): labels padded with 0, the blank; logits over 5 classes.
add("ctc_labels", [[1, 2, 2, 0], [3, 1, 0, 0], [0, 0, 0, 0]], "int32")
add("ctc_logits", uniform(-2, 2, (3, 6, 5)))
add("ctc_labels_tight", [[1, 1, 1, 1], [4, 3, 2, 1]], "int32")
add("ctc_logits_short", uniform(-2, 2, (2, 5, 5)))
# Sample weights and masks.
add("sw_batch", [1.0, 0.5, 2.0, 0.0])
add("sw_col", [[0.25], [1.0], [3.0], [0.5]])
add("sw_elem", [[1.0, 0.0, 2.0], [0.5, 0.5, 0.5], [0.0, 0.0, 0.0], [1.5, 1.0, 0.25]])
add("sw_seq", [[1.0, 2.0, 0.0], [0.5, 1.0, 1.0]])
add("sw_scalar", 0.5)
add("sw_pair", [2.0, 0.5])
add("sw_three", [1.0, 0.0, 3.0])
add("mask_pair", [True, False], "bool")
add("mask_three", [1.0, 1.0, 0.0])
add("mask_batch", [True, False, True, True], "bool")
add("mask_float", [1.0, 0.0, 0.0, 1.0])
add("mask_none_valid", [False, False, False, False], "bool")
add("mask_seq", [[True, True, False], [False, True, True]], "bool")

REDUCTIONS = ["none", "sum", "sum_over_batch_size", "mean", "mean_with_sample_weight"]


def tensor(name):
    if name is None:
        return None
    return jnp.asarray(inputs[name])


def encode(x):
    x = np.asarray(x, dtype="float64")
    return {"shape": list(x.shape), "values": [float(v) for v in x.ravel()]}


cases = []


def case(cls, kwargs, y_true, y_pred, sample_weight=None, mask=None, reductions=REDUCTIONS):
    expected = {}
    for reduction in reductions:
        loss = getattr(keras.losses, cls)(**kwargs, reduction=reduction)
        pred = tensor(y_pred)
        if mask is not None:
            pred = jnp.array(pred)  # a fresh array, so the mask attaches to this call only
            backend.set_keras_mask(pred, tensor(mask))
        expected[reduction] = encode(loss(tensor(y_true), pred, sample_weight=tensor(sample_weight)))
    cases.append({"class_name": cls, "config": kwargs, "y_true": y_true, "y_pred": y_pred,
                  "sample_weight": sample_weight, "mask": mask, "expected": expected})


def standard(cls, kwargs, y_true, y_pred, weights=("sw_batch", "sw_col"), masks=("mask_batch", "mask_float")):
    case(cls, kwargs, y_true, y_pred)
    for w in weights:
        case(cls, kwargs, y_true, y_pred, sample_weight=w)
    for m in masks:
        case(cls, kwargs, y_true, y_pred, mask=m)
    if weights and masks:
        case(cls, kwargs, y_true, y_pred, sample_weight=weights[0], mask=masks[0])


# Regression.
standard("MeanSquaredError", {}, "reg_true", "reg_pred")
case("MeanSquaredError", {}, "reg_vec", "reg_col")
case("MeanSquaredError", {}, "reg_col", "reg_vec")
case("MeanSquaredError", {}, "reg_true", "reg_pred", sample_weight="sw_scalar")
case("MeanSquaredError", {}, "reg_seq_true", "reg_seq_pred", sample_weight="sw_seq", mask="mask_seq")
case("MeanSquaredError", {}, "reg_true", "reg_pred", mask="mask_none_valid")
standard("MeanAbsoluteError", {}, "reg_true", "reg_pred")
case("MeanAbsoluteError", {}, "reg_vec", "reg_col", sample_weight="sw_batch")
standard("MeanAbsolutePercentageError", {}, "mape_true", "reg_pred")
standard("MeanSquaredLogarithmicError", {}, "pos_true", "msle_pred")
standard("Huber", {}, "reg_true", "huber_pred")
case("Huber", {"delta": 0.5}, "reg_true", "huber_pred", sample_weight="sw_batch")
case("Huber", {"delta": 2.5}, "reg_true", "huber_pred")
standard("LogCosh", {}, "reg_true", "huber_pred")
standard("CosineSimilarity", {}, "reg_true", "reg_pred")
case("CosineSimilarity", {"axis": 0}, "reg_true", "reg_pred")
case("CosineSimilarity", {"axis": 1}, "reg_seq_true", "reg_seq_pred")
# Probabilistic.
standard("BinaryCrossentropy", {}, "bin_true", "bin_prob")
case("BinaryCrossentropy", {}, "bin_true", "bin_prob_edge")
case("BinaryCrossentropy", {}, "bin_soft_true", "bin_prob")
case("BinaryCrossentropy", {"from_logits": True}, "bin_true", "bin_logits", sample_weight="sw_batch")
case("BinaryCrossentropy", {"from_logits": True}, "bin_true", "bin_logits_large")
case("BinaryCrossentropy", {"label_smoothing": 0.2}, "bin_true", "bin_prob")
case("BinaryCrossentropy", {"from_logits": True, "label_smoothing": 0.1}, "bin_true", "bin_logits", mask="mask_batch")
case("BinaryCrossentropy", {}, "bin_vec", "bin_prob_col", sample_weight="sw_batch")
case("BinaryCrossentropy", {"from_logits": True, "axis": 1}, "bin_seq_true", "bin_seq_logits")
case("BinaryCrossentropy", {"from_logits": True, "axis": 0}, "bin_seq_true", "bin_seq_logits")
standard("BinaryFocalCrossentropy", {}, "bin_true", "bin_prob")
case("BinaryFocalCrossentropy", {"apply_class_balancing": True, "alpha": 0.3, "gamma": 1.5}, "bin_true", "bin_prob")
case("BinaryFocalCrossentropy", {"from_logits": True, "label_smoothing": 0.1}, "bin_true", "bin_logits", sample_weight="sw_col")
case("BinaryFocalCrossentropy", {"from_logits": True, "gamma": 0.0}, "bin_true", "bin_logits_large")
case("BinaryFocalCrossentropy", {"from_logits": True, "apply_class_balancing": True, "axis": 1}, "bin_seq_true", "bin_seq_logits")
standard("CategoricalCrossentropy", {}, "onehot", "probs")
case("CategoricalCrossentropy", {}, "soft_true", "probs_edge")
case("CategoricalCrossentropy", {"from_logits": True}, "onehot", "logits", sample_weight="sw_batch")
case("CategoricalCrossentropy", {"from_logits": True}, "soft_true", "logits_large")
case("CategoricalCrossentropy", {"label_smoothing": 0.1}, "onehot", "probs")
case("CategoricalCrossentropy", {"from_logits": True, "label_smoothing": 0.3}, "onehot", "logits", mask="mask_batch")
case("CategoricalCrossentropy", {"from_logits": True}, "seq_onehot", "seq_logits", sample_weight="sw_seq", mask="mask_seq")
case("CategoricalCrossentropy", {"from_logits": True, "axis": 1}, "seq_onehot", "seq_logits")
standard("CategoricalFocalCrossentropy", {}, "onehot", "probs")
case("CategoricalFocalCrossentropy", {"alpha": 0.5, "gamma": 3.0, "label_smoothing": 0.2}, "soft_true", "probs_edge")
case("CategoricalFocalCrossentropy", {"from_logits": True}, "onehot", "logits_large", sample_weight="sw_col")
case("CategoricalFocalCrossentropy", {"from_logits": True, "axis": 1}, "seq_onehot", "seq_logits")
standard("SparseCategoricalCrossentropy", {}, "labels", "probs")
case("SparseCategoricalCrossentropy", {}, "labels_col", "probs", sample_weight="sw_col")
case("SparseCategoricalCrossentropy", {}, "labels", "probs_edge")
case("SparseCategoricalCrossentropy", {}, "labels_out_of_range", "probs")
case("SparseCategoricalCrossentropy", {"from_logits": True}, "labels", "logits", sample_weight="sw_batch")
case("SparseCategoricalCrossentropy", {"from_logits": True}, "labels", "logits_large")
case("SparseCategoricalCrossentropy", {"from_logits": True, "ignore_class": -1}, "labels_ignore", "logits")
case("SparseCategoricalCrossentropy", {"ignore_class": -1}, "labels_ignore", "probs", sample_weight="sw_batch")
case("SparseCategoricalCrossentropy", {"ignore_class": -1}, "labels_ignore", "probs", mask="mask_batch")
case("SparseCategoricalCrossentropy", {"from_logits": True, "ignore_class": 3}, "seq_labels", "seq_logits", sample_weight="sw_seq")
case("SparseCategoricalCrossentropy", {"from_logits": True, "ignore_class": 3}, "seq_labels", "seq_logits", mask="mask_seq")
case("SparseCategoricalCrossentropy", {}, "seq_labels", "seq_probs", mask="mask_seq")
standard("KLDivergence", {}, "dist_true", "dist_pred")
standard("Poisson", {}, "pos_true", "pos_pred")
# Hinge.
standard("Hinge", {}, "pm_true", "reg_pred")
case("Hinge", {}, "bin_true", "reg_pred")
case("Hinge", {}, "hinge_true_other", "reg_pred")
standard("SquaredHinge", {}, "pm_true", "reg_pred")
case("SquaredHinge", {}, "bin_true", "reg_pred", sample_weight="sw_batch")
standard("CategoricalHinge", {}, "onehot", "reg_pred")
# Segmentation.
case("Dice", {}, "seg_true", "seg_pred")
case("Dice", {"axis": [1, 2]}, "seg_true", "seg_pred")
case("Dice", {"axis": [1, 2]}, "seg_true", "seg_pred", sample_weight="sw_pair", mask="mask_pair")
case("Dice", {"axis": 2}, "seg_true", "seg_pred")
case("Tversky", {}, "seg_true", "seg_pred")
case("Tversky", {"alpha": 0.7, "beta": 0.3, "axis": [1, 2]}, "seg_true", "seg_pred")
case("Tversky", {"alpha": 0.2, "beta": 0.8, "axis": [2]}, "seg_true", "seg_pred")
# Similarity.
case("Circle", {}, "circle_labels", "circle_embeddings")
case("Circle", {"gamma": 10.0, "margin": 0.25, "remove_diagonal": False}, "circle_labels", "circle_embeddings")
# Sequence.
case("CTC", {}, "ctc_labels", "ctc_logits")
case("CTC", {}, "ctc_labels", "ctc_logits", sample_weight="sw_three", mask="mask_three")
case("CTC", {}, "ctc_labels_tight", "ctc_logits_short")

# Function forms, unreduced, on their own (no squeezing by a wrapper, no mask).
functions = []


def function(fn, kwargs, y_true, y_pred):
    value = getattr(keras.losses, fn)(tensor(y_true), tensor(y_pred), **kwargs)
    functions.append({"function": fn, "kwargs": kwargs, "y_true": y_true, "y_pred": y_pred,
                      "expected": encode(value)})


for fn, t, p in [
    ("mean_squared_error", "reg_true", "reg_pred"), ("mean_squared_error", "reg_vec", "reg_col"),
    ("mean_absolute_error", "reg_true", "reg_pred"),
    ("mean_absolute_percentage_error", "mape_true", "reg_pred"),
    ("mean_squared_logarithmic_error", "pos_true", "msle_pred"),
    ("huber", "reg_true", "huber_pred"), ("log_cosh", "reg_true", "huber_pred"),
    ("cosine_similarity", "reg_true", "reg_pred"),
    ("kl_divergence", "dist_true", "dist_pred"), ("poisson", "pos_true", "pos_pred"),
    ("binary_crossentropy", "bin_true", "bin_prob"),
    ("binary_focal_crossentropy", "bin_true", "bin_prob"),
    ("categorical_crossentropy", "onehot", "probs"),
    ("categorical_focal_crossentropy", "onehot", "probs"),
    ("sparse_categorical_crossentropy", "labels", "probs"),
    ("sparse_categorical_crossentropy", "labels_col", "probs"),
    ("hinge", "pm_true", "reg_pred"), ("hinge", "bin_true", "reg_pred"),
    ("squared_hinge", "pm_true", "reg_pred"), ("categorical_hinge", "onehot", "reg_pred"),
    ("dice", "seg_true", "seg_pred"), ("tversky", "seg_true", "seg_pred"),
    ("circle", "circle_labels", "circle_embeddings"),
    ("ctc", "ctc_labels", "ctc_logits"),
]:
    function(fn, {}, t, p)
function("huber", {"delta": 0.3}, "reg_true", "huber_pred")
function("cosine_similarity", {"axis": 1}, "reg_seq_true", "reg_seq_pred")
function("binary_crossentropy", {"from_logits": True, "label_smoothing": 0.2, "axis": 0}, "bin_seq_true", "bin_seq_logits")
function("binary_focal_crossentropy", {"apply_class_balancing": True, "alpha": 0.4, "gamma": 2.5, "from_logits": True, "label_smoothing": 0.05}, "bin_true", "bin_logits")
function("categorical_crossentropy", {"from_logits": True, "label_smoothing": 0.15}, "onehot", "logits")
function("categorical_crossentropy", {"from_logits": True, "axis": 1}, "seq_onehot", "seq_logits")
function("categorical_focal_crossentropy", {"alpha": 0.6, "gamma": 1.0, "from_logits": True, "label_smoothing": 0.1}, "onehot", "logits")
function("sparse_categorical_crossentropy", {"from_logits": True, "ignore_class": -1}, "labels_ignore", "logits")
function("sparse_categorical_crossentropy", {"from_logits": True, "axis": 1}, "seq_labels3", "seq_cls_first_logits")
function("dice", {"axis": [1, 2]}, "seg_true", "seg_pred")
function("tversky", {"alpha": 0.3, "beta": 0.7, "axis": [1, 2]}, "seg_true", "seg_pred")
function("circle", {"gamma": 20, "margin": 0.3, "remove_diagonal": False}, "circle_labels", "circle_embeddings")

# `keras.ops.ctc_loss` with explicit lengths and another blank index.
ctc_ops = []
for target_length, output_length, mask_index in [
    ([3, 2, 0], [6, 6, 6], 0), ([2, 1, 0], [4, 6, 3], 0), ([3, 2, 0], [6, 5, 2], 4),
]:
    labels = inputs["ctc_labels"] if mask_index == 0 else np.array([[1, 2, 2, 4], [3, 1, 4, 4], [4, 4, 4, 4]])
    value = keras.ops.ctc_loss(jnp.asarray(labels, dtype="int32"), tensor("ctc_logits"),
                               jnp.asarray(target_length, dtype="int32"), jnp.asarray(output_length, dtype="int32"),
                               mask_index=mask_index)
    ctc_ops.append({"target": [int(v) for v in np.ravel(labels)], "target_shape": list(np.shape(labels)),
                    "target_length": target_length, "output_length": output_length, "mask_index": mask_index,
                    "expected": encode(value)})

# Configs of loss objects.
configs = []
for cls, kwargs in [
    ("MeanSquaredError", {}), ("MeanAbsoluteError", {"reduction": "sum"}), ("MeanAbsolutePercentageError", {}),
    ("MeanSquaredLogarithmicError", {}), ("CosineSimilarity", {"axis": 1}), ("Huber", {"delta": 2.0}),
    ("LogCosh", {"name": "lc"}), ("Hinge", {}), ("SquaredHinge", {}), ("CategoricalHinge", {}),
    ("KLDivergence", {}), ("Poisson", {"reduction": "none"}),
    ("BinaryCrossentropy", {}), ("BinaryCrossentropy", {"from_logits": True, "label_smoothing": 0.1, "axis": 1}),
    ("BinaryFocalCrossentropy", {}), ("BinaryFocalCrossentropy", {"apply_class_balancing": True, "alpha": 0.5, "gamma": 1.0}),
    ("CategoricalCrossentropy", {}), ("CategoricalCrossentropy", {"from_logits": True, "reduction": "mean_with_sample_weight"}),
    ("CategoricalFocalCrossentropy", {}), ("SparseCategoricalCrossentropy", {}),
    ("SparseCategoricalCrossentropy", {"from_logits": True, "ignore_class": -1, "name": "scce"}),
    ("CTC", {}), ("Dice", {}), ("Dice", {"axis": [1, 2]}), ("Tversky", {}), ("Tversky", {"alpha": 0.3, "beta": 0.7, "axis": [1]}),
    ("Circle", {}), ("Circle", {"gamma": 10.0, "margin": 0.2, "remove_diagonal": False}),
]:
    loss = getattr(keras.losses, cls)(**kwargs)
    configs.append({"class_name": cls, "kwargs": kwargs, "name": loss.name,
                    "config": json.dumps(loss.get_config()),
                    "serialized": json.dumps(keras.saving.serialize_keras_object(loss))})
for identifier in ["mse", "binary_crossentropy", "sparse_categorical_crossentropy", "huber"]:
    fn = keras.losses.get(identifier)
    wrapper = LossFunctionWrapper(fn, name=identifier)
    configs.append({"class_name": "LossFunctionWrapper", "kwargs": {"identifier": identifier}, "name": wrapper.name,
                    "config": json.dumps(wrapper.get_config()),
                    "serialized": json.dumps(keras.saving.serialize_keras_object(wrapper))})

# Every string `keras.losses.get` accepts (the base classes aside).
names = {}
for key, obj in sorted(ALL_OBJECTS_DICT.items()):
    if key in ("Loss", "LossFunctionWrapper"):
        continue
    kind = "class" if isinstance(obj, type) else "function"
    names[key] = {"kind": kind, "target": obj.__name__,
                  "name": keras.losses.get(key).name if kind == "class" else key}

fixture = {
    "generator": "scripts/pyref/losses.py",
    "keras_version": keras.__version__,
    "backend": keras.backend.backend(),
    "epsilon": backend.epsilon(),
    "inputs": {k: {"shape": list(v.shape), "dtype": str(v.dtype), "values": v.ravel().tolist()} for k, v in inputs.items()},
    "cases": cases,
    "functions": functions,
    "ctc_ops": ctc_ops,
    "configs": configs,
    "names": names,
}

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
path = os.path.join(root, "Tests", "Fixtures", "training", "losses.json")
os.makedirs(os.path.dirname(path), exist_ok=True)
with open(path, "w") as f:
    json.dump(fixture, f, indent=1)
    f.write("\n")
print(f"wrote {path}: {len(cases)} cases, {len(functions)} functions, {len(configs)} configs, {len(names)} names")
