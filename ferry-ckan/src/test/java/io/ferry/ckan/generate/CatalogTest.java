package io.ferry.ckan.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The catalog's shape at data.gov.uk's size, without a database. */
class CatalogTest {
    @Test
    void publishersAreSkewedLikeDataGovUk() {
        Catalog c = new Catalog(new GenerateOptions(45000, 1, HarvestShape.DGU));
        assertEquals(1401, c.publishers);
        assertEquals(1100, c.dataPublishers);
        int[] counts = Arrays.copyOf(c.datasetCount, c.dataPublishers);
        assertEquals(45000, Arrays.stream(counts).sum());
        Arrays.sort(counts);
        int median = counts[counts.length / 2];
        assertTrue(median >= 1 && median <= 3, "median " + median);
        // Most datasets sit in a few publishers: the largest tenth hold well over half.
        int top = Arrays.stream(counts, counts.length * 9 / 10, counts.length).sum();
        assertTrue(top > 45000 * 0.6, "top tenth hold " + top);
        assertTrue(Arrays.stream(counts).allMatch(n -> n >= 1));
    }

    @Test
    void textIsEscapedForCopy() {
        assertEquals("a-b-c", Words.slug("A & B, C!", 100));
        assertEquals("\"say \\\"hi\\\"\\n\"", Words.json("say \"hi\"\n"));
    }
}
