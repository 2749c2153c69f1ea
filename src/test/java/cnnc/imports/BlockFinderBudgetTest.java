package cnnc.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnnc.bench.BlockFindingBenchmark;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The block finding's bound on its work (BlockFinder.budget): the search is counted in the statements of the
 * states it makes, and a long irregular list, where it would otherwise grow with the cube of the statements (1,000
 * random statements: 41.6 million, 35 s), stops at the budget with a description that is still the model.
 */
class BlockFinderBudgetTest {
    @Test
    void aLongIrregularListStopsAtTheBudgetWithTheSameModel() {
        int layers = 5_000;
        List<String> statements = BlockFindingBenchmark.mixes().get("random").apply(layers);
        BlockFinder.Found found = BlockFinder.find(lines(statements), word -> false);
        // the search stops before making a state once past the budget: at most one state (the list) over it
        assertTrue(found.work() > BlockFinder.budget(layers), "the random list no longer reaches the budget: "
                + found.work() + ", so this test shows nothing; take a longer list");
        assertTrue(found.work() <= BlockFinder.budget(layers) + layers, found.work() + " statements of states made, "
                + "the budget is " + BlockFinder.budget(layers) + " (2,000,000 + 100 a statement)");
        // the written description (blocks found before the budget) is the flat list's model: layers and parameters
        String written = BlockFindingBenchmark.write(statements);
        assertTrue(BlockFindingBenchmark.checked("random", statements, written, layers) > 0);
    }

    @Test
    void aModelOfRepeatedUnitsIsFoundWellWithinTheBudget() {
        // VGG's unit 2,000 times: one repetition, 27 statements of states per statement
        int layers = 6_000;
        List<String> statements = BlockFindingBenchmark.mixes().get("one unit").apply(layers);
        BlockFinder.Found found = BlockFinder.find(lines(statements), word -> false);
        assertTrue(found.work() < BlockFinder.budget(layers) / 10, found.work() + " of " + BlockFinder.budget(layers));
        // one statement, the unit's block used 6,000 / 3 = 2,000 times
        List<String> top = found.lines().stream().map(BlockFinder.Line::code).toList();
        assertEquals(1, top.size(), top.toString());
        assertTrue(top.get(0).endsWith(" x2000"), top.get(0));
        String definition = String.join("\n", found.definitions());
        assertTrue(definition.contains("conv 64@3 same") && definition.contains("bn") && definition.contains("relu"),
                definition);
    }

    private static List<BlockFinder.Line> lines(List<String> statements) {
        return java.util.stream.IntStream.range(0, statements.size())
                .mapToObj(i -> new BlockFinder.Line(statements.get(i), "", "layer" + i / 2 + "_" + i % 2, true, 64))
                .toList();
    }
}
