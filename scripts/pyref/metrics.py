"""Reference values for swift-keras's metrics, from Python Keras 3 (JAX backend).

Writes Tests/Fixtures/training/metrics.json: the deterministic inputs (generated once here)
and, for every case, the metric's result after each of two updates, after a reset and one
more update, its state variables (path, shape, dtype) and its get_config().

Run from outside the keras package directory (a module named `random` clashes otherwise):

    cd /tmp && KERAS_BACKEND=jax /tmp/kref/bin/python /work/main/scripts/pyref/metrics.py \
        /work/main/Tests/Fixtures/training/metrics.json
"""

import json
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "jax")

import numpy as np  # noqa: E402

import keras  # noqa: E402
from keras import metrics as M  # noqa: E402
from keras.src import backend  # noqa: E402
from keras.src.metrics import ALL_OBJECTS_DICT  # noqa: E402

rng = np.random.RandomState(20240615)
f32 = np.float32


def grid(values, shape):
    """Picks from `values` (exactly representable numbers), so weighted sums are exact."""
    return rng.choice(np.array(values, dtype=f32), size=shape).astype(f32)


def probs(shape, decimals=3):
    return np.round(rng.uniform(0, 1, size=shape), decimals).astype(f32)


def softmax_rows(logits):
    e = np.exp(logits - logits.max(-1, keepdims=True))
    return (e / e.sum(-1, keepdims=True)).astype(f32)


inputs = {}


def add(name, array):
    inputs[name] = np.asarray(array)
    return name


# Binary data: [8, 1] labels and probabilities, with values on thresholds (0, 0.5, 1, k/199).
add("bin_true_a", np.array([[0], [1], [1], [0], [1], [0], [1], [0]], dtype=f32))
add("bin_prob_a", np.array([[0.1], [0.8], [0.5], [0.0], [1.0], [0.7], [0.35], [f32(100 / 199)]], dtype=f32))
add("bin_true_b", np.array([[1], [1], [0], [0], [1], [0], [0], [1]], dtype=f32))
add("bin_prob_b", np.array([[0.9], [0.45], [0.3], [f32(1 / 199)], [0.62], [0.95], [0.05], [0.2]], dtype=f32))
add("bin_logit_a", np.round(rng.normal(0, 2, size=(8, 1)), 3).astype(f32))
add("bin_logit_b", np.round(rng.normal(0, 2, size=(8, 1)), 3).astype(f32))
add("sw8_a", grid([0.0, 0.5, 1.0, 1.5, 2.0], (8,)))
add("sw8_b", grid([0.25, 0.5, 1.0, 2.0, 3.0], (8,)))
# Flat binary data: [8].
add("flat_true_a", inputs["bin_true_a"].reshape(8))
add("flat_prob_a", inputs["bin_prob_a"].reshape(8))
add("flat_true_b", inputs["bin_true_b"].reshape(8))
add("flat_prob_b", inputs["bin_prob_b"].reshape(8))
# Multi-label data: [6, 4].
add("ml_true_a", grid([0.0, 1.0], (6, 4)))
add("ml_prob_a", probs((6, 4)))
add("ml_true_b", grid([0.0, 1.0], (6, 4)))
add("ml_prob_b", probs((6, 4)))
add("sw6_a", grid([0.5, 1.0, 1.5, 2.0], (6,)))
add("sw6_b", grid([0.0, 1.0, 2.0, 3.0], (6,)))
add("sw64_a", grid([0.0, 0.5, 1.0, 2.0], (6, 4)))
# Categorical data: 5 classes.
sparse_a = rng.randint(0, 5, size=(6,)).astype(np.int32)
sparse_b = rng.randint(0, 5, size=(6,)).astype(np.int32)
add("sparse_a", sparse_a)
add("sparse_b", sparse_b)
add("sparse_col_a", sparse_a.reshape(6, 1))
add("sparse_col_b", sparse_b.reshape(6, 1))
add("onehot_a", np.eye(5, dtype=f32)[sparse_a])
add("onehot_b", np.eye(5, dtype=f32)[sparse_b])
logits_a = np.round(rng.normal(0, 1.5, size=(6, 5)), 3).astype(f32)
logits_b = np.round(rng.normal(0, 1.5, size=(6, 5)), 3).astype(f32)
add("logits_a", logits_a)
add("logits_b", logits_b)
add("cat_prob_a", softmax_rows(logits_a))
add("cat_prob_b", softmax_rows(logits_b))
add("soft_true_a", softmax_rows(np.round(rng.normal(0, 1, size=(6, 5)), 3).astype(f32)))
add("soft_true_b", softmax_rows(np.round(rng.normal(0, 1, size=(6, 5)), 3).astype(f32)))
add("sorted_ids_a", np.argsort(-logits_a, axis=-1).astype(f32))
add("sorted_ids_b", np.argsort(-logits_b, axis=-1).astype(f32))
# Sequence data for a mask: [2, 3, 5] logits and [2, 3] labels.
add("seq_true", np.array([[1, 0, 4], [2, 2, 3]], dtype=np.int32))
add("seq_prob", softmax_rows(np.round(rng.normal(0, 1, size=(2, 3, 5)), 3).astype(f32)))
add("seq_target", np.round(rng.uniform(0, 1, size=(2, 3, 5)), 3).astype(f32))
add("seq_mask", np.array([[True, True, False], [True, False, False]]))
add("seq_sw", np.array([[1.0, 2.0, 1.0], [0.5, 1.0, 1.0]], dtype=f32))
# Accuracy: predictions that sometimes equal the labels.
add("acc_true_a", np.array([1, 2, 3, 4, 0, 2, 1, 1], dtype=np.int32))
add("acc_pred_a", np.array([1, 2, 0, 4, 0, 1, 1, 3], dtype=f32))
add("acc_true_b", np.array([[0], [1], [2], [3], [4], [5], [6], [7]], dtype=f32))
add("acc_pred_b", np.array([[0], [1], [0], [3], [1], [5], [6], [0]], dtype=f32))
# Regression data: [6, 3]; positive variants for logarithmic metrics.
add("reg_true_a", np.round(rng.normal(0, 2, size=(6, 3)), 3).astype(f32))
add("reg_pred_a", np.round(rng.normal(0, 2, size=(6, 3)), 3).astype(f32))
add("reg_true_b", np.round(rng.normal(1, 2, size=(6, 3)), 3).astype(f32))
add("reg_pred_b", np.round(rng.normal(1, 2, size=(6, 3)), 3).astype(f32))
add("pos_true_a", np.round(rng.uniform(0.0, 3, size=(6, 3)), 3).astype(f32))
add("pos_pred_a", np.round(rng.uniform(0.01, 3, size=(6, 3)), 3).astype(f32))
add("pos_true_b", np.round(rng.uniform(0.0, 3, size=(6, 3)), 3).astype(f32))
add("pos_pred_b", np.round(rng.uniform(0.01, 3, size=(6, 3)), 3).astype(f32))
add("sw63_a", grid([0.0, 0.5, 1.0, 2.0], (6, 3)))
add("scalar_w", np.array(2.5, dtype=f32))
# Hinge labels in {-1, 1}.
add("pm_true_a", grid([-1.0, 1.0], (6, 3)))
add("pm_true_b", grid([-1.0, 1.0], (6, 3)))
add("bin63_true_a", grid([0.0, 1.0], (6, 3)))
add("bin63_true_b", grid([0.0, 1.0], (6, 3)))
# Segmentation labels for IoU: 3 classes, with out-of-range entries (3, -1).
add("seg_true_a", np.array([0, 1, 2, 2, 1, 0, 3, 1, 2, 0, -1, 1], dtype=np.int32))
add("seg_pred_a", np.array([0, 2, 2, 1, 1, 0, 1, 1, 0, 0, 2, 3], dtype=np.int32))
add("seg_true_b", np.array([[2, 2, 1], [0, 0, 1], [1, 2, 0], [2, 1, 1]], dtype=np.int32))
add("seg_pred_b", np.array([[2, 1, 1], [0, 2, 1], [1, 2, 2], [0, 1, 1]], dtype=np.int32))
add("seg_sw_a", grid([0.0, 1.0, 2.0, 1.5], (12,)))
add("seg_prob_a", softmax_rows(np.round(rng.normal(0, 1, size=(12, 3)), 3).astype(f32)))
add("seg_prob_b", softmax_rows(np.round(rng.normal(0, 1, size=(12, 3)), 3).astype(f32)))
add("seg_onehot_a", np.eye(3, dtype=f32)[[0, 1, 2, 2, 1, 0, 0, 1, 2, 0, 2, 1]])
add("seg_onehot_b", np.eye(3, dtype=f32)[[2, 2, 1, 0, 0, 1, 1, 2, 0, 2, 1, 1]])
add("biniou_true_b", np.array([1, 0, 1, 1, 0, 0, 1, 0], dtype=f32))
add("biniou_prob_b", np.array([0.7, 0.3, 0.5, 0.2, 0.6, 0.1, 0.9, 0.49], dtype=f32))
# Mean / Sum values.
add("vals_a", np.round(rng.normal(0, 3, size=(6, 3)), 3).astype(f32))
add("vals_b", np.round(rng.normal(1, 3, size=(6, 3)), 3).astype(f32))
add("vec_a", np.round(rng.normal(0, 3, size=(5,)), 3).astype(f32))

cases = []


def case(case_id, make, updates, *, kind="pair", masks=None):
    """`updates`: [(y_true, y_pred, sample_weight or None)], or [(values, sw)] for kind='values'."""
    keras.backend.clear_session()
    metric = make()
    results = []

    def run_update(u, mask_name=None):
        if kind == "values":
            values, sw = u
            metric.update_state(inputs[values], sample_weight=None if sw is None else inputs[sw])
        else:
            yt, yp, sw = u
            y_pred = keras.ops.convert_to_tensor(inputs[yp])
            if mask_name is not None:
                backend.set_keras_mask(y_pred, keras.ops.convert_to_tensor(inputs[mask_name]))
            metric.update_state(inputs[yt], y_pred, sample_weight=None if sw is None else inputs[sw])

    masks = masks or [None] * len(updates)
    for u, m in zip(updates, masks):
        run_update(u, m)
        results.append(np.asarray(metric.result()))
    variables = [
        {"path": v.path, "shape": list(v.shape), "dtype": str(v.dtype)} for v in metric.variables
    ]
    metric.reset_state()
    zeroed = all(not np.any(np.asarray(v.value)) for v in metric.variables)
    assert zeroed, case_id
    run_update(updates[-1], masks[-1])
    after_reset = np.asarray(metric.result())

    def encode(r):
        return {"shape": list(r.shape), "data": [float(x) for x in r.astype(np.float64).reshape(-1)]}

    def jsonable(o):
        if hasattr(o, "tolist"):
            return np.asarray(o).astype(np.float64).tolist()
        raise TypeError(type(o))

    config = json.loads(json.dumps(metric.get_config(), default=jsonable))
    cases.append({
        "id": case_id,
        "class_name": type(metric).__name__,
        "kind": kind,
        "updates": [list(u) for u in updates],
        "masks": masks,
        "results": [encode(r) for r in results],
        "after_reset": encode(after_reset),
        "variables": variables,
        "config": config,
    })


A, B = "_a", "_b"


def two(yt, yp, swa=None, swb=None):
    return [(yt + A, yp + A, swa), (yt + B, yp + B, swb)]


# Reduction metrics.
case("mean", lambda: M.Mean(), [("vals_a", "sw6_a"), ("vals_b", None)], kind="values")
case("mean_elementwise_weights", lambda: M.Mean(), [("vals_a", "sw63_a"), ("vals_b", "scalar_w")], kind="values")
case("mean_vector", lambda: M.Mean(name="vector_mean"), [("vec_a", None), ("vals_b", "sw6_b")], kind="values")
case("sum", lambda: M.Sum(), [("vals_a", "sw6_a"), ("vals_b", None)], kind="values")
case("sum_elementwise_weights", lambda: M.Sum(), [("vals_a", "sw63_a"), ("vec_a", None)], kind="values")

# Accuracy metrics.
case("accuracy", lambda: M.Accuracy(), two("acc_true", "acc_pred", "sw8_a"))
case("binary_accuracy", lambda: M.BinaryAccuracy(), two("bin_true", "bin_prob", "sw8_a", "sw8_b"))
case("binary_accuracy_threshold", lambda: M.BinaryAccuracy(threshold=0.7), two("flat_true", "flat_prob", None, "sw8_b"))
case("categorical_accuracy", lambda: M.CategoricalAccuracy(), two("onehot", "cat_prob", "sw6_a"))
case("sparse_categorical_accuracy", lambda: M.SparseCategoricalAccuracy(),
     [("sparse_a", "cat_prob_a", "sw6_a"), ("sparse_col_b", "cat_prob_b", None)])
case("top_k_categorical_accuracy", lambda: M.TopKCategoricalAccuracy(k=2), two("onehot", "cat_prob", "sw6_a"))
case("sparse_top_k_categorical_accuracy", lambda: M.SparseTopKCategoricalAccuracy(k=2),
     [("sparse_a", "cat_prob_a", None), ("sparse_col_b", "cat_prob_b", "sw6_b")])
case("sparse_top_k_from_sorted_ids", lambda: M.SparseTopKCategoricalAccuracy(k=3, from_sorted_ids=True),
     [("sparse_a", "sorted_ids_a", None), ("sparse_b", "sorted_ids_b", "sw6_b")])

# Confusion counts, precision and recall.
case("true_positives", lambda: M.TruePositives(), two("bin_true", "bin_prob", "sw8_a"))
case("false_positives", lambda: M.FalsePositives(thresholds=[0.15, 0.5, 0.8]), two("bin_true", "bin_prob", None, "sw8_b"))
case("true_negatives", lambda: M.TrueNegatives(thresholds=[0.0, 0.25, 0.5, 0.75, 1.0]), two("bin_true", "bin_prob", "sw8_a"))
case("false_negatives", lambda: M.FalseNegatives(), two("ml_true", "ml_prob", "sw6_a", "sw6_b"))
case("precision", lambda: M.Precision(), two("bin_true", "bin_prob", "sw8_a", "sw8_b"))
case("precision_thresholds", lambda: M.Precision(thresholds=[0.3, 0.6]), two("ml_true", "ml_prob", "sw64_a"))
case("precision_even_thresholds", lambda: M.Precision(thresholds=[0.0, 0.5, 1.0]), two("bin_true", "bin_prob", "sw8_a"))
case("precision_top_k", lambda: M.Precision(top_k=2), two("ml_true", "ml_prob", "sw6_a"))
case("precision_class_id", lambda: M.Precision(class_id=1), two("ml_true", "ml_prob", None, "sw6_b"))
case("precision_top_k_class_id", lambda: M.Precision(top_k=2, class_id=3), two("ml_true", "ml_prob"))
case("recall", lambda: M.Recall(), two("bin_true", "bin_prob", "sw8_a", "sw8_b"))
case("recall_thresholds", lambda: M.Recall(thresholds=[0.2, 0.4, 0.9]), two("ml_true", "ml_prob", "sw6_a"))
case("recall_top_k", lambda: M.Recall(top_k=1), two("ml_true", "ml_prob", None, "sw6_b"))
case("recall_class_id", lambda: M.Recall(class_id=2, thresholds=[0.5, 0.7]), two("ml_true", "ml_prob"))

# AUC.
case("auc", lambda: M.AUC(), two("bin_true", "bin_prob", "sw8_a", "sw8_b"))
case("auc_pr", lambda: M.AUC(curve="PR"), two("bin_true", "bin_prob", "sw8_a", "sw8_b"))
case("auc_roc_minoring", lambda: M.AUC(summation_method="minoring"), two("ml_true", "ml_prob", "sw6_a"))
case("auc_roc_majoring", lambda: M.AUC(summation_method="majoring", num_thresholds=7), two("ml_true", "ml_prob"))
case("auc_pr_majoring", lambda: M.AUC(curve="PR", summation_method="majoring"), two("ml_true", "ml_prob", None, "sw6_b"))
case("auc_prgain", lambda: M.AUC(curve="PRGAIN"), two("bin_true", "bin_prob", "sw8_a"))
case("auc_uneven_thresholds", lambda: M.AUC(thresholds=[0.9, 0.2, 0.45]), two("bin_true", "bin_prob", "sw8_a", "sw8_b"))
case("auc_even_thresholds", lambda: M.AUC(thresholds=[0.25, 0.5, 0.75]), two("flat_true", "flat_prob", "sw8_a"))
case("auc_multi_label", lambda: M.AUC(multi_label=True), two("ml_true", "ml_prob", "sw6_a"))
case("auc_multi_label_pr_weights", lambda: M.AUC(curve="PR", multi_label=True, num_labels=4, label_weights=[1.0, 0.5, 2.0, 0.0]),
     two("ml_true", "ml_prob", "sw64_a", "sw6_b"))
case("auc_multi_label_uneven", lambda: M.AUC(multi_label=True, thresholds=[0.1, 0.6, 0.3]), two("ml_true", "ml_prob", "sw6_a"))
case("auc_label_weights", lambda: M.AUC(label_weights=[0.5, 1.0, 2.0, 1.0]), two("ml_true", "ml_prob", "sw6_a"))
case("auc_from_logits", lambda: M.AUC(from_logits=True, num_thresholds=50), two("bin_true", "bin_logit", None, "sw8_b"))

# Sensitivity / specificity family.
case("precision_at_recall", lambda: M.PrecisionAtRecall(0.5), two("bin_true", "bin_prob", "sw8_a", "sw8_b"))
case("recall_at_precision", lambda: M.RecallAtPrecision(0.6, num_thresholds=20), two("ml_true", "ml_prob", "sw6_a"))
case("sensitivity_at_specificity", lambda: M.SensitivityAtSpecificity(0.5), two("bin_true", "bin_prob", "sw8_a"))
case("specificity_at_sensitivity", lambda: M.SpecificityAtSensitivity(0.8, class_id=2), two("ml_true", "ml_prob", None, "sw6_b"))
case("specificity_at_sensitivity_one_threshold", lambda: M.SpecificityAtSensitivity(0.4, num_thresholds=1),
     two("bin_true", "bin_prob", "sw8_a"))

# F-scores.
case("f1_score", lambda: M.F1Score(), two("ml_true", "ml_prob", "sw6_a"))
case("f1_score_micro", lambda: M.F1Score(average="micro", threshold=0.5), two("ml_true", "ml_prob", None, "sw6_b"))
case("f1_score_macro", lambda: M.F1Score(average="macro"), two("onehot", "cat_prob", "sw6_a"))
case("f1_score_weighted", lambda: M.F1Score(average="weighted", threshold=0.4), two("ml_true", "ml_prob", "sw6_a", "sw6_b"))
case("fbeta_score", lambda: M.FBetaScore(average="macro", beta=2.0, threshold=0.3), two("ml_true", "ml_prob", "sw6_a"))

# IoU family.
case("iou", lambda: M.IoU(num_classes=3, target_class_ids=[0, 2]), two("seg_true", "seg_pred", "seg_sw_a"))
case("mean_iou", lambda: M.MeanIoU(num_classes=3), two("seg_true", "seg_pred", "seg_sw_a"))
case("mean_iou_ignore_class", lambda: M.MeanIoU(num_classes=3, ignore_class=0, dtype="float32"), two("seg_true", "seg_pred", "seg_sw_a"))
case("mean_iou_dense_pred", lambda: M.MeanIoU(num_classes=3, sparse_y_pred=False),
     [("seg_true_a", "seg_prob_a", None), ("seg_true_a", "seg_prob_b", "seg_sw_a")])
case("binary_iou", lambda: M.BinaryIoU(), two("flat_true", "flat_prob", "sw8_a"))
case("binary_iou_threshold", lambda: M.BinaryIoU(target_class_ids=[1], threshold=0.3),
     [("flat_true_a", "flat_prob_a", None), ("biniou_true_b", "biniou_prob_b", None)])
case("one_hot_iou", lambda: M.OneHotIoU(num_classes=3, target_class_ids=[1]), two("seg_onehot", "seg_prob"))
case("one_hot_mean_iou", lambda: M.OneHotMeanIoU(num_classes=3), two("seg_onehot", "seg_prob", "seg_sw_a"))

# Regression metrics.
case("mean_squared_error", lambda: M.MeanSquaredError(), two("reg_true", "reg_pred", "sw6_a"))
case("mean_squared_error_masked", lambda: M.MeanSquaredError(),
     [("seq_target", "seq_prob", None), ("seq_target", "seq_prob", "seq_sw")], masks=["seq_mask", "seq_mask"])
case("root_mean_squared_error", lambda: M.RootMeanSquaredError(), two("reg_true", "reg_pred", "sw6_a", "sw6_b"))
case("mean_absolute_error", lambda: M.MeanAbsoluteError(), two("reg_true", "reg_pred", None, "sw6_b"))
case("mean_absolute_percentage_error", lambda: M.MeanAbsolutePercentageError(), two("pos_true", "reg_pred", "sw6_a"))
case("mean_squared_logarithmic_error", lambda: M.MeanSquaredLogarithmicError(), two("pos_true", "pos_pred", "sw6_a"))
case("log_cosh_error", lambda: M.LogCoshError(), two("reg_true", "reg_pred", "sw6_a"))
case("cosine_similarity", lambda: M.CosineSimilarity(), two("reg_true", "reg_pred", "sw6_a"))
case("cosine_similarity_axis0", lambda: M.CosineSimilarity(axis=0), two("reg_true", "reg_pred"))
case("r2_score", lambda: M.R2Score(), two("reg_true", "reg_pred", "sw6_a"))
case("r2_score_variance_weighted", lambda: M.R2Score(class_aggregation="variance_weighted_average", num_regressors=2),
     two("reg_true", "reg_pred", None, "sw6_b"))
case("r2_score_raw", lambda: M.R2Score(class_aggregation=None), two("reg_true", "reg_pred", "sw63_a"))
case("pearson_correlation", lambda: M.PearsonCorrelation(), two("reg_true", "reg_pred", "sw6_a"))
case("concordance_correlation", lambda: M.ConcordanceCorrelation(), two("reg_true", "reg_pred", None, "sw6_b"))

# Probabilistic metrics.
case("binary_crossentropy", lambda: M.BinaryCrossentropy(), two("bin_true", "bin_prob", "sw8_a"))
case("binary_crossentropy_logits", lambda: M.BinaryCrossentropy(from_logits=True, label_smoothing=0.1),
     two("ml_true", "ml_prob", "sw6_a"))
case("categorical_crossentropy", lambda: M.CategoricalCrossentropy(), two("soft_true", "cat_prob", "sw6_a"))
case("categorical_crossentropy_logits", lambda: M.CategoricalCrossentropy(from_logits=True, label_smoothing=0.2),
     two("onehot", "logits", None, "sw6_b"))
case("sparse_categorical_crossentropy", lambda: M.SparseCategoricalCrossentropy(),
     [("sparse_a", "cat_prob_a", "sw6_a"), ("sparse_col_b", "cat_prob_b", None)])
case("sparse_categorical_crossentropy_logits", lambda: M.SparseCategoricalCrossentropy(from_logits=True),
     two("sparse", "logits", "sw6_a"))
case("sparse_categorical_crossentropy_ignore_class", lambda: M.SparseCategoricalCrossentropy(ignore_class=2),
     two("sparse", "cat_prob", "sw6_a", None))
case("kl_divergence", lambda: M.KLDivergence(), two("soft_true", "cat_prob", "sw6_a"))
case("poisson", lambda: M.Poisson(), two("pos_true", "pos_pred", "sw6_a"))

# Hinge metrics.
case("hinge", lambda: M.Hinge(), two("bin63_true", "reg_pred", "sw6_a"))
case("hinge_signed", lambda: M.Hinge(), two("pm_true", "reg_pred", None, "sw6_b"))
case("squared_hinge", lambda: M.SquaredHinge(), two("pm_true", "reg_pred", "sw6_a"))
case("categorical_hinge", lambda: M.CategoricalHinge(), two("onehot", "logits", "sw6_a"))


def encode_input(a):
    dtype = str(a.dtype)
    data = a.reshape(-1).tolist()
    if dtype == "bool":
        data = [bool(x) for x in data]
    elif dtype.startswith("float"):
        data = [float(x) for x in data]
    else:
        data = [int(x) for x in data]
    return {"shape": list(a.shape), "dtype": dtype, "data": data}


fixture = {
    "keras_version": keras.__version__,
    "backend": keras.backend.backend(),
    "generator": "scripts/pyref/metrics.py",
    "inputs": {k: encode_input(v) for k, v in inputs.items()},
    "cases": cases,
    "aliases": sorted(ALL_OBJECTS_DICT),
}

out = sys.argv[1] if len(sys.argv) > 1 else "metrics.json"
os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
with open(out, "w") as f:
    json.dump(fixture, f, indent=1)
    f.write("\n")
print(f"wrote {len(cases)} cases to {out}")
