package cnnc.testing;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.Executable;
import org.opentest4j.AssertionFailedError;

/**
 * Test cases made at run time, one per file or model, named after it. Surefire's console lists a failed
 * case by its index ({@code samples()[23]}) and the first lines of its failure: the failure begins with
 * the case's name, so that the console says which file failed as the XML report does (pom.xml reports
 * cases by their display names).
 */
public final class Cases {
    private Cases() {
    }

    /** The test {@code name}, whose failure message starts with {@code name}. */
    public static DynamicTest named(String name, Executable body) {
        return DynamicTest.dynamicTest(name, () -> {
            try {
                body.execute();
            } catch (AssertionFailedError failure) {
                if (String.valueOf(failure.getMessage()).startsWith(name)) {
                    throw failure;
                }
                AssertionFailedError named = failure.isExpectedDefined() && failure.isActualDefined()
                        ? new AssertionFailedError(name + ": " + failure.getMessage(), failure.getExpected(),
                                failure.getActual(), failure)
                        : new AssertionFailedError(name + ": " + failure.getMessage(), failure);
                named.setStackTrace(failure.getStackTrace());
                throw named;
            } catch (AssertionError failure) {
                if (String.valueOf(failure.getMessage()).startsWith(name)) {
                    throw failure;
                }
                AssertionError named = new AssertionError(name + ": " + failure.getMessage(), failure);
                named.setStackTrace(failure.getStackTrace());
                throw named;
            }
        });
    }
}
