package io.ocean.jq;

import io.ocean.core.Entity;
import java.util.List;

/**
 * What mapping a batch of items produced.
 *
 * @param passed  entities of items whose selector was true
 * @param failed  entities of items whose selector was false
 * @param errors  the expressions that failed, one per (item, field)
 * @param skipped items that produced no entity (no identifier or no blueprint)
 */
public record MappingResult(List<Entity> passed, List<Entity> failed, List<MappingError> errors, int skipped) {

    /** Copies the lists. */
    public MappingResult {
        passed = List.copyOf(passed);
        failed = List.copyOf(failed);
        errors = List.copyOf(errors);
    }
}
