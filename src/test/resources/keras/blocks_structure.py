"""Two residual units whose branches differ in structure (two convolutions, then three): nothing to fold,
cnnc import writes no block (KerasImportTest.usesThatDifferInStructureAreNotFolded)."""
import keras
from keras import layers


def unit(x, filters, convolutions, name):
    x = layers.Conv2D(filters, 1, name=name + "_conv")(x)
    y = x
    for i in range(convolutions):
        y = layers.Conv2D(filters, 3, padding="same", activation="relu", name=name + "_" + str(i + 1) + "_conv")(y)
    return layers.Add(name=name + "_add")([x, y])


def build_model():
    inputs = keras.Input((16, 16, 3))
    x = unit(inputs, 8, 2, "unit1")
    x = unit(x, 16, 3, "unit2")
    x = layers.GlobalAveragePooling2D(name="pool")(x)
    return keras.Model(inputs, layers.Dense(10, name="logits")(x), name="structure")
