"""Writes Tests/Fixtures/layers/text_layers.json and Tests/Fixtures/keras3/text/*.keras: Keras
3.15.1's StringLookup and TextVectorization (JAX backend, TensorFlow beside it, which both layers
need) run on fixed texts, for the Swift parity tests.

    python3 -m venv /tmp/kref-tf
    /tmp/kref-tf/bin/pip install keras==3.15.1 jax==0.10.2 jaxlib==0.10.2 h5py==3.16.0 numpy==2.4.6 tensorflow-cpu==2.21.0
    cd /tmp && KERAS_BACKEND=jax /tmp/kref-tf/bin/python /work/main/scripts/pyref/text_layers.py

Each case holds:
  * "id"; "class_name"; "config": the layer's Keras config before any adapt (the Swift test
    rebuilds the layer from it through the layer registry);
  * "adapt": optional texts given to `adapt` (`{"shape", "strings"}`);
  * "vocabulary": `get_vocabulary()` after adapting; "idf_weights" in tf_idf mode;
  * "input": `{"shape", "strings"}` (or integer "values" for an inverted lookup);
  * "output": `{"shape", "values", "dtype"}` (or "strings" for an inverted lookup).

The `.keras` files are models with an adapted TextVectorization / StringLookup; Keras keeps the
learned vocabulary in the archive's assets. JAX cannot run a model on strings, so the expected
outputs come from calling the text layer and then the rest of the model on its integers.
"""

import json
import os
import shutil

os.environ.setdefault("KERAS_BACKEND", "jax")

import keras  # noqa: E402
import numpy as np  # noqa: E402

assert keras.__version__ == "3.15.1", keras.__version__

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(ROOT, "Tests", "Fixtures", "layers", "text_layers.json")
MODELS = os.path.join(ROOT, "Tests", "Fixtures", "keras3", "text")

L = keras.layers
keras.utils.set_random_seed(7)

CORPUS = [
    "The cat sat on the mat.",
    "The dog ate my homework!",
    "A cat, a dog; and THE bird?",
    "  Leading and trailing\tspaces\n",
    "Ünïcode: ÉCOLE, straße, naïve café.",
    "numbers 123 and 4.5 and x-ray's e-mail",
    "the the the cat",
    "",
]
QUERIES = [
    "the cat and the dog",
    "an unseen bird SAT on a mat",
    "ÉCOLE café naïve",
    "",
    "dog dog dog dog dog dog dog dog",
    "x-ray's   numbers\t123",
]


def strings(array):
    array = np.asarray(array)
    return {"shape": list(array.shape), "strings": [str(s) for s in array.ravel()]}


def tensor(array):
    array = np.asarray(array)
    if array.dtype.kind == "f":
        values = [float(str(v)) for v in array.astype(np.float32).ravel()]
    elif array.dtype.kind in "USO":
        return strings(array)
    else:
        values = [int(v) for v in array.ravel()]
    return {"shape": list(array.shape), "values": values, "dtype": str(array.dtype)}


cases = []


def case(id, layer, x, adapt=None):
    entry = {"id": id, "class_name": type(layer).__name__, "config": layer.get_config()}
    if adapt is not None:
        layer.adapt(adapt)
        entry["adapt"] = strings(adapt)
        entry["vocabulary"] = [str(v) if not isinstance(v, (int, np.integer)) else int(v) for v in layer.get_vocabulary()]
    if getattr(layer, "invert", False):
        # Keras's JAX backend cannot hold the string result; run the lookup's TensorFlow call.
        import tensorflow as tf
        from keras.src.layers.preprocessing.index_lookup import IndexLookup
        y = np.vectorize(lambda b: b.decode("utf-8"))(IndexLookup.call(layer, tf.constant(x)).numpy())
    else:
        y = np.asarray(layer(x))
    entry["input"] = tensor(x)
    entry["output"] = tensor(y)
    if getattr(layer, "output_mode", None) == "tf_idf" or getattr(layer, "_output_mode", None) == "tf_idf":
        lookup = getattr(layer, "_lookup_layer", layer)
        entry["idf_weights"] = [float(str(v)) for v in np.asarray(lookup.idf_weights_const, np.float32)]
    cases.append(entry)


words = np.array([["a", "b", "c"], ["d", "zz", "a"]])
vocab = ["a", "b", "c", "d"]

# StringLookup with a given vocabulary, every output mode.
case("sl_int", L.StringLookup(vocabulary=vocab), words)
case("sl_int_rank1", L.StringLookup(vocabulary=vocab), np.array(["c", "q", "a"]))
case("sl_mask", L.StringLookup(vocabulary=vocab, mask_token="[PAD]"), np.array([["a", "[PAD]", "zz"]]))
case("sl_mask_empty", L.StringLookup(vocabulary=vocab, mask_token=""), np.array([["a", "", "zz"]]))
case("sl_two_oov", L.StringLookup(vocabulary=vocab, num_oov_indices=2), np.array(["a", "zz", "yy", "xx", "ww", "d"]))
case("sl_three_oov_salt", L.StringLookup(vocabulary=vocab, num_oov_indices=3, salt=1234), np.array(["zz", "yy", "xx", "ww", "vv", "b"]))
case("sl_zero_oov", L.StringLookup(vocabulary=vocab, num_oov_indices=0), np.array(["a", "d"]))
case("sl_one_hot", L.StringLookup(vocabulary=vocab, output_mode="one_hot"), np.array(["a", "zz", "d"]))
case("sl_multi_hot", L.StringLookup(vocabulary=vocab, output_mode="multi_hot"), words)
case("sl_count", L.StringLookup(vocabulary=vocab, output_mode="count"), np.array([["a", "a", "zz", "b"]]))
case("sl_count_pad", L.StringLookup(max_tokens=8, vocabulary=vocab, output_mode="count", pad_to_max_tokens=True), words)
case("sl_tf_idf_given", L.StringLookup(vocabulary=vocab, output_mode="tf_idf", idf_weights=[0.5, 1.0, 1.5, 2.0]), words)
case("sl_invert", L.StringLookup(vocabulary=vocab, invert=True), np.array([[1, 2, 0], [4, 7, 3]]))
case("sl_invert_mask", L.StringLookup(vocabulary=vocab, invert=True, mask_token="[M]"), np.array([0, 1, 2, 5]))
# Adapted: most frequent first, ties by the larger token (UTF-8 bytes).
adapt_words = np.array([["b", "a", "é", "a"], ["c", "b", "z", "E"], ["a", "Z", "ü", "b"]])
case("sl_adapt", L.StringLookup(), words, adapt=adapt_words)
case("sl_adapt_max", L.StringLookup(max_tokens=4), words, adapt=adapt_words)
case("sl_adapt_tf_idf", L.StringLookup(output_mode="tf_idf"), words, adapt=adapt_words)
case("sl_adapt_tf_idf_pad", L.StringLookup(output_mode="tf_idf", max_tokens=10, pad_to_max_tokens=True), words, adapt=adapt_words)
case("sl_adapt_multi_hot_mask", L.StringLookup(output_mode="multi_hot", mask_token=""), np.array([["a", "", "b"]]), adapt=adapt_words)
case("sl_adapt_rank1", L.StringLookup(), np.array(["a", "ü", "q"]), adapt=np.array(["a", "ü", "ü", "b"]))

corpus = np.array(CORPUS)
queries = np.array(QUERIES)
column = queries.reshape(-1, 1)

# TextVectorization: standardization, splitting, ngrams, sequence lengths and every output mode.
case("tv_default", L.TextVectorization(), queries, adapt=corpus)
case("tv_column_input", L.TextVectorization(), column, adapt=corpus.reshape(-1, 1))
case("tv_seq_len_pad", L.TextVectorization(output_sequence_length=12), queries, adapt=corpus)
case("tv_seq_len_trunc", L.TextVectorization(output_sequence_length=3), queries, adapt=corpus)
case("tv_max_tokens", L.TextVectorization(max_tokens=8), queries, adapt=corpus)
case("tv_lower", L.TextVectorization(standardize="lower"), queries, adapt=corpus)
case("tv_strip", L.TextVectorization(standardize="strip_punctuation"), queries, adapt=corpus)
case("tv_no_standardize", L.TextVectorization(standardize=None), queries, adapt=corpus)
case("tv_character", L.TextVectorization(split="character", max_tokens=30), queries, adapt=corpus)
case("tv_no_split", L.TextVectorization(split=None), column, adapt=corpus.reshape(-1, 1))
case("tv_ngrams_2", L.TextVectorization(ngrams=2), queries, adapt=corpus)
case("tv_ngrams_tuple", L.TextVectorization(ngrams=(1, 3)), queries, adapt=corpus)
case("tv_ngrams_3_only", L.TextVectorization(ngrams=(3,), output_sequence_length=4), queries, adapt=corpus)
case("tv_multi_hot", L.TextVectorization(output_mode="multi_hot"), queries, adapt=corpus)
case("tv_count", L.TextVectorization(output_mode="count", max_tokens=12), queries, adapt=corpus)
case("tv_count_pad", L.TextVectorization(output_mode="count", max_tokens=40, pad_to_max_tokens=True), queries, adapt=corpus)
case("tv_tf_idf", L.TextVectorization(output_mode="tf_idf"), queries, adapt=corpus)
case("tv_tf_idf_ngrams", L.TextVectorization(output_mode="tf_idf", ngrams=2, max_tokens=25), queries, adapt=corpus)
case("tv_vocabulary", L.TextVectorization(vocabulary=["the", "cat", "dog", "sat"], output_sequence_length=6), queries)
case("tv_vocabulary_multi_hot", L.TextVectorization(vocabulary=["the", "cat", "dog", "sat"], output_mode="multi_hot"), queries)
case("tv_vocabulary_tf_idf", L.TextVectorization(vocabulary=["the", "cat", "dog"], idf_weights=[0.25, 1.5, 2.0], output_mode="tf_idf"), queries)

# Models with adapted text layers, saved as .keras (vocabulary in the assets).
if os.path.isdir(MODELS):
    shutil.rmtree(MODELS)
os.makedirs(MODELS)
models = []


def save_model(name, text_layer, rest_layers, inputs):
    inp = keras.Input(shape=(1,), dtype="string", name="text")
    x = text_layer(inp)
    for layer in rest_layers:
        x = layer(x)
    model = keras.Model(inp, x, name=name)
    path = os.path.join(MODELS, name + ".keras")
    model.save(path)
    # Expected outputs: the text layer, then the rest of the model on its result.
    h = np.asarray(text_layer(inputs))
    for layer in rest_layers:
        h = np.asarray(layer(h))
    models.append({"file": "text/" + name + ".keras", "input": strings(inputs), "output": tensor(h)})


tv = L.TextVectorization(max_tokens=30, output_sequence_length=7)
tv.adapt(corpus)
save_model("text_classifier", tv, [L.Embedding(30, 4), L.GlobalAveragePooling1D(), L.Dense(3, activation="softmax")], column)

tv_idf = L.TextVectorization(output_mode="tf_idf", ngrams=2, max_tokens=20)
tv_idf.adapt(corpus)
save_model("text_tf_idf", tv_idf, [L.Dense(2)], column)

sl = L.StringLookup(mask_token="")
sl.adapt(corpus)
# (No mask_zero: Keras 3.15 saves the Embedding's mask as a `NotEqual` op node, which the
# Swift graph reader does not rebuild yet.)
save_model("string_lookup_embedding", sl, [L.Embedding(sl.vocabulary_size(), 3), L.GlobalAveragePooling1D()], column)

with open(OUT, "w") as f:
    json.dump({"keras_version": keras.__version__, "cases": cases, "models": models}, f, indent=1, ensure_ascii=False)
    f.write("\n")
print(f"wrote {len(cases)} cases and {len(models)} models to {OUT}")
