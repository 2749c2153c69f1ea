package cnnc.backend.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The model zoo against keras.applications (zoo.py, in the Keras process of {@link KerasRun}):
 * every layer has its twin of the same kind, output shape and parameter count, and the totals are
 * the published figures, which Keras's own models must give too.
 */
class KerasZooTest {

    /**
     * Published parameter counts of keras.applications (Keras's documentation; ResNet50's and ResNet101's trainable
     * split from their summaries).
     */
    @ParameterizedTest
    @CsvSource({
        "vgg16,       VGG16,       138357544, 138357544",
        "resnet50,    ResNet50,     25636712,  25583592",
        "resnet101,   ResNet101,    44707176,  44601832",
        "mobilenetv2, MobileNetV2,   3538984,   3504872",
        "densenet121, DenseNet121,   8062504,   7978856",
        "inceptionv3, InceptionV3,  23851784,  23817352",
        "efficientnetb0, EfficientNetB0, 5330571, 5288548",
        "nasnetmobile, NASNetMobile,   5326716,   5289978",
        "convnexttiny, ConvNeXtTiny, 28589128, 28589128",
        "mobilenetv3small, MobileNetV3Small, 2554968, 2542856",
    })
    void theZooModelHasKerasApplicationsLayersAndPublishedTotals(String name, String application, long total,
                                                               long trainable) {
        JsonNode result = KerasRun.get().zoo.get(name);
        assertEquals(application, result.get("application").asText());
        List<String> problems = new ArrayList<>();
        result.get("problems").forEach(p -> problems.add(p.asText()));
        assertEquals(List.of(), problems, name + " against keras.applications." + application);
        JsonNode keras = result.get("keras");
        assertEquals(total, keras.get("params").asLong(), "keras.applications." + application + " total");
        assertEquals(trainable, keras.get("trainableParams").asLong(), "keras.applications." + application + " trainable");
        assertEquals(total - trainable, keras.get("nonTrainableParams").asLong());
    }
}
