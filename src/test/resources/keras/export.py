"""Saves Keras models' architectures for cnnc import's tests, in one process.

usage: python export.py MANIFEST.json RESULTS.json

The manifest holds "modules": {title: generated module path} (each module's build_model() is built and
its to_json() written next to it as TITLE.json), "applications": [keras.applications function names]
(each built with weights=None, its to_json() written to "folder"/NAME.json), and "archives": [names
among the applications] also saved as "folder"/NAME.keras by model.save, and "reloads": [module titles]
whose models are built with weights, run on an input, saved as a .keras archive next to the module, loaded
back with keras.models.load_model (safe mode, the module's registered classes found by their names) and
run on the same input. RESULTS.json receives {"modules": {title: json path or "error: ..."},
"applications": {name: {"json", "keras" (or absent), "params", "trainable", "output"}}, "reloads": {title:
{"keras": archive path, "classes": [the reloaded model's layer classes], "difference": the largest
absolute difference of the two outputs, "spread": the original output's largest value less its smallest}
or "error: ..."}}, the figures being Keras's own: count_params(),
the sizes of the trainable weights, and the output's shape without the batch axis.
"""
import importlib.util
import json
import math
import os
import sys
import traceback

os.environ.setdefault("KERAS_BACKEND", "jax")
import keras  # noqa: E402
import numpy as np  # noqa: E402


def build(path):
    spec = importlib.util.spec_from_file_location("generated", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.build_model()


def reload(path):
    """The model's output on a random input, and the output of the model saved and loaded back, on the same."""
    keras.utils.set_random_seed(0)
    model = build(path)
    x = np.random.default_rng(0).standard_normal((1, *model.inputs[0].shape[1:])).astype("float32")
    archive = os.path.splitext(path)[0] + ".keras"
    model.save(archive)
    reloaded = keras.models.load_model(archive)
    output = np.asarray(model(x))
    return {"keras": archive, "classes": [type(layer).__name__ for layer in reloaded.layers],
            "difference": float(np.max(np.abs(output - np.asarray(reloaded(x))))), "spread": float(np.ptp(output))}


def shapes_only():
    """Builds layers without drawing their initial weights (which would compile a jax program per shape)."""
    return keras.StatelessScope(initialize_variables=False)


def main(manifest_path, results_path):
    with open(manifest_path) as f:
        manifest = json.load(f)
    folder = manifest["folder"]
    results = {"modules": {}, "applications": {}, "reloads": {}}
    for title, path in manifest["modules"].items():
        try:
            target = os.path.splitext(path)[0] + ".json"
            with shapes_only():
                text = build(path).to_json()
            with open(target, "w") as f:
                f.write(text)
            results["modules"][title] = target
        except Exception:  # noqa: BLE001 - reported to the Java test, which fails on it
            results["modules"][title] = "error: " + traceback.format_exc(limit=3)
    for name in manifest["applications"]:
        # MobileNetV3's default input is unsized; KerasZooTest builds it at 224x224x3 too
        sized = {"input_shape": (224, 224, 3)} if name.startswith("MobileNetV3") else {}
        with shapes_only():
            model = getattr(keras.applications, name)(weights=None, **sized)
        entry = {"json": os.path.join(folder, name + ".json"),
                 "params": model.count_params(),
                 "trainable": sum(math.prod(w.shape) for w in model.trainable_weights),
                 "output": list(model.output.shape[1:])}
        with open(entry["json"], "w") as f:
            f.write(model.to_json())
        if name in manifest.get("archives", []):
            entry["keras"] = os.path.join(folder, name + ".keras")
            getattr(keras.applications, name)(weights=None).save(entry["keras"])
        results["applications"][name] = entry
        keras.backend.clear_session()
    for title in manifest.get("reloads", []):
        try:
            results["reloads"][title] = reload(manifest["modules"][title])
        except Exception:  # noqa: BLE001 - reported to the Java test, which fails on it
            results["reloads"][title] = "error: " + traceback.format_exc(limit=3)
        keras.backend.clear_session()
    with open(results_path, "w") as f:
        json.dump(results, f)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
