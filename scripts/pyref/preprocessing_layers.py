"""Writes Tests/Fixtures/layers/preprocessing_layers.json: Keras 3.15.1's preprocessing layers
(JAX backend) run on fixed inputs, for the Swift parity tests.

Keras's `Hashing` and `Discretization.adapt` need TensorFlow (Hashing hashes through
`tf.strings`; `Discretization.adapt` checks for `tf.data`), so this script runs in a virtual
environment with keras 3.15.1, jax 0.10.2 and tensorflow-cpu beside them:

    python3.11 -m venv /tmp/kref-tf
    /tmp/kref-tf/bin/pip install keras==3.15.1 jax==0.10.2 jaxlib==0.10.2 tensorflow-cpu
    cd /tmp && KERAS_BACKEND=jax /tmp/kref-tf/bin/python /work/wt-prep/scripts/pyref/preprocessing_layers.py

(run it from any directory except Keras's package folder, whose `random` module shadows Python's).

Each case holds:
  * "id": a unique label; "class_name"; "config": the arguments the Swift test rebuilds the
    layer from (Keras's names);
  * "input": `{"shape", "values", "dtype"}` or, for string inputs, "strings" with "shape";
  * "adapt": optional data given to `adapt` (one array, or "batches": a list of arrays);
  * "training": whether the layer was called with `training=True` (only where the transform is
    deterministic: fixed factors, or a crop of an image no larger than the target);
  * "weights": `{"name": tensor}` after adapting; "bin_boundaries" / "vocabulary" after adapting;
  * "output": the call's result, `{"shape", "values", "dtype"}`.
"""

import json
import os

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras  # noqa: E402
import numpy as np  # noqa: E402

assert keras.__version__ == "3.15.1", keras.__version__

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(ROOT, "Tests", "Fixtures", "layers", "preprocessing_layers.json")

rng = np.random.RandomState(20250507)
L = keras.layers


def tensor(array):
    array = np.asarray(array)
    if array.dtype.kind == "f":
        values = [float(str(v)) for v in array.astype(np.float32).ravel()]
    elif array.dtype.kind == "b":
        values = [bool(v) for v in array.ravel()]
    else:
        values = [int(v) for v in array.ravel()]
    return {"shape": list(array.shape), "values": values, "dtype": str(array.dtype)}


def uniform(shape, lo=-1.0, hi=1.0):
    return rng.uniform(lo, hi, shape).round(4).astype(np.float32)


cases = []


def case(id, layer, config, x, adapt=None, batches=None, training=None, call_kwargs=None, strings=False):
    entry = {"id": id, "class_name": type(layer).__name__, "config": config}
    if adapt is not None:
        layer.adapt(adapt)
        entry["adapt"] = tensor(adapt)
    if batches is not None:
        layer.adapt(batches)
        entry["adapt_batches"] = [tensor(b) for b in batches]
    kwargs = dict(call_kwargs or {})
    if training is not None:
        kwargs["training"] = training
        entry["training"] = training
    y = np.asarray(layer(x, **kwargs))
    if strings:
        array = np.asarray(x)
        entry["input"] = {"shape": list(array.shape), "strings": [str(s) for s in array.ravel()]}
    else:
        entry["input"] = tensor(x)
    if call_kwargs:
        entry["call"] = {k: tensor(v) for k, v in call_kwargs.items()}
    entry["output"] = tensor(y)
    if layer.weights:
        entry["weights"] = {w.name: tensor(w.numpy()) for w in layer.weights}
    if isinstance(layer, L.Hashing):
        # The int64 bins themselves (JAX without x64 wraps the layer's int64 output to int32).
        import tensorflow as tf
        with tf.device("CPU:0"):
            bins = layer._hash_values_to_bins(tf.constant(np.asarray(x)))
        entry["hash_bins"] = [int(v) for v in np.ravel(bins.numpy())]
    if isinstance(layer, L.IntegerLookup):
        entry["vocabulary"] = [int(v) for v in layer.get_vocabulary()]
        if layer.output_mode == "tf_idf":
            entry["idf_weights"] = [float(v) for v in np.asarray(layer.idf_weights)]
    if hasattr(layer, "bin_boundaries") and layer.bin_boundaries is not None:
        entry["bin_boundaries"] = [float(v) for v in layer.bin_boundaries]
    cases.append(entry)


# ---------------------------------------------------------------- Normalization
norm_x = uniform((6, 3), -2, 5)
case("normalization_adapt_last_axis", L.Normalization(), {"axis": [-1]}, uniform((4, 3), -2, 5), adapt=norm_x)
case("normalization_adapt_axis_none", L.Normalization(axis=None), {"axis": None},
     np.array([1.0, 2.0, 3.0], np.float32), adapt=np.array([1.0, 2, 3, 4, 5], np.float32))
case("normalization_adapt_axes_1_2", L.Normalization(axis=(1, 2)), {"axis": [1, 2]},
     uniform((2, 2, 3), 0, 4), adapt=uniform((5, 2, 3), 0, 4))
case("normalization_adapt_middle_axis", L.Normalization(axis=1), {"axis": [1]},
     uniform((2, 3, 2)), adapt=uniform((4, 3, 2), -3, 3))
case("normalization_adapt_invert", L.Normalization(invert=True), {"axis": [-1], "invert": True},
     uniform((3, 3)), adapt=norm_x)
case("normalization_adapt_batches", L.Normalization(), {"axis": [-1]},
     uniform((2, 3)), batches=[uniform((4, 3), -1, 2), uniform((2, 3), 0, 6), uniform((5, 3), -4, 1)])
case("normalization_given_scalar", L.Normalization(mean=3.0, variance=2.0),
     {"axis": [-1], "mean": 3.0, "variance": 2.0}, np.array([[1.0], [2.0], [3.0]], np.float32))
case("normalization_given_vector", L.Normalization(mean=[1.0, -2.0, 0.5], variance=[4.0, 0.25, 1.0]),
     {"axis": [-1], "mean": [1.0, -2.0, 0.5], "variance": [4.0, 0.25, 1.0]}, uniform((2, 4, 3), -3, 3))
case("normalization_given_invert", L.Normalization(mean=[1.0, -2.0], variance=[4.0, 0.0], invert=True),
     {"axis": [-1], "mean": [1.0, -2.0], "variance": [4.0, 0.0], "invert": True}, uniform((3, 2)))
case("normalization_zero_variance", L.Normalization(), {"axis": [-1]},
     uniform((2, 2)), adapt=np.array([[1.0, 2.0], [1.0, 4.0]], np.float32))

# ---------------------------------------------------------------- Discretization
disc_x = uniform((3, 5), -2, 2)
for mode in ("int", "one_hot", "multi_hot", "count"):
    case(f"discretization_bins_{mode}", L.Discretization(bin_boundaries=[-1.0, 0.0, 0.5, 1.5], output_mode=mode),
         {"bin_boundaries": [-1.0, 0.0, 0.5, 1.5], "output_mode": mode}, disc_x)
case("discretization_one_hot_last_axis_1", L.Discretization(bin_boundaries=[0.0, 1.0], output_mode="one_hot"),
     {"bin_boundaries": [0.0, 1.0], "output_mode": "one_hot"}, np.array([[-0.5], [0.0], [1.0], [3.0]], np.float32))
case("discretization_multi_hot_rank3", L.Discretization(bin_boundaries=[0.0], output_mode="multi_hot"),
     {"bin_boundaries": [0.0], "output_mode": "multi_hot"}, uniform((2, 3, 4)))
case("discretization_exact_boundaries", L.Discretization(bin_boundaries=[0.0, 1.0, 2.0]),
     {"bin_boundaries": [0.0, 1.0, 2.0]}, np.array([[-1.5, 1.0, 3.4, 0.5, 0.0, 2.0]], np.float32))
case("discretization_adapt_small", L.Discretization(num_bins=4), {"num_bins": 4},
     np.array([[-1.0, 2.5, 9.0, 4.0]], np.float32), adapt=np.arange(10.0, dtype=np.float32))
case("discretization_adapt_uniform", L.Discretization(num_bins=5), {"num_bins": 5},
     uniform((2, 6), 0, 10), adapt=uniform((1000,), 0, 10))
case("discretization_adapt_epsilon", L.Discretization(num_bins=3, epsilon=0.05), {"num_bins": 3, "epsilon": 0.05},
     uniform((2, 4), -3, 3), adapt=rng.normal(0, 1, (40, 5)).astype(np.float32))
case("discretization_adapt_batches", L.Discretization(num_bins=4, epsilon=0.1, output_mode="one_hot"),
     {"num_bins": 4, "epsilon": 0.1, "output_mode": "one_hot"}, uniform((5,), -2, 8),
     batches=[uniform((30,), 0, 5), uniform((17,), -2, 8), uniform((55,), 1, 3)])
case("discretization_adapt_ties", L.Discretization(num_bins=3), {"num_bins": 3},
     np.array([0.0, 1.0, 2.0, 3.0], np.float32),
     adapt=np.array([1.0] * 50 + [2.0] * 30 + [0.0] * 20 + [3.0] * 7, np.float32))

# ---------------------------------------------------------------- Rescaling
case("rescaling_scalar", L.Rescaling(1.0 / 127.5, offset=-1.0), {"scale": 1.0 / 127.5, "offset": -1.0},
     uniform((2, 3, 3, 2), 0, 255))
case("rescaling_per_channel", L.Rescaling([0.5, 2.0, -1.0], offset=[0.0, 1.0, 0.25]),
     {"scale": [0.5, 2.0, -1.0], "offset": [0.0, 1.0, 0.25]}, uniform((2, 2, 3), -2, 2))
case("rescaling_int_input", L.Rescaling(1.0 / 255), {"scale": 1.0 / 255, "offset": 0.0},
     rng.randint(0, 256, (2, 4)).astype(np.int32))

# ---------------------------------------------------------------- CategoryEncoding
ce_x = np.array([[0, 1, 1, 3], [2, 2, 0, 5]], np.int32)
for mode in ("one_hot", "multi_hot", "count"):
    case(f"category_encoding_{mode}", L.CategoryEncoding(num_tokens=6, output_mode=mode),
         {"num_tokens": 6, "output_mode": mode}, ce_x)
case("category_encoding_one_hot_vector", L.CategoryEncoding(num_tokens=4, output_mode="one_hot"),
     {"num_tokens": 4, "output_mode": "one_hot"}, np.array([3, 2, 0, 1], np.int32))
case("category_encoding_one_hot_last_axis_1", L.CategoryEncoding(num_tokens=4, output_mode="one_hot"),
     {"num_tokens": 4, "output_mode": "one_hot"}, np.array([[3], [2], [0]], np.int32))
case("category_encoding_multi_hot_vector", L.CategoryEncoding(num_tokens=5),
     {"num_tokens": 5, "output_mode": "multi_hot"}, np.array([3, 2, 0, 3], np.int32))
case("category_encoding_out_of_range", L.CategoryEncoding(num_tokens=3, output_mode="count"),
     {"num_tokens": 3, "output_mode": "count"}, np.array([[0, 7, -1, 2]], np.int32))
case("category_encoding_count_weights", L.CategoryEncoding(num_tokens=4, output_mode="count"),
     {"num_tokens": 4, "output_mode": "count"}, ce_x.clip(0, 3),
     call_kwargs={"count_weights": uniform((2, 4), 0, 2)})
case("category_encoding_multi_hot_rank3", L.CategoryEncoding(num_tokens=3),
     {"num_tokens": 3, "output_mode": "multi_hot"}, rng.randint(0, 3, (2, 3, 2)).astype(np.int32))

# ---------------------------------------------------------------- Hashing
words = ["", "A", "B", "omar", "stringer", "marlo", "wire", "skywalker", "héllo wörld", "🙂 emoji",
         "exactly8", "sixteen chars!!!", "seventeen chars!!", "a string of thirty-two bytes....",
         "thirty-three bytes in this string.", "x" * 63, "y" * 64, "z" * 65,
         "The quick brown fox jumps over the lazy dog; the lazy dog sleeps on, unbothered by foxes.",
         "0123456789" * 20 + "tail"]
words_array = np.array(words, dtype=object).reshape(-1, 1)
case("hashing_strings_fingerprint", L.Hashing(num_bins=2**62), {"num_bins": 2**62}, words_array, strings=True)
case("hashing_strings_siphash", L.Hashing(num_bins=2**62, salt=[133, 137]), {"num_bins": 2**62, "salt": [133, 137]},
     words_array, strings=True)
case("hashing_strings_salt_int", L.Hashing(num_bins=3, salt=133), {"num_bins": 3, "salt": [133]},
     np.array([["A"], ["B"], ["C"], ["D"], ["E"]], dtype=object), strings=True)
case("hashing_strings_mask", L.Hashing(num_bins=5, mask_value="omar"), {"num_bins": 5, "mask_value": "omar"},
     np.array([["omar", "wire"], ["", "omar"]], dtype=object), strings=True)
ints = np.array([[0, 1, 2, -1], [12345678901, -98765, 42, 7]], np.int64)
case("hashing_ints", L.Hashing(num_bins=2**40), {"num_bins": 2**40}, ints)
case("hashing_ints_salt", L.Hashing(num_bins=1000, salt=[211, 137]), {"num_bins": 1000, "salt": [211, 137]}, ints)
case("hashing_ints_mask", L.Hashing(num_bins=7, mask_value=0), {"num_bins": 7, "mask_value": "0"},
     np.array([[0, 1, 2, 0, 3]], np.int32))
case("hashing_floats", L.Hashing(num_bins=97), {"num_bins": 97}, np.array([[1.5, -2.7, 3.0, 0.2]], np.float32))
for mode in ("one_hot", "multi_hot", "count"):
    case(f"hashing_{mode}", L.Hashing(num_bins=5, output_mode=mode), {"num_bins": 5, "output_mode": mode},
         np.array([[3], [1], [4], [1], [5]], np.int32) if mode == "one_hot" else np.array([[3, 1, 4, 1], [5, 9, 2, 6]], np.int32))

# ---------------------------------------------------------------- Image layers
img = uniform((2, 5, 6, 3), 0, 255)
img_cf = uniform((2, 3, 5, 6), 0, 255)
small = uniform((1, 4, 4, 2), 0, 1)
for interp in ("bilinear", "nearest", "bicubic", "lanczos3", "lanczos5"):
    case(f"resizing_down_{interp}", L.Resizing(3, 4, interpolation=interp),
         {"height": 3, "width": 4, "interpolation": interp}, img)
    case(f"resizing_up_{interp}", L.Resizing(7, 9, interpolation=interp),
         {"height": 7, "width": 9, "interpolation": interp}, small)
case("resizing_crop_to_aspect_ratio", L.Resizing(4, 4, crop_to_aspect_ratio=True),
     {"height": 4, "width": 4, "crop_to_aspect_ratio": True}, img)
case("resizing_pad_to_aspect_ratio_height", L.Resizing(6, 4, pad_to_aspect_ratio=True, fill_value=7.0),
     {"height": 6, "width": 4, "pad_to_aspect_ratio": True, "fill_value": 7.0}, img)
case("resizing_pad_to_aspect_ratio_width", L.Resizing(3, 8, pad_to_aspect_ratio=True, fill_value=-1.0),
     {"height": 3, "width": 8, "pad_to_aspect_ratio": True, "fill_value": -1.0}, img)
case("resizing_channels_first", L.Resizing(4, 3, data_format="channels_first"),
     {"height": 4, "width": 3, "data_format": "channels_first"}, img_cf)
case("resizing_unbatched", L.Resizing(3, 3, interpolation="nearest"), {"height": 3, "width": 3, "interpolation": "nearest"},
     img[0])
case("resizing_uint8", L.Resizing(3, 4), {"height": 3, "width": 4},
     rng.randint(0, 256, (2, 5, 6, 1)).astype(np.uint8))
case("center_crop", L.CenterCrop(3, 4), {"height": 3, "width": 4}, img)
case("center_crop_odd_margins", L.CenterCrop(2, 3), {"height": 2, "width": 3}, img)
case("center_crop_smart_resize", L.CenterCrop(4, 8), {"height": 4, "width": 8}, img)
case("center_crop_channels_first", L.CenterCrop(3, 3, data_format="channels_first"),
     {"height": 3, "width": 3, "data_format": "channels_first"}, img_cf)
case("center_crop_unbatched", L.CenterCrop(3, 2), {"height": 3, "width": 2}, img[1])
case("random_crop_training_small_input", L.RandomCrop(6, 8, seed=1), {"height": 6, "width": 8, "seed": 1},
     img, training=True)
case("random_crop_training_taller_target", L.RandomCrop(7, 4, seed=1), {"height": 7, "width": 4, "seed": 1},
     img, training=True)

# RandomCrop in inference: Keras documents a centred aspect-ratio crop resized to the target
# (smart_resize), which the Swift layer does; Keras 3.15.1's code returns the input unchanged.
crop_layer = L.RandomCrop(3, 4, seed=1)
assert np.asarray(crop_layer(img, training=False)).shape == img.shape
cases.append({"id": "random_crop_inference_documented", "class_name": "RandomCrop",
              "config": {"height": 3, "width": 4, "seed": 1}, "input": tensor(img), "training": False,
              "output": tensor(np.asarray(keras.preprocessing.image.smart_resize(img, (3, 4))))})

for mode in ("reflect", "wrap", "constant", "nearest"):
    for interp in ("bilinear", "nearest"):
        case(f"random_rotation_90_{mode}_{interp}",
             L.RandomRotation((0.25, 0.25), fill_mode=mode, interpolation=interp, fill_value=-3.0, seed=3),
             {"factor": [0.25, 0.25], "fill_mode": mode, "interpolation": interp, "fill_value": -3.0, "seed": 3},
             img, training=True)
        case(f"random_rotation_36_{mode}_{interp}",
             L.RandomRotation((-0.1, -0.1), fill_mode=mode, interpolation=interp, fill_value=2.0, seed=3),
             {"factor": [-0.1, -0.1], "fill_mode": mode, "interpolation": interp, "fill_value": 2.0, "seed": 3},
             img, training=True)
case("random_rotation_channels_first", L.RandomRotation((0.05, 0.05), data_format="channels_first", seed=3),
     {"factor": [0.05, 0.05], "data_format": "channels_first", "seed": 3}, img_cf, training=True)
case("random_rotation_unbatched", L.RandomRotation((0.2, 0.2), seed=3), {"factor": [0.2, 0.2], "seed": 3},
     img[0], training=True)
case("random_rotation_inference", L.RandomRotation(0.3, seed=3), {"factor": 0.3, "seed": 3}, img, training=False)
for mode in ("reflect", "wrap", "constant", "nearest"):
    case(f"random_zoom_out_{mode}", L.RandomZoom((0.4, 0.4), fill_mode=mode, fill_value=1.5, seed=4),
         {"height_factor": [0.4, 0.4], "fill_mode": mode, "fill_value": 1.5, "seed": 4}, img, training=True)
    case(f"random_translation_{mode}",
         L.RandomTranslation((0.2, 0.2), (-0.35, -0.35), fill_mode=mode, fill_value=4.0, seed=5),
         {"height_factor": [0.2, 0.2], "width_factor": [-0.35, -0.35], "fill_mode": mode, "fill_value": 4.0, "seed": 5},
         img, training=True)
case("random_zoom_in_width", L.RandomZoom((-0.3, -0.3), width_factor=(0.25, 0.25), interpolation="nearest", seed=4),
     {"height_factor": [-0.3, -0.3], "width_factor": [0.25, 0.25], "interpolation": "nearest", "seed": 4},
     img, training=True)
case("random_zoom_inference", L.RandomZoom(0.5, seed=4), {"height_factor": 0.5, "seed": 4}, img, training=False)
case("random_translation_nearest_interpolation",
     L.RandomTranslation((-0.4, -0.4), (0.3, 0.3), interpolation="nearest", seed=5),
     {"height_factor": [-0.4, -0.4], "width_factor": [0.3, 0.3], "interpolation": "nearest", "seed": 5},
     img, training=True)
case("random_translation_inference", L.RandomTranslation(0.5, 0.5, seed=5), {"height_factor": 0.5, "width_factor": 0.5, "seed": 5},
     img, training=False)
case("random_contrast_fixed", L.RandomContrast((-0.3, 0.3), seed=6), {"factor": [-0.3, 0.3], "seed": 6},
     img, training=True)
case("random_contrast_value_range", L.RandomContrast((-0.8, 0.8), value_range=(0, 1), seed=6),
     {"factor": [-0.8, 0.8], "value_range": [0, 1], "seed": 6}, uniform((2, 4, 4, 2), 0, 1), training=True)
case("random_contrast_inference", L.RandomContrast(0.5, seed=6), {"factor": 0.5, "seed": 6}, img, training=False)
case("random_brightness_fixed", L.RandomBrightness((0.2, 0.2), seed=7), {"factor": [0.2, 0.2], "seed": 7},
     img, training=True)
case("random_brightness_negative_range", L.RandomBrightness((-0.5, -0.5), value_range=(1, -1), seed=7),
     {"factor": [-0.5, -0.5], "value_range": [1, -1], "seed": 7}, uniform((2, 3, 3, 1)), training=True)
case("random_brightness_inference", L.RandomBrightness(0.5, seed=7), {"factor": 0.5, "seed": 7}, img, training=False)
case("random_flip_inference", L.RandomFlip(seed=8), {"seed": 8}, img, training=False)

# ---------------------------------------------------------------- IntegerLookup
vocab = [12, 36, 1138, 42]
tokens = np.array([[12, 1138, 42, 7], [42, 1000, 36, 0]], np.int64)
case("integer_lookup_vocabulary", L.IntegerLookup(vocabulary=vocab), {"vocabulary": vocab}, tokens)
case("integer_lookup_mask", L.IntegerLookup(vocabulary=vocab, mask_token=0), {"vocabulary": vocab, "mask_token": 0}, tokens)
case("integer_lookup_special_tokens_given", L.IntegerLookup(vocabulary=[0, -1] + vocab, mask_token=0),
     {"vocabulary": [0, -1] + vocab, "mask_token": 0}, tokens)
case("integer_lookup_oov_floormod", L.IntegerLookup(vocabulary=vocab, num_oov_indices=3, mask_token=0),
     {"vocabulary": vocab, "num_oov_indices": 3, "mask_token": 0}, np.array([[12, 7, 8, 9, -5, 0, 1000]], np.int64))
case("integer_lookup_oov_farmhash", L.IntegerLookup(vocabulary=vocab, num_oov_indices=5, oov_method="farmhash"),
     {"vocabulary": vocab, "num_oov_indices": 5, "oov_method": "farmhash"},
     np.array([[12, 7, 8, 9, -5, 0, 1000, 123456789]], np.int64))
case("integer_lookup_oov_farmhash_salt", L.IntegerLookup(vocabulary=vocab, num_oov_indices=4, oov_method="farmhash", salt=[3, 5]),
     {"vocabulary": vocab, "num_oov_indices": 4, "oov_method": "farmhash", "salt": [3, 5]},
     np.array([[12, 7, 8, 9, -5, 0, 1000, 123456789]], np.int64))
case("integer_lookup_no_oov", L.IntegerLookup(vocabulary=vocab, num_oov_indices=0), {"vocabulary": vocab, "num_oov_indices": 0},
     np.array([[12, 42], [36, 1138]], np.int64))
for mode in ("one_hot", "multi_hot", "count"):
    case(f"integer_lookup_{mode}", L.IntegerLookup(vocabulary=vocab, output_mode=mode, mask_token=0),
         {"vocabulary": vocab, "output_mode": mode, "mask_token": 0}, tokens)
    case(f"integer_lookup_{mode}_vector", L.IntegerLookup(vocabulary=vocab, output_mode=mode),
         {"vocabulary": vocab, "output_mode": mode}, np.array([12, 1138, 42, 12, 5], np.int64))
case("integer_lookup_multi_hot_padded", L.IntegerLookup(vocabulary=vocab, output_mode="multi_hot", max_tokens=8, pad_to_max_tokens=True),
     {"vocabulary": vocab, "output_mode": "multi_hot", "max_tokens": 8, "pad_to_max_tokens": True}, tokens)
case("integer_lookup_invert", L.IntegerLookup(vocabulary=vocab, invert=True), {"vocabulary": vocab, "invert": True},
     np.array([[1, 3, 4], [4, 0, 2], [7, 1, 5]], np.int64))
case("integer_lookup_invert_mask", L.IntegerLookup(vocabulary=vocab, invert=True, mask_token=0, oov_token=-7),
     {"vocabulary": vocab, "invert": True, "mask_token": 0, "oov_token": -7}, np.array([[0, 1, 2, 5, 6]], np.int64))
adapt_tokens = np.array([[5, 5, 3, 3, 9, 1], [1, 1, 0, -1, 7, 7], [2, 2, 2, 2, 8, 0]], np.int64)
case("integer_lookup_adapt", L.IntegerLookup(), {}, np.array([[5, 1, 2, 4]], np.int64), adapt=adapt_tokens)
case("integer_lookup_adapt_mask_max_tokens", L.IntegerLookup(max_tokens=5, mask_token=0, num_oov_indices=2),
     {"max_tokens": 5, "mask_token": 0, "num_oov_indices": 2}, np.array([[5, 1, 2, 4, 0]], np.int64), adapt=adapt_tokens)
case("integer_lookup_adapt_vector", L.IntegerLookup(), {}, np.array([3, 9, 4], np.int64),
     adapt=np.array([5, 5, 3, 3, 9, 1, 1, 1], np.int64))
case("integer_lookup_adapt_tf_idf", L.IntegerLookup(output_mode="tf_idf"), {"output_mode": "tf_idf"},
     np.array([[42, 7, 7, 5], [12, 12, 1138, 36]], np.int64),
     adapt=np.array([[12, 1138, 42], [42, 1000, 36], [42, 42, 7]], np.int64))
case("integer_lookup_tf_idf_given", L.IntegerLookup(vocabulary=vocab, idf_weights=[0.5, 0.25, 1.5, 2.0], output_mode="tf_idf"),
     {"vocabulary": vocab, "idf_weights": [0.5, 0.25, 1.5, 2.0], "output_mode": "tf_idf"}, tokens)

with open(OUT, "w") as f:
    json.dump({"keras_version": keras.__version__, "backend": keras.backend.backend(), "cases": cases}, f)
print(f"wrote {len(cases)} cases to {OUT}")
