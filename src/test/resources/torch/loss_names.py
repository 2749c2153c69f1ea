"""Each PyTorch loss class that --loss takes by name, against the loss cnnc's module writes for it.

The manifest (JSON, the first argument) lists {name, module, classes}: a module written with
"--loss NAME" for a model ending in softmax or sigmoid over `classes`. Its build_loss() reads the
model's output, probabilities, where torch's CrossEntropyLoss and BCEWithLogitsLoss read the logits
before the softmax or sigmoid, and NLLLoss and KLDivLoss their log: each is given what it reads, from
the same random logits and targets, and one line "RESULT {json}" gives both values for each name.
"""
import importlib.util
import json
import sys

import torch
from torch import nn


def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main():
    with open(sys.argv[1], encoding="utf-8") as file:
        manifest = json.load(file)
    torch.manual_seed(23)
    results = {}
    for case in manifest:
        name, classes = case["name"], case["classes"]
        ours = load(case["module"], "loss_" + name).build_loss()
        logits = torch.randn(6, classes, dtype=torch.float64)
        if name in ("CrossEntropyLoss", "NLLLoss"):
            probabilities = torch.softmax(logits, dim=1)
            target = torch.randint(0, classes, (6,))
            theirs = (nn.CrossEntropyLoss()(logits, target) if name == "CrossEntropyLoss"
                      else nn.NLLLoss()(torch.log(probabilities), target))
        elif name == "KLDivLoss":
            probabilities = torch.softmax(logits, dim=1)
            target = torch.softmax(torch.randn(6, classes, dtype=torch.float64), dim=1)
            # the sum over the classes, averaged over the examples: Keras's KLDivergence
            theirs = nn.KLDivLoss(reduction="batchmean")(torch.log(probabilities), target)
        else:
            probabilities = torch.sigmoid(logits)
            target = torch.randint(0, 2, (6, classes)).to(torch.float64)
            theirs = {"BCELoss": lambda: nn.BCELoss()(probabilities, target),
                      "BCEWithLogitsLoss": lambda: nn.BCEWithLogitsLoss()(logits, target),
                      "MSELoss": lambda: nn.MSELoss()(probabilities, target),
                      "L1Loss": lambda: nn.L1Loss()(probabilities, target)}[name]()
        results[name] = {"ours": float(ours(probabilities, target)), "theirs": float(theirs)}
    print("RESULT " + json.dumps(results))


if __name__ == "__main__":
    main()
