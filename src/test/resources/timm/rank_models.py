"""The samples of sequences and volumes beside their references in torch, in one process.

usage: python rank_models.py MANIFEST.json RESULTS.json
       python rank_models.py REFERENCE INPUT   (one reference's figures; INPUT as cnnc writes it, 32000x1)

A reference is one of:
- dai:m3, dai:m5, dai:m11, dai:m18, dai:m34_res: the raw-waveform networks of Dai et al., "Very deep
  convolutional neural networks for raw waveforms" (ICASSP 2017, arXiv:1610.00087), written below from
  their Table 1;
- cicek:unet3d: the 3-D U-Net of Cicek et al. (MICCAI 2016, arXiv:1606.06650), written below from its Fig. 1;
- torchvision:NAME: torchvision.models.video.NAME(weights=None), torchvision's own code.

The manifest lists cases {"title", "reference", "input" ([C, spatial sizes...]), "module" (the module cnnc
generates for the sample, or null where it writes none)}. RESULTS.json receives {title: {"params",
"unbatchnormed" (parameters outside batch norm), "buffers", "macs", "output" (the output's shape, channels
last as cnnc writes it), "error", "problems"}}, the figures as timm_models.py takes them, and the module's
output compared with the reference's, the reference's weights copied in, as timm_models.py compares them.
"""
import sys
from pathlib import Path

import torch
from torch import nn

sys.path.insert(0, str(Path(__file__).resolve().parent))
# timm_models defines the two operators that let torchvision import on CPU torch: before torchvision.
from timm_models import SEED, compare_outputs, figures, run_manifest  # noqa: E402
import torchvision  # noqa: E402


# Batch norm's epsilon: neither paper gives one; the samples take cnnc's default, Keras's 0.001 (Dai et al.'s
# reference implementation is in Keras), not torch's 1e-5, which left the outputs 2e-4 to 1.5e-3 apart in
# float64 as in float32 (with the norms' statistics drawn at random).
EPS = 1e-3


def cbr1d(cin, cout, kernel=3, stride=1, padding=1):
    """A conv with its bias, batch norm and ReLU: every layer of Dai et al.'s Table 1."""
    return [nn.Conv1d(cin, cout, kernel, stride, padding), nn.BatchNorm1d(cout, eps=EPS), nn.ReLU()]


# Table 1, a column per model: the first conv's filters (80 wide, stride 4), then the 3-wide convs' filters
# and "M" for a 4x1 max pooling. The table's last pooling gives 32 of 125 (ceil_mode): "C".
DAI = {
    "m3": [256, "M", 256, "M"],
    "m5": [128, "M", 128, "M", 256, "M", 512, "C"],
    "m11": [64, "M"] + [64] * 2 + ["M"] + [128] * 2 + ["M"] + [256] * 3 + ["C"] + [512] * 2,
    "m18": [64, "M"] + [64] * 4 + ["M"] + [128] * 4 + ["M"] + [256] * 4 + ["C"] + [512] * 4,
}
# M34-res: residual blocks [3, f; 3, f] x n per stage, with pooling between stages.
DAI_RES = [(48, 3), (96, 4), (192, 6), (384, 3)]


class ResBlock1d(nn.Module):
    """[3, f; 3, f] with a shortcut: identity, or where the channels double a 1x1 conv and batch norm
    (ResNet's projection; the paper does not say)."""

    def __init__(self, cin, cout):
        super().__init__()
        self.body = nn.Sequential(*cbr1d(cin, cout), nn.Conv1d(cout, cout, 3, 1, 1), nn.BatchNorm1d(cout, eps=EPS))
        self.shortcut = nn.Identity() if cin == cout else nn.Sequential(
            nn.Conv1d(cin, cout, 1, bias=False), nn.BatchNorm1d(cout, eps=EPS))

    def forward(self, x):
        return torch.relu(self.body(x) + self.shortcut(x))


def dai(name, classes=10):
    # 'same' padding for the first conv on 32000 samples: Keras pads 76 in all, 38 each side.
    layers = []
    if name == "m34_res":
        first = DAI_RES[0][0]
        layers += cbr1d(1, first, 80, 4, 38) + [nn.MaxPool1d(4)]
        cin = first
        for stage, (f, n) in enumerate(DAI_RES):
            for _ in range(n):
                layers.append(ResBlock1d(cin, f))
                cin = f
            if stage < len(DAI_RES) - 1:
                layers.append(nn.MaxPool1d(4, ceil_mode=stage == len(DAI_RES) - 2))
    else:
        cin = 1
        for i, item in enumerate(DAI[name]):
            if item in ("M", "C"):
                layers.append(nn.MaxPool1d(4, ceil_mode=item == "C"))
            else:
                layers += cbr1d(cin, item, 80, 4, 38) if i == 0 else cbr1d(cin, item)
                cin = item
    return nn.Sequential(*layers, nn.AdaptiveAvgPool1d(1), nn.Flatten(), nn.Linear(cin, classes), nn.Softmax(1))


class UNet3d(nn.Module):
    """Cicek et al.'s Fig. 1: two valid 3x3x3 convs (batch norm before each ReLU) per level, 2x2x2 max
    pooling, 2x2x2 up-convolutions of stride 2 (no bias), the analysis path's output cropped to the
    up-convolution's and concatenated after it, and a 1x1x1 conv to the classes."""

    def __init__(self, channels=3, classes=3):
        super().__init__()

        def twice(cin, mid, cout):
            return nn.Sequential(nn.Conv3d(cin, mid, 3), nn.BatchNorm3d(mid, eps=EPS), nn.ReLU(),
                                 nn.Conv3d(mid, cout, 3), nn.BatchNorm3d(cout, eps=EPS), nn.ReLU())

        self.down = nn.ModuleList([twice(channels, 32, 64), twice(64, 64, 128), twice(128, 128, 256),
                                   twice(256, 256, 512)])
        self.pool = nn.MaxPool3d(2)
        self.ups = nn.ModuleList([nn.ConvTranspose3d(c, c, 2, 2, bias=False) for c in (512, 256, 128)])
        self.convs = nn.ModuleList([twice(512 + 256, 256, 256), twice(256 + 128, 128, 128), twice(128 + 64, 64, 64)])
        self.out = nn.Conv3d(64, classes, 1)

    def forward(self, x):
        skips = []
        for i, level in enumerate(self.down):
            x = level(x)
            if i < len(self.down) - 1:
                skips.append(x)
                x = self.pool(x)
        for up, conv, skip in zip(self.ups, self.convs, reversed(skips)):
            x = up(x)
            c = [(s - t) // 2 for s, t in zip(skip.shape[2:], x.shape[2:])]
            skip = skip[:, :, c[0]:c[0] + x.shape[2], c[1]:c[1] + x.shape[3], c[2]:c[2] + x.shape[4]]
            x = conv(torch.cat([x, skip], 1))
        return self.out(x)


def create(reference):
    family, name = reference.split(":")
    if family == "dai":
        return dai(name).eval()
    if family == "cicek":
        return UNet3d().eval()
    if family == "torchvision":
        return getattr(torchvision.models.video, name)(weights=None).eval()
    raise ValueError(f"unknown reference {reference}")


def unbatchnormed(model):
    """Parameters outside batch norm: what Cicek et al. count."""
    normed = sum(p.numel() for m in model.modules() if isinstance(m, nn.modules.batchnorm._BatchNorm)
                 for p in m.parameters(recurse=False))
    return sum(p.numel() for p in model.parameters()) - normed


def measure(reference, shape):
    """The figures of the reference, built and run on torch's meta device: shapes without values, at no cost."""
    with torch.device("meta"):
        model = create(reference)
        params, buffers, macs = figures(model, shape)
        out = model(torch.zeros([1] + shape))
    output = list(out.shape[2:]) + [out.shape[1]]
    return {"params": params, "unbatchnormed": unbatchnormed(model), "buffers": buffers, "macs": macs,
            "output": output, "error": None, "problems": []}


def compare(case, index):
    result = measure(case["reference"], case["input"])
    if case.get("module"):
        torch.manual_seed(SEED)
        reference = create(case["reference"])
        result["problems"], result["error"] = compare_outputs(reference, case["module"], case["input"], index)
    return result


def main():
    if len(sys.argv) < 3 or not sys.argv[1].endswith(".json"):
        sizes = [int(d) for d in sys.argv[2].split("x")]
        r = measure(sys.argv[1], sizes[-1:] + sizes[:-1])
        print(f"{sys.argv[1]} on {sys.argv[2]} (torch {torch.__version__}, torchvision {torchvision.__version__}): "
              f"{r['params']:,} parameters ({r['unbatchnormed']:,} outside batch norm), {r['buffers']:,} buffer "
              f"values, {r['macs']:,} MACs, output {'x'.join(map(str, r['output']))}")
        return
    run_manifest(compare, sys.argv[1], sys.argv[2])


if __name__ == "__main__":
    main()
