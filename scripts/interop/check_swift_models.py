#!/usr/bin/env python3
"""Checks that Python Keras reads the model files swift-keras writes.

Usage: KERAS_BACKEND=jax python check_swift_models.py DIR

DIR is what `swift run playground interop-export DIR` wrote: for each model NAME in
DIR/manifest.json, NAME.keras, NAME.h5 (legacy), NAME.weights.h5, the inputs NAME.in<i>.npy,
Swift's predictions NAME.out<i>.npy and the optimizer's variables NAME.opt<i>.npy. A model whose
manifest entry says "legacy_h5": false (a graph holding Keras operations, which the legacy format
cannot record) has no NAME.h5, and its h5 check is skipped.

Checks, one line each:
  keras        keras.saving.load_model(NAME.keras) predicts Swift's outputs (abs 1e-5, float32)
  optimizer    its optimizer has Swift's class, variable count, variables (abs 1e-7) and iterations
  h5           keras.saving.load_model(NAME.h5) (legacy format) predicts Swift's outputs and
               compiles Swift's optimizer with its iteration count
  weights      a model rebuilt from NAME.keras's config.json alone (fresh weights, compiled,
               optimizer built), then load_weights(NAME.weights.h5), predicts Swift's outputs
               and has Swift's optimizer state (Keras's save_weights stores the optimizer too)
  hdf5-walk    h5py opens NAME.h5, NAME.weights.h5 and the .keras's model.weights.h5 and reads
               every group, dataset and attribute
  train-step   the loaded .keras model trains one more step (train_on_batch on its inputs with
               targets made from Swift's outputs): the loss is finite, iterations grows by one,
               the weights change
Prints a summary; exits 1 if any check failed, 2 if DIR is not a usable export.
"""

import io
import json
import os
import sys
import traceback
import zipfile

os.environ.setdefault("KERAS_BACKEND", "jax")

import h5py  # noqa: E402
import numpy as np  # noqa: E402
import keras  # noqa: E402

PREDICTION_TOLERANCE = 1e-5
OPTIMIZER_TOLERANCE = 1e-7


class CheckFailed(Exception):
    pass


results = []  # (ok, label, detail)


def check(label, function):
    """Runs one check and prints one line: PASS/FAIL, the label and what was found."""
    try:
        detail = function()
        results.append((True, label, detail))
        print(f"PASS  {label}: {detail}", flush=True)
    except CheckFailed as error:
        results.append((False, label, str(error)))
        print(f"FAIL  {label}: {error}", flush=True)
    except Exception as error:  # anything Keras or h5py raises is a failure of that check
        message = f"{type(error).__name__}: {error}".strip()
        results.append((False, label, message))
        print(f"FAIL  {label}: {message}", flush=True)
        traceback.print_exc(limit=4, file=sys.stdout)


def as_list(outputs):
    if isinstance(outputs, dict):
        raise CheckFailed(f"the model returned a dict of outputs ({sorted(outputs)}); expected a list")
    return list(outputs) if isinstance(outputs, (list, tuple)) else [outputs]


def compare_outputs(model, inputs, expected, what):
    got = as_list(model.predict(inputs if len(inputs) > 1 else inputs[0], verbose=0))
    if len(got) != len(expected):
        raise CheckFailed(f"{what} gives {len(got)} output(s), Swift {len(expected)}")
    worst = 0.0
    for i, (g, e) in enumerate(zip(got, expected)):
        g = np.asarray(g)
        if g.shape != e.shape:
            raise CheckFailed(f"{what} output {i} has shape {g.shape}, Swift's {e.shape}")
        if g.dtype != np.float32:
            raise CheckFailed(f"{what} output {i} is {g.dtype}, expected float32")
        diff = float(np.max(np.abs(g.astype(np.float64) - e.astype(np.float64)))) if g.size else 0.0
        if not np.isfinite(diff) or diff > PREDICTION_TOLERANCE:
            raise CheckFailed(f"{what} output {i} differs from Swift's by {diff:.3g} (tolerance {PREDICTION_TOLERANCE})")
        worst = max(worst, diff)
    return f"{len(got)} output(s) match Swift's, max abs diff {worst:.2e}"


def walk_hdf5(source, label):
    """Opens an HDF5 file (path or bytes) with h5py and reads everything in it."""
    counts = {"groups": 0, "datasets": 0, "attributes": 0, "values": 0}

    def read_attributes(obj):
        for key in obj.attrs:
            value = obj.attrs[key]
            counts["attributes"] += 1
            np.asarray(value)

    def visit(name, obj):
        read_attributes(obj)
        if isinstance(obj, h5py.Group):
            counts["groups"] += 1
        elif isinstance(obj, h5py.Dataset):
            counts["datasets"] += 1
            data = obj[()]
            counts["values"] += int(np.asarray(data).size)
        else:
            raise CheckFailed(f"{name} is a {type(obj).__name__}, neither a group nor a dataset")

    handle = io.BytesIO(source) if isinstance(source, bytes) else source
    with h5py.File(handle, "r") as f:
        read_attributes(f)
        f.visititems(visit)
    if counts["datasets"] == 0:
        raise CheckFailed(f"{label} holds no datasets")
    return counts


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    directory = sys.argv[1]
    manifest_path = os.path.join(directory, "manifest.json")
    try:
        with open(manifest_path) as f:
            manifest = json.load(f)
        models = manifest["models"]
    except (OSError, ValueError, KeyError) as error:
        print(f"FAIL  {manifest_path} is not a usable interop export manifest: {error}")
        return 2
    if not models:
        print(f"FAIL  {manifest_path} lists no models")
        return 2
    print(f"Keras {keras.__version__} ({keras.backend.backend()} backend), h5py {h5py.__version__}, numpy {np.__version__}")
    print(f"Checking {len(models)} Swift-written models in {directory}")

    for entry in models:
        name = entry["name"]
        base = os.path.join(directory, name)

        def load_arrays(kind, count):
            arrays = []
            for i in range(count):
                path = f"{base}.{kind}{i}.npy"
                if not os.path.exists(path):
                    raise CheckFailed(f"{path} is missing")
                arrays.append(np.load(path))
            return arrays

        inputs = load_arrays("in", entry["inputs"])
        expected = load_arrays("out", entry["outputs"])
        state = {}

        def keras_file():
            model = keras.saving.load_model(f"{base}.keras")
            state["model"] = model
            return compare_outputs(model, inputs, expected, f"{name}.keras")

        def compare_optimizer(optimizer, what):
            if optimizer is None:
                raise CheckFailed(f"{what} has no optimizer (compile_config missing?)")
            if type(optimizer).__name__ != entry["optimizer"]:
                raise CheckFailed(f"{what}'s optimizer is {type(optimizer).__name__}, Swift saved {entry['optimizer']}")
            swift = load_arrays("opt", entry["optimizer_variables"])
            variables = optimizer.variables
            if len(variables) != len(swift):
                raise CheckFailed(f"{what}'s optimizer has {len(variables)} variables, Swift {len(swift)}: "
                                  f"{[v.path for v in variables]}")
            worst = 0.0
            for i, (variable, want) in enumerate(zip(variables, swift)):
                got = np.asarray(keras.ops.convert_to_numpy(variable.value))
                if got.shape != want.shape:
                    raise CheckFailed(f"{what}: optimizer variable {i} ({variable.path}) has shape {got.shape}, Swift's {want.shape}")
                diff = float(np.max(np.abs(got.astype(np.float64) - want.astype(np.float64)))) if got.size else 0.0
                if not diff <= OPTIMIZER_TOLERANCE:
                    raise CheckFailed(f"{what}: optimizer variable {i} ({variable.path}) differs from Swift's by {diff:.3g}")
                worst = max(worst, diff)
            iterations = int(keras.ops.convert_to_numpy(optimizer.iterations))
            if iterations != entry["iterations"]:
                raise CheckFailed(f"{what}: optimizer.iterations is {iterations}, Swift trained {entry['iterations']} steps")
            return (f"{type(optimizer).__name__}, {len(variables)} variables equal Swift's (max abs diff {worst:.1e}), "
                    f"iterations {iterations}")

        def optimizer_state():
            model = state.get("model")
            if model is None:
                raise CheckFailed(f"{name}.keras did not load")
            return compare_optimizer(model.optimizer, f"{name}.keras")

        def legacy_h5():
            model = keras.saving.load_model(f"{base}.h5")
            detail = compare_outputs(model, inputs, expected, f"{name}.h5")
            optimizer = model.optimizer
            if optimizer is None:
                raise CheckFailed(f"{name}.h5 loaded without an optimizer (training_config missing?)")
            if type(optimizer).__name__ != entry["optimizer"]:
                raise CheckFailed(f"the legacy file compiles {type(optimizer).__name__}, Swift saved {entry['optimizer']}")
            # Keras 3 restores the iteration count (and learning rate) from optimizer_weights.
            iterations = int(keras.ops.convert_to_numpy(optimizer.iterations))
            if iterations != entry["iterations"]:
                raise CheckFailed(f"the legacy file's optimizer.iterations is {iterations}, Swift trained {entry['iterations']} steps")
            return f"{detail}; {type(optimizer).__name__} iterations {iterations}"

        def weights_file():
            with zipfile.ZipFile(f"{base}.keras") as archive:
                config = archive.read("config.json").decode("utf-8")
            # Deserializing compiles the model from its compile_config; building the optimizer
            # first lets load_weights restore its state too (Keras skips an unbuilt one).
            model = keras.models.model_from_json(config)
            if model.optimizer is None:
                raise CheckFailed(f"the model rebuilt from {name}.keras's config.json is not compiled")
            model.optimizer.build(model.trainable_variables)
            model.load_weights(f"{base}.weights.h5")
            what = f"config.json + {name}.weights.h5"
            return f"{compare_outputs(model, inputs, expected, what)}; {compare_optimizer(model.optimizer, what)}"

        def hdf5_walk():
            parts = []
            files = [(f"{name}.h5", f"{base}.h5")] if entry.get("legacy_h5", True) else []
            for label, source in files + [(f"{name}.weights.h5", f"{base}.weights.h5")]:
                counts = walk_hdf5(source, label)
                parts.append(f"{label} {counts['groups']} groups/{counts['datasets']} datasets/{counts['attributes']} attrs")
            with zipfile.ZipFile(f"{base}.keras") as archive:
                members = archive.namelist()
                if members[:3] != ["metadata.json", "config.json", "model.weights.h5"]:
                    raise CheckFailed(f"{name}.keras has the members {members}")
                json.loads(archive.read("metadata.json"))
                counts = walk_hdf5(archive.read("model.weights.h5"), f"{name}.keras/model.weights.h5")
            parts.append(f".keras/model.weights.h5 {counts['groups']} groups/{counts['datasets']} datasets")
            return "; ".join(parts)

        def train_step():
            model = state.get("model")
            if model is None:
                raise CheckFailed(f"{name}.keras did not load")
            # Targets from Swift's outputs: class indices for a sparse loss, else shifted values.
            targets = []
            for i, out in enumerate(expected):
                loss = model.loss
                if isinstance(loss, dict):
                    loss = loss.get(model.output_names[i])
                elif isinstance(loss, (list, tuple)):
                    loss = loss[i]
                loss_name = loss if isinstance(loss, str) else type(loss).__name__
                sparse = "sparse" in loss_name.lower()
                targets.append(np.argmax(out, axis=-1).astype("int32") if sparse else out + 0.1)
            before = [np.array(w) for w in model.get_weights()]
            iterations = int(keras.ops.convert_to_numpy(model.optimizer.iterations))
            logs = model.train_on_batch(inputs if len(inputs) > 1 else inputs[0],
                                        targets if len(targets) > 1 else targets[0], return_dict=True)
            after = int(keras.ops.convert_to_numpy(model.optimizer.iterations))
            if after != iterations + 1:
                raise CheckFailed(f"iterations went from {iterations} to {after}")
            if not np.isfinite(float(logs["loss"])):
                raise CheckFailed(f"the loss is {logs['loss']}")
            changed = sum(not np.array_equal(b, np.array(w)) for b, w in zip(before, model.get_weights()))
            if changed == 0:
                raise CheckFailed("no weight changed")
            shown = ", ".join(f"{k}={float(v):.4g}" for k, v in logs.items())
            return f"one more step: {shown}; iterations {iterations} -> {after}; {changed} weight tensors changed"

        check(f"{name} keras", keras_file)
        check(f"{name} optimizer", optimizer_state)
        if entry.get("legacy_h5", True):
            check(f"{name} h5", legacy_h5)
        else:
            print(f"SKIP  {name} h5: the graph holds Keras operations, which the legacy format cannot record")
        check(f"{name} weights", weights_file)
        check(f"{name} hdf5-walk", hdf5_walk)
        check(f"{name} train-step", train_step)

    failed = [r for r in results if not r[0]]
    print(f"Summary: {len(results) - len(failed)}/{len(results)} checks passed for {len(models)} models "
          f"({', '.join(m['name'] for m in models)})")
    if failed:
        print(f"FAILED: Python Keras did not read what swift-keras wrote ({len(failed)} failing checks):")
        for _, label, detail in failed:
            print(f"  {label}: {detail}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
