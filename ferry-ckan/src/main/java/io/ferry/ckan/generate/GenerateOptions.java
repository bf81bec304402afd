package io.ferry.ckan.generate;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

/**
 * What to generate.
 *
 * @param datasets     how many datasets (at least 1, at most 5,000,000); everything else scales with it
 * @param seed         the same seed and options always produce the same catalog, row for row
 * @param harvestShape which shape the harvest tables have
 * @param jobs         how many connections write tables and build indexes in parallel (1 to 16); the
 *                     rows do not depend on it
 */
public record GenerateOptions(int datasets, long seed, HarvestShape harvestShape, int jobs) {
    public static final int MAX_DATASETS = 5_000_000;
    public static final int DEFAULT_JOBS = 3;

    public GenerateOptions(int datasets, long seed, HarvestShape harvestShape) {
        this(datasets, seed, harvestShape, DEFAULT_JOBS);
    }

    public GenerateOptions {
        if (datasets < 1 || datasets > MAX_DATASETS) {
            throw new FerryException(ErrorCode.USAGE, "--datasets must be between 1 and " + MAX_DATASETS
                    + ", not " + datasets);
        }
        if (jobs < 1 || jobs > 16) {
            throw new FerryException(ErrorCode.USAGE, "--jobs must be between 1 and 16, not " + jobs);
        }
        if (harvestShape == null) {
            throw new FerryException(ErrorCode.USAGE, "no harvest shape given");
        }
    }
}
