"""torchvision models as cnnc import takes them: made without arguments, in one module the tests name.

GoogLeNet is made without its auxiliary heads: in eval mode forward() never calls them, so their
parameters would be the module's but not the description's (torchvision.models:googlenet as it is, is
refused for it, at aux1).
"""
import torchvision


def googlenet():
    return torchvision.models.googlenet(aux_logits=False, init_weights=False)
