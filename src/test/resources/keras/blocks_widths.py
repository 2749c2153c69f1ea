"""Two residual units alike but for their width (8, then 16 filters): cnnc import makes them one block
with the width as its parameter, used twice (KerasImportTest.aBlockTakesTheWidthItsUsesDiffer)."""
import keras
from keras import layers


def unit(x, filters, name):
    x = layers.Conv2D(filters, 1, name=name + "_conv")(x)
    y = layers.Conv2D(filters, 3, padding="same", activation="relu", name=name + "_1_conv")(x)
    y = layers.Conv2D(filters, 3, padding="same", name=name + "_2_conv")(y)
    return layers.Add(name=name + "_add")([x, y])


def build_model():
    inputs = keras.Input((16, 16, 3))
    x = unit(inputs, 8, "unit1")
    x = unit(x, 16, "unit2")
    x = layers.GlobalAveragePooling2D(name="pool")(x)
    return keras.Model(inputs, layers.Dense(10, name="logits")(x), name="widths")
